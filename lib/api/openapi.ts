import { z } from "zod";
import { answerSchemas, bodySchemas } from "./api-schemas";
import { CACHE_SECONDS } from "./http-cache";
import {
  headers,
  parameters,
  responses,
  tidyJsonSchema,
  type JsonSchema,
  type OpenApiDocument,
  type PathItemObject,
} from "./openapi-parts";
import { exportPaths, feedResponses, readPaths } from "./openapi-read";
import { RATE_LIMIT_DEFAULT_PER_MINUTE } from "./rate-limit";
import { securitySchemes, writePaths, writeResponses } from "./openapi-write";

// The OpenAPI 3.1 description of the public JSON API, the Atom feeds, the
// search exports and the curators' write API (with its token endpoints). Served
// at /api/v1/openapi.json, rendered for people at /developers, and used by the
// tests to check real answers of every endpoint against their schemas.
//
// Its schemas are generated from zod, never written by hand: the answers and
// the write API's bodies from lib/api/api-schemas.ts, the query parameters from
// the schemas that read them (lib/validation/search-params.ts,
// lib/api/list-params.ts). What the paths add is prose and examples.
//
// Imported by the /developers page and the document's route: it must not
// import "server-only" modules (nor what they pull in: the database, the
// session). The few limits that live only in such modules are repeated in
// SERVER_LIMITS (lib/api/api-schemas.ts); lib/api/openapi.test.ts checks they
// still agree.
//
// How to add endpoints: put their path items into `writePaths`
// (lib/api/openapi-write.ts) or `readPaths`/`exportPaths`
// (lib/api/openapi-read.ts), and register the zod schemas of their answers in
// lib/api/api-schemas.ts. Reuse `ref`, `jsonContent`, `readHeaders` and
// `errors` (lib/api/openapi-parts.ts) so that every operation documents the
// same headers and errors. The human page lists every operation of `paths` by
// tag, in the order of `tags`.

export { SERVER_LIMITS } from "./api-schemas";
export type {
  JsonSchema,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  Reference,
  ResponseObject,
} from "./openapi-parts";

/** The component schemas of one registry, as `#/components/schemas/<id>` (zod's own `$schema` and `$id` dropped). */
function componentSchemas(registry: typeof answerSchemas, io: "input" | "output"): Record<string, JsonSchema> {
  const generated = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    override: tidyJsonSchema,
  });
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, generatedSchema]) => {
      const schema: JsonSchema = { ...generatedSchema };
      delete schema.$schema;
      delete schema.$id;
      return [id, schema];
    }),
  );
}

const paths: Record<string, PathItemObject> = { ...readPaths, ...writePaths, ...exportPaths };

// ——— The document ———

export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Statements tracker API",
    version: "1.1.0",
    description: [
      "Who said what, when, about what — and where it was reported: the statements of this collection as JSON, for notebooks, dashboards and other sites.",
      "",
      "- **Reading needs no key.** Every GET of /api/v1 and the exports answer any origin (CORS `Access-Control-Allow-Origin: *`; OPTIONS answers the preflight).",
      `- **Rate limit**: ${RATE_LIMIT_DEFAULT_PER_MINUTE} requests a minute per client address unless this site sets another; \`X-RateLimit-Limit\` and \`X-RateLimit-Remaining\` tell where you stand, and over the limit the answer is 429 with \`Retry-After\` (seconds).`,
      `- **Caching**: every answer of /api/v1 carries an \`ETag\`; send it back in \`If-None-Match\` and an unchanged answer is a 304 without a body. \`Cache-Control\` allows ${CACHE_SECONDS.list} s for lists and search and ${CACHE_SECONDS.item} s for one item.`,
      '- **Paging**: lists answer `{ "data": [...], "nextCursor": "…" }`; pass `nextCursor` back as `cursor` (with the same other parameters) until it is null. Pages are cut by position, not by offset: the millionth row is as quick as the first, and saves in between neither skip nor repeat a row.',
      '- **Errors** are JSON `{ "error": { "code", "message", "fields" } }`: a 400 names each parameter at fault and the rule (an unknown parameter is refused, so a typo does not silently widen a query), 404 for nothing public at the address, 503 while a service is down.',
      "- **Field names** are camelCase and the same in every endpoint; dates said are partial (`iso`, `precision`, `start`, `end`) because many statements are known only to the month or the year.",
      "- **Feeds and exports**: Atom feeds of the latest statements (all, per speaker, per topic, per search), and any search as a CSV or JSON Lines download.",
      "- **Embeds**: GET /api/oembed answers oEmbed for a statement's address with an iframe of its card.",
      "- **Reports** (since version 1.1.0): a statement is one entry however many outlets printed it. `GET /api/v1/statements/{id}` and the list give its `reports` (each source with its own wording and `reportedOn`, oldest first) and `firstReportedOn`; `sources` stays, deprecated, as the reports' sources; a search hit gives `reportCount`. A statement merged into another is no longer listed, found or served.",
      "- **Writing** (/api/curate/statements) is for curators: send a personal API token, made on the workspace's account page, as `Authorization: Bearer stk_…`. A script gets the editor's validation, version check (409 when someone saved in between) and history, with revisions attributed to the token's owner. The token endpoints take the workspace's session only.",
    ].join("\n"),
  },
  servers: [{ url: "/", description: "This site" }],
  tags: [
    { name: "Statements", description: "The statements, one at a time or the whole collection a page at a time." },
    { name: "Search", description: "Full-text search with facets (served by the search engine)." },
    { name: "Speakers", description: "People, organizations and groups who made statements." },
    { name: "Topics", description: "What the statements are about." },
    { name: "Dates", description: "When the statements were made." },
    {
      name: "Exports",
      description: "A whole search result as a file: CSV for spreadsheets, JSON Lines in the import format.",
    },
    {
      name: "Feeds",
      description:
        "Atom feeds of the latest published statements, for feed readers: all, a speaker's, a topic's, or any search's.",
    },
    {
      name: "Embeds",
      description: "A statement as a card on another site: oEmbed for its address, an iframe of the card.",
    },
    {
      name: "Write API",
      description:
        "Add, edit, retract and restore statements as a curator, with a personal API token: the same validation, version check and history as the workspace's editor.",
    },
    {
      name: "API tokens",
      description:
        "A curator's personal API tokens (workspace session only: a token cannot make, list or revoke tokens).",
    },
    { name: "About the API", description: "This description itself." },
  ],
  paths,
  components: {
    schemas: { ...componentSchemas(answerSchemas, "output"), ...componentSchemas(bodySchemas, "input") },
    parameters,
    responses: { ...responses, ...writeResponses, ...feedResponses },
    headers,
    securitySchemes,
  },
};
