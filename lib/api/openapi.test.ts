import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/curator-route";
import { API_TOKEN_LIMITS } from "@/lib/auth/api-tokens";
import { FEED_SIZE } from "@/lib/feeds/statement-feed";
import { openApiChecker } from "@/tests/support/openapi-check";
import {
  SERVER_LIMITS,
  openApiDocument,
  type OperationObject,
  type ParameterObject,
  type Reference,
  type ResponseObject,
} from "./openapi";

// The OpenAPI document itself: valid OpenAPI 3.1, every component a valid JSON
// Schema (2020-12), every example valid against its schema, and every route of
// the public API (app/api/v1), the feeds and exports, and the write API
// (app/api/curate/statements, app/api/curate/tokens) described. (The e2e tests
// api-v1, curate-tokens and feeds-exports check real answers against it.)

const doc = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;
const checker = openApiChecker(doc as never);

type RequestBody = NonNullable<OperationObject["requestBody"]>;

function operations(): Array<{ path: string; method: string; operation: OperationObject }> {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, operation]) => ({ path: p, method, operation: operation as OperationObject })),
  );
}

/** Every media type of an operation's answers and request body, with where it is. */
function mediaOf(
  operation: OperationObject,
): Array<{ where: string; mediaType: string; schema: object; example: unknown }> {
  const found: Array<{ where: string; mediaType: string; schema: object; example: unknown }> = [];
  for (const [status, raw] of Object.entries(operation.responses)) {
    for (const [mediaType, media] of Object.entries(
      checker.resolve<ResponseObject>(raw as ResponseObject | Reference).content ?? {},
    )) {
      found.push({ where: status, mediaType, schema: media.schema, example: media.example });
    }
  }
  for (const [mediaType, media] of Object.entries((operation.requestBody as RequestBody | undefined)?.content ?? {})) {
    found.push({ where: "request body", mediaType, schema: media.schema, example: media.example });
  }
  return found;
}

type Route = { template: string; methods: string[]; rateLimited: boolean; takesTokens: boolean };

/** Where the described routes live (folders, searched in depth). */
const DESCRIBED_ROUTES = [
  "app/api/v1",
  "app/api/curate/statements",
  "app/api/curate/tokens",
  "app/search/export",
  "app/feed.xml",
  "app/search/feed.xml",
  "app/api/oembed",
  "app/speakers/[slug]/feed.xml",
  "app/topics/[slug]/feed.xml",
];

/**
 * Routes in those folders that are neither public nor part of the write API:
 * the editor's own helpers, session only (a test below checks that they take
 * no token: one that starts to must be described).
 */
const UNDESCRIBED_ROUTES: Record<string, string> = {
  "/api/curate/statements/duplicates": "the editor's duplicate warning while typing",
  "/api/curate/statements/lookup": "the editor's picker of statements to link",
  "/api/curate/statements/{id}/reviews": "the workspace's fact-check editor (session only)",
};

/**
 * Route files under `dir` as OpenAPI path templates
 * (app/api/v1/statements/[id]/route.ts → /api/v1/statements/{id}), with the
 * HTTP methods they export (OPTIONS, the CORS preflight, and HEAD left out),
 * whether they go through the rate limit (publicGet), and whether they take a
 * personal API token (`apiTokens: true`, judged per file).
 */
function routeTemplates(dir: string): Route[] {
  const found: Route[] = [];
  for (const entry of fs.readdirSync(path.resolve(dir), { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routeTemplates(full));
    else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      const methods = [
        ...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]!.toLowerCase());
      const template = `/${path
        .dirname(full)
        .split(path.sep)
        .slice(1)
        .join("/")
        .replace(/\[(\w+)\]/g, "{$1}")}`;
      found.push({
        template,
        methods: [...new Set(methods)].sort(),
        rateLimited: /\bpublicGet\b/.test(source),
        takesTokens: /\bapiTokens:\s*true\b/.test(source),
      });
    }
  }
  return found;
}

const allRoutes = DESCRIBED_ROUTES.flatMap((dir) => routeTemplates(dir));
const routes = allRoutes.filter((route) => !(route.template in UNDESCRIBED_ROUTES));
const routeOf = (template: string) => routes.find((route) => route.template === template);

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator({ strict: false });
    const result = await validator.validate(doc as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has schemas (components, responses, parameters) that compile as JSON Schema 2020-12 in strict mode", () => {
    for (const name of Object.keys(doc.components.schemas)) expect(() => checker.validator(name), name).not.toThrow();
    for (const { path: p, operation } of operations()) {
      for (const { where, mediaType, schema } of mediaOf(operation))
        expect(() => checker.validator(schema as never), `${p} ${where} ${mediaType}`).not.toThrow();
      for (const raw of operation.parameters ?? []) {
        const parameter = checker.resolve<ParameterObject>(raw as ParameterObject | Reference);
        expect(() => checker.validator(parameter.schema), `${p} ${parameter.name}`).not.toThrow();
      }
    }
  });

  it("describes every route of the public API, the feeds and exports and the write API with each of its methods, and nothing that is not there", () => {
    expect(routes.filter((r) => r.template.startsWith("/api/v1/")).length).toBeGreaterThanOrEqual(9);
    expect(routes.filter((r) => r.template.startsWith("/api/curate/")).length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(doc.paths).sort()).toEqual(routes.map((r) => r.template).sort());
    for (const route of routes) {
      const documented = Object.keys(doc.paths[route.template]!).sort();
      expect(documented, route.template).toEqual(route.methods);
    }
  });

  it("leaves out only the editor's helpers, which take no token", () => {
    for (const template of Object.keys(UNDESCRIBED_ROUTES)) {
      const route = allRoutes.find((r) => r.template === template);
      expect(route, `${template} is listed as not described but has no route file`).toBeDefined();
      expect(route!.takesTokens, `${template} takes API tokens: describe it`).toBe(false);
    }
  });

  it("repeats the server-only limits as they are", () => {
    expect(SERVER_LIMITS.tokenNameMaxLength).toBe(API_TOKEN_LIMITS.nameMaxLength);
    expect(SERVER_LIMITS.activeTokensPerUser).toBe(API_TOKEN_LIMITS.activePerUser);
    expect(SERVER_LIMITS.bodyMaxBytes).toBe(MAX_BODY_BYTES);
    expect(SERVER_LIMITS.feedSize).toBe(FEED_SIZE);
    const written = String(SERVER_LIMITS.tokenBodyMaxBytes).replace(/\B(?=(\d{3})+$)/g, "_");
    expect(fs.readFileSync("app/api/curate/tokens/route.ts", "utf8")).toContain(`readJsonBody(request, ${written})`);
  });

  it("gives every operation a unique id, a summary, a tag, an answer and its errors", () => {
    const ids = new Set<string>();
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { path: p, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${p}`;
      const statuses = Object.keys(operation.responses);
      expect(ids.has(operation.operationId), where).toBe(false);
      ids.add(operation.operationId);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags.length, where).toBeGreaterThan(0);
      expect(
        operation.tags.every((t) => tags.has(t)),
        where,
      ).toBe(true);
      expect(
        statuses.some((status) => /^2\d\d$/.test(status)),
        where,
      ).toBe(true);
      // Every operation that takes query parameters can refuse them; every one that reads data can be unavailable.
      const inQuery = (operation.parameters ?? [])
        .map((raw) => checker.resolve<ParameterObject>(raw as ParameterObject | Reference))
        .filter((q) => q.in === "query");
      if (inQuery.length > 0) expect(statuses, where).toContain("400");
      if (p !== "/api/v1/openapi.json") expect(statuses, where).toContain("503");
      for (const parameter of operation.parameters ?? []) expect(() => checker.resolve(parameter), where).not.toThrow();
      // What goes through the rate limit (publicGet) says so, and nothing else does. (A path without a route is reported above.)
      const route = routeOf(p);
      if (route) expect(statuses.includes("429"), where).toBe(route.rateLimited);
    }
  });

  it("gives every read of /api/v1 an example request and its caching answers; nothing else has an example request", () => {
    // e2e/api-v1.spec.ts requests every x-example-request and expects an /api/v1 answer (ETag, rate limit headers).
    for (const { path: p, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${p}`;
      if (method === "get" && p.startsWith("/api/v1/")) {
        expect(operation["x-example-request"], where).toMatch(/^\/api\/v1\//);
        expect(checker.templateOf(operation["x-example-request"]!.split("?")[0]!), where).toBe(p);
        expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(["200", "304", "429"]));
      } else {
        expect(operation["x-example-request"], where).toBeUndefined();
      }
    }
  });

  it("gives every operation of /api/curate its credentials and their refusals, and nothing else any", () => {
    const schemes = doc.components.securitySchemes ?? {};
    for (const { path: p, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${p}`;
      if (!p.startsWith("/api/curate/")) {
        expect(operation.security, where).toBeUndefined();
        continue;
      }
      const names = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
      expect(names.length, where).toBeGreaterThan(0);
      for (const name of names) expect(Object.keys(schemes), where).toContain(name);
      expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(["401", "403", "503"]));
      if (operation.requestBody || (operation.parameters ?? []).length > 0)
        expect(Object.keys(operation.responses), where).toContain("400");
      // A token is documented exactly where the route takes one (the write API; never the token endpoints).
      const route = routeOf(p);
      if (route) expect(names.includes("apiToken"), where).toBe(route.takesTokens);
      expect(names, where).toContain("session");
    }
  });

  it("gives parameters per operation, not per path (the API page and its e2e test read operations only)", () => {
    for (const [p, item] of Object.entries(doc.paths)) expect(Object.keys(item), p).not.toContain("parameters");
  });

  it("describes JSON answers with a schema, and other answers (feeds, files, plain text) as strings of their media type", () => {
    for (const { path: p, method, operation } of operations()) {
      for (const { where, mediaType, schema } of mediaOf(operation)) {
        const at = `${method.toUpperCase()} ${p} ${where} ${mediaType}`;
        if (mediaType === "application/json") continue;
        expect(mediaType, at).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
        expect(schema, at).toEqual({ type: "string" });
      }
    }
  });

  it("has examples that match their own schemas", () => {
    let checked = 0;
    for (const { path: p, operation } of operations()) {
      for (const { where, mediaType, schema, example } of mediaOf(operation)) {
        if (example === undefined) continue;
        const validate = checker.validator(schema as never);
        expect(validate(example), `${p} ${where} ${mediaType}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked++;
      }
      for (const raw of operation.parameters ?? []) {
        const parameter = checker.resolve<ParameterObject>(raw as ParameterObject | Reference);
        if (parameter.example === undefined) continue;
        const validate = checker.validator(parameter.schema);
        expect(validate(parameter.example), `${p} ${parameter.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("is strict: an answer with a field the document does not name fails the check", () => {
    const example = checker.resolve<ResponseObject>(
      doc.paths["/api/v1/speakers/{slug}"]!.get!.responses["200"] as ResponseObject,
    ).content!["application/json"]!.example as object;
    const headers = {
      etag: 'W/"x"',
      "cache-control": "public",
      "access-control-allow-origin": "*",
      "x-ratelimit-limit": "1",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": "1",
    };
    expect(checker.check({ path: "/api/v1/speakers/angela-merkel", status: 200, headers, body: example })).toEqual([]);
    expect(
      checker
        .check({ path: "/api/v1/speakers/angela-merkel", status: 200, headers, body: { ...example, speakerName: "x" } })
        .join(),
    ).toMatch(/additional/);
    expect(
      checker.check({ path: "/api/v1/speakers/angela-merkel", status: 200, headers: {}, body: example }).join(),
    ).toMatch(/ETag is missing/);
    expect(
      checker.check({ path: "/api/v1/speakers/angela-merkel", status: 418, headers, body: example }).join(),
    ).toMatch(/not documented/);
    expect(checker.check({ path: "/api/v1/nothing", status: 200, headers, body: null }).join()).toMatch(/no path/);
    expect(
      checker
        .check({
          path: "/api/v1/speakers/angela-merkel",
          status: 200,
          headers: { ...headers, "content-type": "text/html" },
          body: example,
        })
        .join(),
    ).toMatch(/describes JSON/);
  });

  it("checks the answers that are not JSON by their media type, and the write API's", () => {
    const feed = {
      "content-type": "application/atom+xml; charset=utf-8",
      "cache-control": "public, max-age=60, s-maxage=30, stale-while-revalidate=300",
      vary: "Accept-Language, Cookie",
    };
    expect(checker.check({ path: "/topics/aleppo/feed.xml", status: 200, headers: feed, body: "<feed/>" })).toEqual([]);
    expect(
      checker
        .check({
          path: "/topics/aleppo/feed.xml",
          status: 200,
          headers: { ...feed, "content-type": "text/html" },
          body: "<html/>",
        })
        .join(),
    ).toMatch(/not one of application\/atom\+xml/);
    expect(
      checker.check({
        path: "/topics/nothing/feed.xml",
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8" },
        body: "No topic at this address.",
      }),
    ).toEqual([]);
    expect(
      checker.check({
        path: "/speakers/old-slug/feed.xml",
        status: 308,
        headers: { location: "/speakers/new-slug/feed.xml" },
        body: null,
      }),
    ).toEqual([]);

    const file = {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": 'attachment; filename="statements-2026-11-25.jsonl"',
      "cache-control": "no-store",
      "access-control-allow-origin": "*",
      "x-ratelimit-limit": "60",
      "x-ratelimit-remaining": "59",
      "x-ratelimit-reset": "60",
      "x-total-count": "1",
      "x-export-count": "1",
      "x-export-limit": "100000",
      "x-export-truncated": "false",
    };
    expect(checker.check({ path: "/search/export", status: 200, headers: file, body: "{}\n" })).toEqual([]);
    expect(
      checker.check({
        path: "/search/export",
        status: 200,
        headers: { ...file, "content-type": "text/csv; charset=utf-8; header=present" },
        body: "id\r\n",
      }),
    ).toEqual([]);
    const withoutCount = Object.fromEntries(Object.entries(file).filter(([name]) => name !== "x-export-count"));
    expect(checker.check({ path: "/search/export", status: 200, headers: withoutCount, body: "" }).join()).toMatch(
      /X-Export-Count is missing/,
    );

    // WWW-Authenticate comes with token requests only: marked required: false, it may be absent.
    const unauthenticated = { error: { code: "unauthenticated", message: "Log in to do this." } };
    expect(checker.check({ path: "/api/curate/tokens", status: 401, headers: {}, body: unauthenticated })).toEqual([]);
    expect(
      checker
        .check({
          path: "/api/curate/statements/42",
          method: "put",
          status: 409,
          headers: {},
          body: { error: { code: "version_conflict", message: "x" }, currentVersion: 3 },
        })
        .join(),
    ).toMatch(/current/);
    expect(
      checker.check({
        path: "/api/curate/tokens/5/revoke",
        method: "post",
        status: 404,
        headers: {},
        body: { error: { code: "not_found", message: "You have no API token 5." } },
      }),
    ).toEqual([]);
  });
});
