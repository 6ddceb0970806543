import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiChecker } from "@/tests/support/openapi-check";
import { openApiDocument, type OperationObject, type ParameterObject, type Reference, type ResponseObject } from "./openapi";

// The OpenAPI document itself: valid OpenAPI 3.1, every component a valid JSON
// Schema (2020-12), every example valid against its schema, and every route
// under app/api/v1 described. (e2e/api-v1.spec.ts checks real answers against it.)

const doc = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;
const checker = openApiChecker(doc as never);

function operations(): Array<{ path: string; method: string; operation: OperationObject }> {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, operation]) => ({ path: p, method, operation: operation as OperationObject })),
  );
}

type Route = { template: string; methods: string[] };

/**
 * Route files under app/api/v1 as OpenAPI path templates
 * (app/api/v1/statements/[id]/route.ts → /api/v1/statements/{id}), with the
 * HTTP methods they export (OPTIONS, the CORS preflight, and HEAD left out).
 */
function routeTemplates(dir = path.resolve("app/api/v1")): Route[] {
  const found: Route[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routeTemplates(full));
    else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
      const template = `/${path.relative(path.resolve("."), path.dirname(full)).split(path.sep).slice(1).join("/").replace(/\[(\w+)\]/g, "{$1}")}`;
      found.push({ template, methods: [...new Set(methods)].sort() });
    }
  }
  return found;
}

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
      for (const [status, raw] of Object.entries(operation.responses)) {
        const schema = checker.resolve<ResponseObject>(raw as ResponseObject | Reference).content?.["application/json"]?.schema;
        if (schema) expect(() => checker.validator(schema as never), `${p} ${status}`).not.toThrow();
      }
      for (const raw of operation.parameters ?? []) {
        const parameter = checker.resolve<ParameterObject>(raw as ParameterObject | Reference);
        expect(() => checker.validator(parameter.schema), `${p} ${parameter.name}`).not.toThrow();
      }
    }
  });

  it("describes every route under app/api/v1 with each of its methods, and nothing that is not there", () => {
    const routes = routeTemplates();
    expect(routes.length).toBeGreaterThanOrEqual(9);
    const described = Object.keys(doc.paths).filter((p) => p.startsWith("/api/v1/")).sort();
    expect(described).toEqual(routes.map((r) => r.template).sort());
    for (const route of routes) {
      const documented = Object.keys(doc.paths[route.template]!).filter((k) => k !== "parameters").sort();
      expect(documented, route.template).toEqual(route.methods);
    }
  });

  it("gives every operation a unique id, a summary, a tag, an example request and its errors", () => {
    const ids = new Set<string>();
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { path: p, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${p}`;
      expect(ids.has(operation.operationId), where).toBe(false);
      ids.add(operation.operationId);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags.every((t) => tags.has(t)), where).toBe(true);
      if (method === "get") {
        expect(operation["x-example-request"], where).toMatch(/^\/api\/v1\//);
        expect(checker.templateOf(operation["x-example-request"]!.split("?")[0]!), where).toBe(p);
        expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(["200", "304", "429"]));
      }
      // Every operation that takes query parameters can refuse them; every one that reads data can be unavailable.
      const inQuery = (operation.parameters ?? []).map((raw) => checker.resolve<ParameterObject>(raw as ParameterObject | Reference)).filter((q) => q.in === "query");
      if (inQuery.length > 0) expect(Object.keys(operation.responses), where).toContain("400");
      if (p !== "/api/v1/openapi.json") expect(Object.keys(operation.responses), where).toContain("503");
      for (const parameter of operation.parameters ?? []) expect(() => checker.resolve(parameter), where).not.toThrow();
    }
  });

  it("has examples that match their own schemas", () => {
    let checked = 0;
    for (const { path: p, operation } of operations()) {
      for (const [status, raw] of Object.entries(operation.responses)) {
        const response = checker.resolve<ResponseObject>(raw as ResponseObject | Reference);
        const media = response.content?.["application/json"];
        if (!media || media.example === undefined) continue;
        const validate = checker.validator(media.schema as never);
        expect(validate(media.example), `${p} ${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
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
    expect(checked).toBeGreaterThan(15);
  });

  it("is strict: an answer with a field the document does not name fails the check", () => {
    const example = checker.resolve<ResponseObject>(doc.paths["/api/v1/speakers/{slug}"]!.get!.responses["200"] as ResponseObject).content!["application/json"]!.example as object;
    const headers = { etag: 'W/"x"', "cache-control": "public", "access-control-allow-origin": "*", "x-ratelimit-limit": "1", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" };
    expect(checker.check({ path: "/api/v1/speakers/angela-merkel", status: 200, headers, body: example })).toEqual([]);
    expect(checker.check({ path: "/api/v1/speakers/angela-merkel", status: 200, headers, body: { ...example, speakerName: "x" } }).join()).toMatch(/additional/);
    expect(checker.check({ path: "/api/v1/speakers/angela-merkel", status: 200, headers: {}, body: example }).join()).toMatch(/ETag is missing/);
    expect(checker.check({ path: "/api/v1/speakers/angela-merkel", status: 418, headers, body: example }).join()).toMatch(/not documented/);
    expect(checker.check({ path: "/api/v1/nothing", status: 200, headers, body: null }).join()).toMatch(/no path/);
  });
});
