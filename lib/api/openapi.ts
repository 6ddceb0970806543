import { ROLES } from "@/lib/auth/roles";
import { CSV_CONTENT_TYPE } from "@/lib/export/csv";
import { JSONL_CONTENT_TYPE } from "@/lib/export/jsonl";
import { EXPORT_FORMATS, EXPORT_LIMITS } from "@/lib/export/limits";
import { ATOM_CONTENT_TYPE } from "@/lib/feeds/atom";
import { SUPPORTED_LANGUAGES } from "@/lib/languages";
import { SPEAKER_KINDS, STATEMENT_KINDS, STATEMENT_LIMITS } from "@/lib/validation/import-line";
import { SEARCH_LIMITS } from "@/lib/validation/search-params";
import { ATTRIBUTIONS, EDITABLE_STATUSES, FORM_LIMITS } from "@/lib/validation/statement-form";
import { CACHE_SECONDS } from "./http-cache";
import { STATEMENT_LIST_SORTS, STATEMENT_LIST_STATUSES } from "@/lib/validation/list-query";
import { LIST_LIMITS } from "./list-params";
import { RATE_LIMIT_DEFAULT_PER_MINUTE } from "./rate-limit";

// The OpenAPI 3.1 description of the public JSON API, the Atom feeds, the
// search exports and the curators' write API (with its token endpoints), as
// code. Served at /api/v1/openapi.json, rendered for people at /developers,
// and used by the tests to check real answers of every endpoint against their
// schemas.
//
// Imported by the /developers page and the document's route: it must not
// import "server-only" modules (nor what they pull in: the database, the
// session). The few limits that live only in such modules are repeated in
// SERVER_LIMITS below; lib/api/openapi.test.ts checks they still agree.
//
// How to add endpoints: put their path items into `writePaths` or
// `exportPaths` below (or a new group of the same kind, listed in `paths`), and
// their schemas into `schemas`. Reuse `ref`, `jsonContent`, `readHeaders` and
// `errors` so that every operation documents the same headers and errors. The
// human page lists every operation of `paths` by tag, in the order of `tags`.

// ——— Types: the part of OpenAPI 3.1 this file writes ———

/** A JSON Schema (2020-12 dialect, as OpenAPI 3.1 uses it). */
export type JsonSchema = { [keyword: string]: unknown };
export type Reference = { $ref: string; summary?: string; description?: string };

export type ParameterObject = {
  name: string;
  in: "query" | "path" | "header";
  description: string;
  required?: boolean;
  schema: JsonSchema;
  style?: "form" | "simple";
  explode?: boolean;
  example?: unknown;
};

export type HeaderObject = { description: string; schema: JsonSchema; required?: boolean };

export type MediaTypeObject = { schema: JsonSchema | Reference; example?: unknown };

export type ResponseObject = {
  description: string;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaTypeObject>;
};

export type OperationObject = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Array<ParameterObject | Reference>;
  requestBody?: { description?: string; required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject | Reference>;
  security?: Array<Record<string, string[]>>;
  /** A request to try, shown on the API page (an OpenAPI extension). */
  "x-example-request"?: string;
};

export type PathItemObject = Partial<Record<"get" | "post" | "put" | "patch" | "delete", OperationObject>> & { parameters?: Array<ParameterObject | Reference> };

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string; license?: { name: string; identifier?: string } };
  servers: Array<{ url: string; description?: string }>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    headers: Record<string, HeaderObject>;
    securitySchemes?: Record<string, unknown>;
  };
};

// ——— Helpers ———

export const ref = {
  schema: (name: string): Reference => ({ $ref: `#/components/schemas/${name}` }),
  parameter: (name: string): Reference => ({ $ref: `#/components/parameters/${name}` }),
  response: (name: string): Reference => ({ $ref: `#/components/responses/${name}` }),
  header: (name: string): Reference => ({ $ref: `#/components/headers/${name}` }),
};

const nullable = (schema: JsonSchema | Reference): JsonSchema =>
  "$ref" in schema ? { anyOf: [schema, { type: "null" }] } : { ...schema, type: [schema.type as string, "null"] };

export function jsonContent(schema: JsonSchema | Reference, example?: unknown): Record<string, MediaTypeObject> {
  return { "application/json": example === undefined ? { schema } : { schema, example } };
}

/** The headers of every successful read: validators, caching, CORS and the rate limit. */
export function readHeaders(): Record<string, Reference> {
  return {
    ETag: ref.header("ETag"),
    "Cache-Control": ref.header("CacheControl"),
    "Access-Control-Allow-Origin": ref.header("AccessControlAllowOrigin"),
    "X-RateLimit-Limit": ref.header("RateLimitLimit"),
    "X-RateLimit-Remaining": ref.header("RateLimitRemaining"),
    "X-RateLimit-Reset": ref.header("RateLimitReset"),
  };
}

function ok(description: string, schema: Reference, example: unknown): ResponseObject {
  return { description, headers: readHeaders(), content: jsonContent(schema, example) };
}

/** The error answers an operation can give, by status code. */
export function errors(...codes: Array<304 | 308 | 400 | 404 | 429 | 500 | 503>): Record<string, Reference> {
  const names: Record<number, string> = {
    304: "NotModified",
    308: "PermanentRedirect",
    400: "BadRequest",
    404: "NotFound",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
  };
  return Object.fromEntries(codes.map((code) => [String(code), ref.response(names[code]!)]));
}

/**
 * Limits of the server that live in "server-only" modules, repeated here
 * (see the head of this file); lib/api/openapi.test.ts checks each against
 * its source.
 */
export const SERVER_LIMITS = {
  /** API_TOKEN_LIMITS.nameMaxLength of lib/auth/api-tokens.ts */
  tokenNameMaxLength: 100,
  /** API_TOKEN_LIMITS.activePerUser of lib/auth/api-tokens.ts */
  activeTokensPerUser: 25,
  /** MAX_BODY_BYTES of lib/api/curator-route.ts: the body of a write API request */
  bodyMaxBytes: 1_000_000,
  /** readJsonBody(request, 10_000) of app/api/curate/tokens/route.ts */
  tokenBodyMaxBytes: 10_000,
  /** FEED_SIZE of lib/feeds/statement-feed.ts */
  feedSize: 50,
} as const;

/** The media type of a Content-Type value ("text/csv; charset=utf-8" → "text/csv"): the key of `content`. */
const mediaTypeOf = (contentType: string) => contentType.split(";")[0]!.trim();

const slugSchema: JsonSchema = { type: "string", minLength: 1, maxLength: 120 };
const isoDay: JsonSchema = { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const names: JsonSchema = {
  type: "object",
  description: "The name in each language it has one in (null where none).",
  additionalProperties: false,
  required: ["ar", "en", "de"],
  properties: { ar: { type: ["string", "null"] }, en: { type: ["string", "null"] }, de: { type: ["string", "null"] } },
};

// ——— Components: schemas ———

const STATEMENT_REQUIRED = [
  "id", "externalId", "text", "language", "kind", "status", "retractionReason", "speaker", "saidOn", "saidOnApproximate",
  "reportedOn", "context", "attribution", "attributionNote", "translatedBy", "topics", "sources", "createdAt", "updatedAt", "version",
];

const STATEMENT_PROPERTIES: Record<string, JsonSchema> = {
  id: { type: "integer", minimum: 1 },
  externalId: { type: ["string", "null"], description: "The identifier given on import (`externalId` of the import format)." },
  text: { type: "string", description: "The wording as reported, in its own language and script: display it with dir=\"auto\"." },
  language: { type: "string", pattern: "^[a-z]{2,3}$", description: "ISO 639-1 code of the text's language." },
  kind: { type: "string", enum: [...STATEMENT_KINDS], description: "direct quote, paraphrase (indirect), or paraphrase with quoted words (mixed)." },
  status: { type: "string", enum: ["published", "retracted"] },
  retractionReason: { type: ["string", "null"] },
  speaker: {
    type: "object",
    additionalProperties: false,
    required: ["slug", "name", "kind"],
    properties: { slug: slugSchema, name: { type: "string" }, kind: { type: "string", enum: ["person", "organization", "group"] } },
  },
  saidOn: { ...nullable(ref.schema("PartialDate")), description: "When it was said, to the precision known; null when unknown." },
  saidOnApproximate: { type: "boolean" },
  reportedOn: nullable(ref.schema("PartialDate")),
  context: { type: ["string", "null"] },
  attribution: { type: "string", enum: ["own_channel", "secondary", "disputed", "misattributed"] },
  attributionNote: { type: ["string", "null"] },
  translatedBy: { type: ["string", "null"], description: "Who translated it, when the statement is a translation." },
  topics: { type: "array", items: ref.schema("TopicRef") },
  sources: { type: "array", items: ref.schema("Source") },
  createdAt: { type: "string", format: "date-time" },
  updatedAt: { type: "string", format: "date-time" },
  version: { type: "integer", minimum: 1, description: "Goes up by one with every change." },
};

const schemas = {
  PartialDate: {
    type: "object",
    description:
      "A date known to the day, the month or only the year: `iso` as written (YYYY, YYYY-MM or YYYY-MM-DD), its `precision`, and the first and last day of the period it names.",
    additionalProperties: false,
    required: ["iso", "precision", "start", "end"],
    properties: {
      iso: { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$", examples: ["2016-11", "2016-11-17", "2016"] },
      precision: { type: "string", enum: ["year", "month", "day"] },
      start: isoDay,
      end: isoDay,
    },
  },
  SpeakerRef: {
    type: "object",
    description: "Who said it: the speaker's address (slug) and canonical name.",
    additionalProperties: false,
    required: ["slug", "name"],
    properties: { slug: slugSchema, name: { type: "string" } },
  },
  TopicRef: {
    type: "object",
    additionalProperties: false,
    required: ["slug", "name"],
    properties: { slug: slugSchema, name: { type: "string" } },
  },
  Source: {
    type: "object",
    description: "Where the statement was reported.",
    additionalProperties: false,
    required: ["url", "outlet", "title", "publishedOn"],
    properties: {
      url: { type: ["string", "null"], pattern: "^https?://", description: "The report's http(s) address as the source gave it (not checked further: quote it, never trust it as markup)." },
      outlet: { type: ["string", "null"] },
      title: { type: ["string", "null"] },
      publishedOn: nullable(ref.schema("PartialDate")),
    },
  },
  StatementLink: {
    type: "object",
    description: "A linked statement (a translation, or a statement this one responds to).",
    additionalProperties: false,
    required: ["id", "text", "language", "speaker"],
    properties: { id: { type: "integer", minimum: 1 }, text: { type: "string" }, language: { type: "string" }, speaker: ref.schema("SpeakerRef") },
  },
  StatementListItem: {
    type: "object",
    description:
      "A statement as the list gives it: the fields of GET /api/v1/statements/{id} except the linked statements. Retracted statements are listed with `status` \"retracted\" and their `retractionReason`.",
    additionalProperties: false,
    required: STATEMENT_REQUIRED,
    properties: STATEMENT_PROPERTIES,
  },
  Statement: {
    type: "object",
    description: "One statement with its links: the translation it is of, its translations, what it responds to and the responses to it.",
    additionalProperties: false,
    required: [...STATEMENT_REQUIRED, "translationOf", "translations", "respondsTo", "responses"],
    properties: {
      ...STATEMENT_PROPERTIES,
      translationOf: nullable(ref.schema("StatementLink")),
      translations: { type: "array", items: ref.schema("StatementLink") },
      respondsTo: { type: "array", items: ref.schema("StatementLink") },
      responses: { type: "array", items: ref.schema("StatementLink") },
    },
  },
  StatementList: {
    type: "object",
    additionalProperties: false,
    required: ["data", "nextCursor"],
    properties: {
      data: { type: "array", items: ref.schema("StatementListItem") },
      nextCursor: { type: ["string", "null"], description: "Pass as `cursor` to get the next page; null on the last page." },
    },
  },
  SearchHit: {
    type: "object",
    additionalProperties: false,
    required: ["id", "externalId", "text", "language", "kind", "speaker", "saidOn", "saidOnPrecision", "topics", "outlet", "highlight"],
    properties: {
      id: { type: "integer", minimum: 1 },
      externalId: { type: ["string", "null"] },
      text: { type: "string" },
      language: { type: "string" },
      kind: { type: "string", enum: [...STATEMENT_KINDS] },
      speaker: ref.schema("SpeakerRef"),
      saidOn: { type: ["string", "null"], pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$", description: "As written: YYYY, YYYY-MM or YYYY-MM-DD." },
      saidOnPrecision: { type: ["string", "null"], enum: ["year", "month", "day", null] },
      topics: { type: "array", items: { type: "string" }, description: "Topic slugs." },
      outlet: { type: ["string", "null"] },
      highlight: {
        type: "array",
        description: "[start, end) offsets (JavaScript string indices) of the words in `text` that match the query.",
        items: { type: "array", prefixItems: [{ type: "integer", minimum: 0 }, { type: "integer", minimum: 0 }], minItems: 2, maxItems: 2 },
      },
    },
  },
  FacetCounts: { type: "object", additionalProperties: { type: "integer", minimum: 0 }, description: "Matching statements per value." },
  SearchResult: {
    type: "object",
    additionalProperties: false,
    required: ["hits", "total", "page", "limit", "totalPages", "facets"],
    properties: {
      hits: { type: "array", items: ref.schema("SearchHit") },
      total: { type: "integer", minimum: 0 },
      page: { type: "integer", minimum: 1 },
      limit: { type: "integer", minimum: 1 },
      totalPages: { type: "integer", minimum: 0 },
      facets: {
        type: "object",
        additionalProperties: false,
        required: ["speaker", "topic", "language", "kind", "year"],
        properties: {
          speaker: ref.schema("FacetCounts"),
          topic: ref.schema("FacetCounts"),
          language: ref.schema("FacetCounts"),
          kind: ref.schema("FacetCounts"),
          year: ref.schema("FacetCounts"),
        },
      },
    },
  },
  Speaker: {
    type: "object",
    additionalProperties: false,
    required: ["slug", "kind", "name", "names", "aliases", "role", "affiliation", "country", "wikidataId", "description", "statementCount"],
    properties: {
      slug: slugSchema,
      kind: { type: "string", enum: ["person", "organization", "group"] },
      name: { type: "string", description: "The canonical name." },
      names,
      aliases: { type: "array", items: { type: "string" }, description: "Other names and spellings, in any script." },
      role: { type: ["string", "null"] },
      affiliation: { type: ["string", "null"] },
      country: { type: ["string", "null"] },
      wikidataId: { type: ["string", "null"], pattern: "^Q[1-9][0-9]{0,11}$" },
      description: { type: ["string", "null"] },
      statementCount: { type: "integer", minimum: 0, description: "Published statements." },
    },
  },
  SpeakerList: {
    type: "object",
    additionalProperties: false,
    required: ["data", "nextCursor"],
    properties: { data: { type: "array", items: ref.schema("Speaker") }, nextCursor: { type: ["string", "null"] } },
  },
  Topic: {
    type: "object",
    additionalProperties: false,
    required: ["slug", "name", "names", "parent", "statementCount"],
    properties: {
      slug: slugSchema,
      name: { type: "string" },
      names,
      parent: nullable(ref.schema("TopicRef")),
      statementCount: { type: "integer", minimum: 0, description: "Published statements." },
    },
  },
  TopicList: {
    type: "object",
    additionalProperties: false,
    required: ["data", "nextCursor"],
    properties: { data: { type: "array", items: ref.schema("Topic") }, nextCursor: { type: ["string", "null"] } },
  },
  DateDay: {
    type: "object",
    additionalProperties: false,
    required: ["day", "date", "count"],
    properties: { day: { type: "integer", minimum: 1, maximum: 31 }, date: isoDay, count: { type: "integer", minimum: 1 } },
  },
  DateMonth: {
    type: "object",
    additionalProperties: false,
    required: ["month", "date", "count", "days"],
    properties: {
      month: { type: "integer", minimum: 1, maximum: 12 },
      date: { type: "string", pattern: "^\\d{4}-\\d{2}$" },
      count: { type: "integer", minimum: 1, description: "Statements known at least to the month." },
      days: { type: "array", items: ref.schema("DateDay"), description: "Days with statements known to the day." },
    },
  },
  DateYear: {
    type: "object",
    additionalProperties: false,
    required: ["year", "date", "count", "months"],
    properties: {
      year: { type: "integer", minimum: 1000, maximum: 2999 },
      date: { type: "string", pattern: "^\\d{4}$" },
      count: { type: "integer", minimum: 1, description: "Every statement said that year, however precisely dated." },
      months: { type: "array", items: ref.schema("DateMonth") },
    },
  },
  DateIndex: {
    type: "object",
    additionalProperties: false,
    required: ["data", "undated"],
    properties: {
      data: { type: "array", items: ref.schema("DateYear"), description: "Oldest year first." },
      undated: { type: "integer", minimum: 0, description: "Published statements whose date is unknown." },
    },
  },
  FieldMessage: {
    type: "object",
    additionalProperties: false,
    required: ["field", "message"],
    properties: {
      field: { type: "string", description: "The parameter or field at fault (\"\" for the request as a whole)." },
      message: { type: "string", description: "The rule it breaks." },
    },
  },
  Error: {
    type: "object",
    additionalProperties: false,
    required: ["error"],
    properties: {
      error: {
        type: "object",
        additionalProperties: false,
        required: ["code", "message"],
        properties: {
          code: { type: "string", examples: ["invalid_parameter", "not_found", "rate_limited", "search_unavailable", "database_unavailable"] },
          message: { type: "string" },
          fields: { type: "array", items: ref.schema("FieldMessage") },
        },
      },
    },
  },
} satisfies Record<string, JsonSchema>;

// ——— Components: parameters ———

const listOfSlugs = (what: string, example: string): ParameterObject => ({
  name: what,
  in: "query",
  description: "",
  schema: { type: "array", items: { type: "string", maxLength: SEARCH_LIMITS.slugMaxLength }, maxItems: SEARCH_LIMITS.valuesPerFilter },
  style: "form",
  explode: true,
  example: [example],
});

const parameters = {
  speaker: {
    ...listOfSlugs("speaker", "angela-merkel"),
    description: `Speaker slugs; several values (repeated, or comma-separated: speaker=a,b) match any of them. At most ${SEARCH_LIMITS.valuesPerFilter}.`,
  },
  topic: { ...listOfSlugs("topic", "refugees"), description: "Topic slugs; several values match any of them." },
  lang: {
    name: "lang",
    in: "query",
    description: "Languages of the text (ISO 639-1); several values match any of them.",
    schema: { type: "array", items: { type: "string", enum: [...SUPPORTED_LANGUAGES] } },
    style: "form",
    explode: true,
    example: ["ar"],
  },
  kind: {
    name: "kind",
    in: "query",
    description: "direct, indirect (paraphrase) or mixed; several values match any of them.",
    schema: { type: "array", items: { type: "string", enum: [...STATEMENT_KINDS] } },
    style: "form",
    explode: true,
    example: ["direct"],
  },
  year: {
    name: "year",
    in: "query",
    description: "Years the statement was said in (YYYY); several values match any of them.",
    schema: { type: "array", items: { type: "string", pattern: "^\\d{4}$" } },
    style: "form",
    explode: true,
    example: ["2016"],
  },
  from: {
    name: "from",
    in: "query",
    description:
      "Said on or after this date (YYYY, YYYY-MM or YYYY-MM-DD; from=2016-11 starts on the 1st). A statement known only to its month or year is in the range when that period overlaps it.",
    schema: { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" },
    example: "2016-11",
  },
  to: {
    name: "to",
    in: "query",
    description: "Said on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; to=2016-11 ends on the 30th).",
    schema: { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" },
    example: "2016-12-31",
  },
  cursor: {
    name: "cursor",
    in: "query",
    description:
      "The `nextCursor` of the previous page, unchanged, with the same other parameters. Cursors are opaque: a cursor that was altered, or that belongs to other filters or another sort, is refused with a 400 naming `cursor`.",
    schema: { type: "string", maxLength: 512, pattern: "^[A-Za-z0-9_-]+$" },
  },
  slug: {
    name: "slug",
    in: "path",
    required: true,
    description: "The address of the speaker or topic. An address that was merged into another answers 308 with the survivor's address.",
    schema: slugSchema,
  },
} satisfies Record<string, ParameterObject>;

// ——— Components: headers and responses ———

const headers = {
  ETag: { description: "Weak validator of the body: send it back as If-None-Match to get a 304 while nothing changed.", schema: { type: "string" } },
  CacheControl: { description: "public, max-age=N (seconds): short for lists and search, longer for one item.", schema: { type: "string" } },
  AccessControlAllowOrigin: { description: "Always *: any web page may read the API.", schema: { type: "string", const: "*" } },
  // Absent when the operator turned the limit off.
  RateLimitLimit: { description: "Requests allowed per minute from your address. Absent when the limit is off.", schema: { type: "integer" }, required: false },
  RateLimitRemaining: { description: "Requests left in the current minute. Absent when the limit is off.", schema: { type: "integer", minimum: 0 }, required: false },
  RateLimitReset: { description: "Seconds until the current minute's count starts again. Absent when the limit is off.", schema: { type: "integer", minimum: 1 }, required: false },
  RetryAfter: { description: "Seconds to wait before the next request.", schema: { type: "integer", minimum: 1 }, required: true },
} satisfies Record<string, HeaderObject>;

const errorExample = (code: string, message: string, fields?: Array<{ field: string; message: string }>) => ({ error: { code, message, ...(fields ? { fields } : {}) } });

const responses = {
  NotModified: { description: "Not modified: the ETag sent in If-None-Match is still current (no body).", headers: { ETag: ref.header("ETag") } },
  PermanentRedirect: {
    description: "The slug was merged into another speaker or topic: Location gives the survivor's address.",
    headers: { Location: { description: "The survivor's address.", schema: { type: "string" } } },
  },
  BadRequest: {
    description: "A parameter is wrong: an unknown parameter, a value of the wrong type or out of range, or a malformed cursor. `fields` names each parameter and the rule.",
    content: jsonContent(
      ref.schema("Error"),
      errorExample("invalid_parameter", 'limit: must be a whole number from 1 to 200, got "500"; speakr: unknown field (this endpoint takes: q, speaker, …)', [
        { field: "limit", message: 'must be a whole number from 1 to 200, got "500"' },
        { field: "speakr", message: "unknown field (this endpoint takes: q, speaker, …)" },
      ]),
    ),
  },
  NotFound: { description: "Nothing (public) at this address.", content: jsonContent(ref.schema("Error"), errorExample("not_found", "No statement 999999.")) },
  TooManyRequests: {
    description: `Over the rate limit of the caller's address (${RATE_LIMIT_DEFAULT_PER_MINUTE} requests a minute unless the site sets another).`,
    headers: { "Retry-After": ref.header("RetryAfter"), "X-RateLimit-Limit": ref.header("RateLimitLimit"), "X-RateLimit-Remaining": ref.header("RateLimitRemaining") },
    content: jsonContent(
      ref.schema("Error"),
      errorExample("rate_limited", `Too many requests from your address: at most ${RATE_LIMIT_DEFAULT_PER_MINUTE} a minute. Try again in 21 s.`),
    ),
  },
  InternalError: { description: "An unexpected error (logged on the server).", content: jsonContent(ref.schema("Error"), errorExample("internal_error", "Something went wrong on our side.")) },
  ServiceUnavailable: {
    description: "The database (or, for search, the search engine) is unavailable right now; try again shortly.",
    content: jsonContent(ref.schema("Error"), errorExample("search_unavailable", "Search is unavailable right now; try again shortly.")),
  },
} satisfies Record<string, ResponseObject>;

// ——— Examples (from the demo data) ———

const exampleDate = { iso: "2016-11", precision: "month", start: "2016-11-01", end: "2016-11-30" };
const exampleItem = {
  id: 16,
  externalId: "demo-aleppo-16",
  text: "معظم السوريين الذين لجأوا إلى ألمانيا هربوا من إجرام الأسد وليس من إجرام داعش",
  language: "ar",
  kind: "indirect",
  status: "published",
  retractionReason: null,
  speaker: { slug: "angela-merkel", name: "Angela Merkel", kind: "person" },
  saidOn: exampleDate,
  saidOnApproximate: false,
  reportedOn: exampleDate,
  context: null,
  attribution: "secondary",
  attributionNote: null,
  translatedBy: null,
  topics: [{ slug: "refugees", name: "Refugees" }],
  sources: [{ url: null, outlet: "Arabic news report (outlet not named in the demo data)", title: "Bombing of Aleppo: statements by Merkel, Steinmeier, MSF and the Syrian opposition", publishedOn: exampleDate }],
  createdAt: "2026-11-25T21:57:49.789Z",
  updatedAt: "2026-11-25T21:57:49.789Z",
  version: 1,
};
const exampleSpeaker = {
  slug: "angela-merkel",
  kind: "person",
  name: "Angela Merkel",
  names: { ar: "أنجيلا ميركل", en: "Angela Merkel", de: "Angela Merkel" },
  aliases: ["ميركل", "المستشارة الألمانية", "Merkel"],
  role: "Chancellor of Germany (2005–2021)",
  affiliation: "Government of Germany",
  country: null,
  wikidataId: null,
  description: null,
  statementCount: 2,
};
const exampleTopic = { slug: "refugees", name: "Refugees", names: { ar: "اللاجئون", en: "Refugees", de: "Flüchtlinge" }, parent: null, statementCount: 1 };

// ——— Paths: the read API ———

const statementFilters = [
  { name: "q", in: "query", description: "Words the text contains, as written (case-insensitive; a plain substring match, not search).", schema: { type: "string", maxLength: SEARCH_LIMITS.queryMaxLength } },
  ref.parameter("speaker"),
  ref.parameter("topic"),
  ref.parameter("lang"),
  ref.parameter("kind"),
  ref.parameter("year"),
  ref.parameter("from"),
  ref.parameter("to"),
] satisfies Array<ParameterObject | Reference>;

const listLimit = (bounds: { defaultLimit: number; maxLimit: number }): ParameterObject => ({
  name: "limit",
  in: "query",
  description: `Items per page, 1–${bounds.maxLimit} (default ${bounds.defaultLimit}).`,
  schema: { type: "integer", minimum: 1, maximum: bounds.maxLimit, default: bounds.defaultLimit },
});

/** What to search for, as GET /api/v1/search and GET /search/export take it. */
const searchParameters = [
  { name: "q", in: "query", description: "The words to search for.", schema: { type: "string", maxLength: SEARCH_LIMITS.queryMaxLength }, example: "ميركل" },
  ref.parameter("speaker"),
  ref.parameter("topic"),
  ref.parameter("lang"),
  ref.parameter("kind"),
  ref.parameter("year"),
  ref.parameter("from"),
  ref.parameter("to"),
  { name: "sort", in: "query", description: "relevance (the default), newest or oldest.", schema: { type: "string", enum: ["relevance", "newest", "oldest"], default: "relevance" } },
] satisfies Array<ParameterObject | Reference>;

const readPaths: Record<string, PathItemObject> = {
  "/api/v1/statements": {
    get: {
      operationId: "listStatements",
      summary: "List statements, a page at a time",
      description:
        "Published and retracted statements (retracted ones flagged by `status`), filtered as search filters them but read straight from the database: it answers while search is down, and pages never drift. Follow `nextCursor` until it is null. The order is stable: by date said (the first day of its period), then id; undated statements come after the dated ones.",
      tags: ["Statements"],
      parameters: [
        ...statementFilters,
        {
          name: "status",
          in: "query",
          description: "published, retracted, or both (the default).",
          schema: { type: "array", items: { type: "string", enum: [...STATEMENT_LIST_STATUSES] } },
          style: "form",
          explode: true,
        },
        {
          name: "sort",
          in: "query",
          description: "newest (the default) or oldest by date said, then id; or id (ascending), the order to mirror the collection in.",
          schema: { type: "string", enum: [...STATEMENT_LIST_SORTS], default: "newest" },
        },
        ref.parameter("cursor"),
        listLimit(LIST_LIMITS.statements),
      ],
      "x-example-request": "/api/v1/statements?speaker=angela-merkel&limit=2",
      responses: {
        "200": ok("A page of statements and the cursor of the next one.", ref.schema("StatementList"), { data: [exampleItem], nextCursor: null }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/statements/{id}": {
    get: {
      operationId: "getStatement",
      summary: "One statement",
      description: "A published or retracted statement with its sources, topics and linked statements. Drafts are not public (404).",
      tags: ["Statements"],
      parameters: [{ name: "id", in: "path", required: true, description: "The statement's number.", schema: { type: "integer", minimum: 1, maximum: 2147483647 } }],
      "x-example-request": "/api/v1/statements/16",
      responses: {
        "200": ok("The statement.", ref.schema("Statement"), { ...exampleItem, translationOf: null, translations: [], respondsTo: [], responses: [] }),
        ...errors(304, 400, 404, 429, 503),
      },
    },
  },
  "/api/v1/search": {
    get: {
      operationId: "searchStatements",
      summary: "Search statements",
      description:
        "Full-text search over published statements in every language (Arabic spelling variants folded, names matched in any script), ranked by relevance, with facet counts. Pages go at most 10,000 results deep: to walk the whole collection use GET /api/v1/statements.",
      tags: ["Search"],
      parameters: [
        ...searchParameters,
        { name: "page", in: "query", description: "Page number, from 1 (page × limit at most 10,000).", schema: { type: "integer", minimum: 1, default: 1 } },
        {
          name: "limit",
          in: "query",
          description: `Hits per page, 1–${SEARCH_LIMITS.maxLimit} (default ${SEARCH_LIMITS.defaultLimit}).`,
          schema: { type: "integer", minimum: 1, maximum: SEARCH_LIMITS.maxLimit, default: SEARCH_LIMITS.defaultLimit },
        },
      ],
      "x-example-request": "/api/v1/search?q=Merkel&limit=1",
      responses: {
        "200": ok("The hits of one page, the total and the facet counts.", ref.schema("SearchResult"), {
          hits: [
            {
              id: 16,
              externalId: "demo-aleppo-16",
              text: exampleItem.text,
              language: "ar",
              kind: "indirect",
              speaker: { slug: "angela-merkel", name: "Angela Merkel" },
              saidOn: "2016-11",
              saidOnPrecision: "month",
              topics: ["refugees"],
              outlet: exampleItem.sources[0]!.outlet,
              highlight: [],
            },
          ],
          total: 2,
          page: 1,
          limit: 1,
          totalPages: 2,
          facets: { speaker: { "angela-merkel": 2 }, topic: { refugees: 1, "international-response": 1 }, language: { ar: 2 }, kind: { indirect: 2 }, year: { "2016": 2 } },
        }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/speakers": {
    get: {
      operationId: "listSpeakers",
      summary: "List speakers, a page at a time",
      description: "Speakers in the order of their slugs, each with the number of their published statements. Follow `nextCursor` until it is null.",
      tags: ["Speakers"],
      parameters: [
        {
          name: "q",
          in: "query",
          description: "The beginning of a name or alias, or of a word in one, in any script: q=merk and q=ميرك both find Angela Merkel.",
          schema: { type: "string", maxLength: LIST_LIMITS.speakerQueryMaxLength },
          example: "merk",
        },
        {
          name: "kind",
          in: "query",
          description: "person, organization or group; several values match any of them.",
          schema: { type: "array", items: { type: "string", enum: ["person", "organization", "group"] } },
          style: "form",
          explode: true,
        },
        ref.parameter("cursor"),
        listLimit(LIST_LIMITS.speakers),
      ],
      "x-example-request": "/api/v1/speakers?kind=person&limit=5",
      responses: {
        "200": ok("A page of speakers and the cursor of the next one.", ref.schema("SpeakerList"), { data: [exampleSpeaker], nextCursor: null }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/speakers/{slug}": {
    get: {
      operationId: "getSpeaker",
      summary: "One speaker",
      tags: ["Speakers"],
      parameters: [ref.parameter("slug")],
      "x-example-request": "/api/v1/speakers/angela-merkel",
      responses: { "200": ok("The speaker.", ref.schema("Speaker"), exampleSpeaker), ...errors(304, 308, 404, 429, 503) },
    },
  },
  "/api/v1/topics": {
    get: {
      operationId: "listTopics",
      summary: "List topics",
      description: `Every topic in the order of their slugs, with its parent and the number of its published statements — all of them in one page unless there are more than ${LIST_LIMITS.topics.maxLimit}.`,
      tags: ["Topics"],
      parameters: [ref.parameter("cursor"), listLimit(LIST_LIMITS.topics)],
      "x-example-request": "/api/v1/topics",
      responses: {
        "200": ok("The topics and the cursor of the next page (null when all are listed).", ref.schema("TopicList"), { data: [exampleTopic], nextCursor: null }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/topics/{slug}": {
    get: {
      operationId: "getTopic",
      summary: "One topic",
      tags: ["Topics"],
      parameters: [ref.parameter("slug")],
      "x-example-request": "/api/v1/topics/refugees",
      responses: { "200": ok("The topic.", ref.schema("Topic"), exampleTopic), ...errors(304, 308, 404, 429, 503) },
    },
  },
  "/api/v1/dates": {
    get: {
      operationId: "listDates",
      summary: "The dates that have statements",
      description:
        "Years, their months and the months' days that have published statements, with counts, oldest first. A statement known only to its month counts for the month and the year, never for a day; one known only to its year counts for the year alone.",
      tags: ["Dates"],
      parameters: [{ name: "year", in: "query", description: "Only this year (YYYY).", schema: { type: "string", pattern: "^\\d{4}$" }, example: "2016" }],
      "x-example-request": "/api/v1/dates?year=2016",
      responses: {
        "200": ok("The dates with statements.", ref.schema("DateIndex"), {
          data: [{ year: 2016, date: "2016", count: 18, months: [{ month: 11, date: "2016-11", count: 18, days: [] }] }],
          undated: 0,
        }),
        ...errors(304, 400, 429, 503),
      },
    },
  },
  "/api/v1/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This description of the API",
      description: "The OpenAPI 3.1 document you are reading, as JSON.",
      tags: ["About the API"],
      "x-example-request": "/api/v1/openapi.json",
      responses: {
        "200": {
          description: "The OpenAPI document.",
          headers: readHeaders(),
          content: jsonContent({
            type: "object",
            required: ["openapi", "info", "paths", "components"],
            properties: { openapi: { const: "3.1.0" }, info: { type: "object" }, paths: { type: "object" }, components: { type: "object" } },
          }),
        },
        ...errors(304, 429),
      },
    },
  },
};

// ——— The write API: statements, with a personal API token or the workspace's session ———

const idSchema: JsonSchema = { type: "integer", minimum: 1, maximum: 2_147_483_647 };
const optionalText = (max: number, description?: string): JsonSchema => ({ type: ["string", "null"], maxLength: max, ...(description ? { description } : {}) });
const partialDateText: JsonSchema = {
  type: ["string", "null"],
  pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$",
  description: "YYYY, YYYY-MM or YYYY-MM-DD (a real date); null or \"\" when unknown.",
};
const httpUrl = (description: string): JsonSchema => ({ type: ["string", "null"], pattern: "^https?://", maxLength: STATEMENT_LIMITS.urlMaxLength, description });
const baseVersion: JsonSchema = { type: "integer", minimum: 1, maximum: 2_147_483_647, description: "The version the change is based on (from the last read or save)." };
const dateTime: JsonSchema = { type: "string", format: "date-time" };

const SOURCE_PROPERTIES: Record<string, JsonSchema> = {
  url: httpUrl("An http(s) address, kept as written (non-Latin paths stay readable); a known address reuses its source."),
  outlet: optionalText(STATEMENT_LIMITS.outletMaxLength),
  title: optionalText(STATEMENT_LIMITS.titleMaxLength),
  publishedOn: partialDateText,
};

const STATEMENT_INPUT_PROPERTIES: Record<string, JsonSchema> = {
  text: { type: "string", minLength: 1, maxLength: STATEMENT_LIMITS.textMaxLength, description: "The wording as reported." },
  language: { type: "string", enum: [...SUPPORTED_LANGUAGES], description: "ISO 639-1 code of the text's language (accepted in any case: \"AR\" is Arabic)." },
  kind: { type: ["string", "null"], enum: [...STATEMENT_KINDS, null], default: "direct" },
  speakerId: { ...idSchema, type: ["integer", "null"], description: "A known speaker's id; or give newSpeaker instead (exactly one of the two)." },
  newSpeaker: {
    type: ["object", "null"],
    required: ["name"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: STATEMENT_LIMITS.speakerNameMaxLength },
      kind: { type: ["string", "null"], enum: [...SPEAKER_KINDS, null], default: "person" },
    },
    description: "A speaker to create, or the known one of that name or alias (matched case-insensitively).",
  },
  saidOn: partialDateText,
  saidOnApproximate: { type: ["boolean", "null"], default: false },
  topicIds: { type: ["array", "null"], items: idSchema, maxItems: STATEMENT_LIMITS.topicsMaxItems },
  newTopics: {
    type: ["array", "null"],
    items: { type: "string", maxLength: STATEMENT_LIMITS.topicMaxLength },
    maxItems: STATEMENT_LIMITS.topicsMaxItems,
    description: `Topics by name: a known one is reused, else created. With topicIds, at most ${STATEMENT_LIMITS.topicsMaxItems} topics in all.`,
  },
  sources: {
    type: ["array", "null"],
    maxItems: FORM_LIMITS.sourcesMaxItems,
    items: { type: "object", properties: SOURCE_PROPERTIES },
    description: "Where it was reported; a source with no field given is dropped.",
  },
  context: optionalText(STATEMENT_LIMITS.contextMaxLength),
  translationOfId: { ...idSchema, type: ["integer", "null"], description: "The statement this one translates." },
  translatedBy: optionalText(FORM_LIMITS.translatedByMaxLength, "Who translated it; only with translationOfId."),
  respondsToIds: { type: ["array", "null"], items: idSchema, maxItems: FORM_LIMITS.respondsToMaxItems, description: "The statements this one responds to." },
  attribution: { type: ["string", "null"], enum: [...ATTRIBUTIONS, null], default: "secondary" },
  attributionNote: optionalText(FORM_LIMITS.attributionNoteMaxLength, "Required when attribution is disputed or misattributed."),
  status: { type: ["string", "null"], enum: [...EDITABLE_STATUSES, null], default: "draft", description: "draft (not public) or published; retract with POST …/retract." },
};

/** A statement as stored: every field of the input with its value (defaults applied), ids for speaker and topics. */
const STATEMENT_RECORD_PROPERTIES: Record<string, JsonSchema> = {
  text: STATEMENT_INPUT_PROPERTIES.text!,
  language: { type: "string", enum: [...SUPPORTED_LANGUAGES] },
  kind: { type: "string", enum: [...STATEMENT_KINDS] },
  speakerId: idSchema,
  saidOn: partialDateText,
  saidOnApproximate: { type: "boolean" },
  topicIds: { type: "array", items: idSchema },
  sources: { type: "array", items: { type: "object", additionalProperties: false, required: Object.keys(SOURCE_PROPERTIES), properties: SOURCE_PROPERTIES } },
  context: { type: ["string", "null"] },
  translationOfId: { ...idSchema, type: ["integer", "null"] },
  translatedBy: { type: ["string", "null"] },
  respondsToIds: { type: "array", items: idSchema },
  attribution: { type: "string", enum: [...ATTRIBUTIONS] },
  attributionNote: { type: ["string", "null"] },
  status: { type: "string", enum: ["draft", "published", "retracted"] },
  retractionReason: { type: ["string", "null"] },
};

const namedId = (fields: Record<string, JsonSchema>): JsonSchema => ({ type: "object", additionalProperties: false, required: Object.keys(fields), properties: fields });

const writeSchemas = {
  StatementInput: {
    type: "object",
    description: "A statement as the workspace's editor submits it. Unknown top-level fields are refused (400 naming them): a misspelt `said_on` is never dropped silently.",
    additionalProperties: false,
    required: ["text", "language"],
    properties: STATEMENT_INPUT_PROPERTIES,
  },
  StatementEdit: {
    type: "object",
    description:
      "The whole statement as it should be after the edit (fields left out take their defaults), with the version it is based on. The `record` of GET /api/curate/statements/{id}, without `retractionReason` and with `status` draft or published, is a valid edit.",
    additionalProperties: false,
    required: ["text", "language", "version"],
    properties: { ...STATEMENT_INPUT_PROPERTIES, version: baseVersion },
  },
  Retraction: {
    type: "object",
    additionalProperties: false,
    required: ["reason", "version"],
    properties: { reason: { type: "string", minLength: 1, maxLength: FORM_LIMITS.retractionReasonMaxLength, description: "Shown to readers." }, version: baseVersion },
  },
  RestoreRequest: {
    type: "object",
    additionalProperties: false,
    required: ["revisionId", "version"],
    properties: { revisionId: { ...idSchema, description: "The revision to make current again (from the statement's history)." }, version: baseVersion },
  },
  Saved: {
    type: "object",
    description: "The statement's id and its version after the change: base the next change on it.",
    additionalProperties: false,
    required: ["id", "version"],
    properties: { id: idSchema, version: { type: "integer", minimum: 1 } },
  },
  StatementRecord: {
    type: "object",
    description: "A statement as the editor holds it, drafts included.",
    additionalProperties: false,
    required: Object.keys(STATEMENT_RECORD_PROPERTIES),
    properties: STATEMENT_RECORD_PROPERTIES,
  },
  StatementLabels: {
    type: "object",
    description: "Names for the ids of a record.",
    additionalProperties: false,
    required: ["speaker", "topics", "translationOf", "respondsTo"],
    properties: {
      speaker: { anyOf: [namedId({ id: idSchema, slug: { type: "string" }, name: { type: "string" } }), { type: "null" }] },
      topics: { type: "array", items: namedId({ id: idSchema, slug: { type: "string" }, name: { type: "string" } }) },
      translationOf: { anyOf: [namedId({ id: idSchema, text: { type: "string" } }), { type: "null" }] },
      respondsTo: { type: "array", items: namedId({ id: idSchema, text: { type: "string" } }) },
    },
  },
  EditableStatement: {
    type: "object",
    additionalProperties: false,
    required: ["id", "externalId", "version", "record", "labels", "updatedAt", "updatedBy"],
    properties: {
      id: idSchema,
      externalId: { type: ["string", "null"] },
      version: { type: "integer", minimum: 1, description: "Send it back as `version` with the next change." },
      record: ref.schema("StatementRecord"),
      labels: ref.schema("StatementLabels"),
      updatedAt: dateTime,
      updatedBy: { type: ["string", "null"], description: "The name of the curator who saved last (null for the importer)." },
    },
  },
  VersionConflict: {
    type: "object",
    additionalProperties: false,
    required: ["error", "currentVersion", "current"],
    properties: {
      error: {
        type: "object",
        additionalProperties: false,
        required: ["code", "message"],
        properties: { code: { const: "version_conflict" }, message: { type: "string" } },
      },
      currentVersion: { type: "integer", minimum: 1, description: "The version stored now: send the change again based on it." },
      current: {
        type: "object",
        description: "The statement as stored now.",
        additionalProperties: false,
        required: ["record", "labels", "updatedAt", "updatedBy"],
        properties: { record: ref.schema("StatementRecord"), labels: ref.schema("StatementLabels"), updatedAt: dateTime, updatedBy: { type: ["string", "null"] } },
      },
    },
  },
  ApiToken: {
    type: "object",
    description: "A personal API token as listed: never the token itself (only its SHA-256 is stored).",
    additionalProperties: false,
    required: ["id", "name", "role", "createdAt", "lastUsedAt", "revokedAt"],
    properties: {
      id: idSchema,
      name: { type: "string", minLength: 1, maxLength: SERVER_LIMITS.tokenNameMaxLength },
      role: { type: "string", enum: [...ROLES] },
      createdAt: dateTime,
      lastUsedAt: { ...dateTime, type: ["string", "null"], description: "Written at most once a minute." },
      revokedAt: { ...dateTime, type: ["string", "null"] },
    },
  },
  NewApiToken: {
    type: "object",
    additionalProperties: false,
    required: ["name"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: SERVER_LIMITS.tokenNameMaxLength, description: "What the token is for (spaces collapsed)." },
      role: { type: ["string", "null"], enum: [...ROLES, null], default: "editor", description: "At most the curator's own role." },
    },
  },
  CreatedApiToken: {
    type: "object",
    additionalProperties: false,
    required: ["token", "apiToken"],
    properties: {
      token: { type: "string", pattern: "^stk_[A-Za-z0-9_-]{43}$", description: "The token itself: in this answer only, never again." },
      apiToken: ref.schema("ApiToken"),
    },
  },
} satisfies Record<string, JsonSchema>;

const securitySchemes = {
  apiToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "stk_ followed by 43 base64url characters",
    description:
      "A personal API token, made on the account page of the curators' workspace (/curate/account) and shown once. It acts for its owner, with the lower of its own role and the owner's current role. A revoked, unknown, altered or malformed token, or one whose owner is disabled, is refused with 401 and a code naming the problem. A request with an `Authorization: Bearer` header is judged by the token alone, even when it carries a session cookie too; it needs no Origin header. Only the statements endpoints take a token.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The workspace's login session (the cookie is __Secure-next-auth.session-token under https). Changes made with it must come from this site's pages (Origin checked).",
  },
};

const writeResponses = {
  WriteBadRequest: {
    description: `The body or the id is wrong: not JSON, not an object, over the size limit (${SERVER_LIMITS.bodyMaxBytes.toLocaleString("en")} bytes; ${SERVER_LIMITS.tokenBodyMaxBytes.toLocaleString("en")} for a token), an unknown field, or a field of the wrong type or breaking a rule. \`fields\` names each one.`,
    content: jsonContent(
      ref.schema("Error"),
      errorExample("invalid_parameter", "said_on: is not a field of this request; the fields are: text, language, …", [
        { field: "said_on", message: "is not a field of this request; the fields are: text, language, …" },
      ]),
    ),
  },
  Unauthorized: {
    description:
      "No valid credentials. With a token, `code` names the problem: authorization_invalid (not \"Bearer <token>\"), token_malformed, token_unknown (never issued here, or altered), token_revoked, token_owner_disabled, token_role_exceeds_owner (the owner lost the role this operation needs since the token was made). Without a token and without a session: unauthenticated.",
    headers: {
      "WWW-Authenticate": {
        description: 'On token requests only: Bearer realm="curate", error="invalid_token", error_description="…".',
        schema: { type: "string" },
        required: false,
      },
    },
    content: jsonContent(ref.schema("Error"), errorExample("token_revoked", "token revoked: it was revoked on 2026-05-01T10:00:00.000Z; create a new one on your account page.")),
  },
  Forbidden: {
    description:
      "Not allowed: the token's (or the session's) role is too low (forbidden), a change made with a session from another origin (cross_origin), or a token sent to an endpoint that takes none (token_not_accepted).",
    content: jsonContent(ref.schema("Error"), errorExample("forbidden", "This token's role (editor) does not allow this.")),
  },
  WriteNotFound: {
    description: "Nothing with that id: no such statement (or revision of it), or no such token of yours.",
    content: jsonContent(ref.schema("Error"), errorExample("not_found", "No statement 999999.")),
  },
  Conflict: {
    description: "Someone saved a newer version since `version`: nothing was changed; `current` is what is stored now, to reconcile and send again based on `currentVersion`.",
    content: jsonContent(ref.schema("VersionConflict")),
  },
} satisfies Record<string, ResponseObject>;

const writeErrors = (...codes: Array<400 | 401 | 403 | 404 | 409 | 503>): Record<string, Reference> => {
  const names: Record<number, string> = { 400: "WriteBadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "WriteNotFound", 409: "Conflict", 503: "ServiceUnavailable" };
  return Object.fromEntries(codes.map((code) => [String(code), ref.response(names[code]!)]));
};

const noStore = { "Cache-Control": { description: "no-store", schema: { type: "string" } } } satisfies Record<string, HeaderObject>;
const statementIdParameter: ParameterObject = { name: "id", in: "path", required: true, description: "The statement's id.", schema: idSchema };
const tokenOrSession: Array<Record<string, string[]>> = [{ apiToken: [] }, { session: [] }];
const sessionOnly: Array<Record<string, string[]>> = [{ session: [] }];

const exampleEdit = {
  text: "We will rebuild the hospital.",
  language: "en",
  kind: "direct",
  speakerId: 7,
  saidOn: "2016-10-13",
  saidOnApproximate: false,
  topicIds: [3],
  sources: [{ url: "https://news.example.org/a", outlet: "Example News", title: null, publishedOn: null }],
  context: null,
  translationOfId: null,
  translatedBy: null,
  respondsToIds: [],
  attribution: "secondary",
  attributionNote: null,
  status: "published",
};
const exampleRecord = { ...exampleEdit, retractionReason: null };
const exampleLabels = {
  speaker: { id: 7, slug: "aleppo-health-directorate", name: "Aleppo Health Directorate" },
  topics: [{ id: 3, slug: "hospitals", name: "Hospitals" }],
  translationOf: null,
  respondsTo: [],
};
const exampleApiToken = { id: 5, name: "newsroom import script", role: "editor", createdAt: "2026-11-25T21:57:49.789Z", lastUsedAt: null, revokedAt: null };

/** The write API for curators (personal API tokens or the workspace's session) and the token endpoints. */
const writePaths: Record<string, PathItemObject> = {
  "/api/curate/statements": {
    post: {
      operationId: "createStatement",
      summary: "Add a statement",
      description:
        "Adds a statement as a draft or published, with a known or new speaker, topics and sources: the checks of the workspace's editor. Body: `StatementInput` (JSON). A revision records the token's owner as its author; a published statement reaches search within about a second.",
      tags: ["Write API"],
      security: tokenOrSession,
      requestBody: {
        required: true,
        content: jsonContent(ref.schema("StatementInput"), {
          text: "We will rebuild the hospital.",
          language: "en",
          kind: "direct",
          newSpeaker: { name: "Aleppo Health Directorate", kind: "organization" },
          saidOn: "2016-10-13",
          newTopics: ["Hospitals"],
          sources: [{ url: "https://news.example.org/a", outlet: "Example News" }],
          status: "published",
        }),
      },
      responses: {
        "201": {
          description: "Added: its id and version 1. Location is the statement's page in the workspace.",
          headers: { Location: { description: "/curate/statements/{id}", schema: { type: "string" } } },
          content: jsonContent(ref.schema("Saved"), { id: 42, version: 1 }),
        },
        ...writeErrors(400, 401, 403, 503),
      },
    },
  },
  "/api/curate/statements/{id}": {
    get: {
      operationId: "getEditableStatement",
      summary: "Read a statement to edit it",
      description:
        "The statement as the editor holds it (drafts and retracted ones too), with its version: send `record` (without `retractionReason`) back with `version` to edit it.",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      responses: {
        "200": {
          description: "The statement, with names for its ids.",
          headers: noStore,
          content: jsonContent(ref.schema("EditableStatement"), {
            id: 42,
            externalId: null,
            version: 2,
            record: exampleRecord,
            labels: exampleLabels,
            updatedAt: "2026-11-25T21:57:49.789Z",
            updatedBy: "Ada Admin",
          }),
        },
        ...writeErrors(400, 401, 403, 404, 503),
      },
    },
    put: {
      operationId: "updateStatement",
      summary: "Edit a statement",
      description:
        "Saves the statement as sent, based on `version`. Body: `StatementEdit` (JSON). When someone saved a newer version in between, nothing changes and the answer is 409 with the stored statement.",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      requestBody: { required: true, content: jsonContent(ref.schema("StatementEdit"), { ...exampleEdit, text: "We will rebuild the hospital by spring.", version: 2 }) },
      responses: {
        "200": { description: "Saved: the new version.", content: jsonContent(ref.schema("Saved"), { id: 42, version: 3 }) },
        ...writeErrors(400, 401, 403, 404, 409, 503),
      },
    },
    delete: {
      operationId: "deleteStatement",
      summary: "Delete a statement (admins)",
      description: "Removes the statement; its revisions remain. Needs an admin token of a curator who is still an admin (or an admin's session).",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      responses: { "204": { description: "Deleted (no body)." }, ...writeErrors(400, 401, 403, 404, 503) },
    },
  },
  "/api/curate/statements/{id}/retract": {
    post: {
      operationId: "retractStatement",
      summary: "Retract a statement",
      description: "Retracts it with a reason shown to readers; search drops it. Body: `Retraction` (JSON). Based on `version` like an edit (409 when stale).",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      requestBody: { required: true, content: jsonContent(ref.schema("Retraction"), { reason: "The directorate denied the report.", version: 3 }) },
      responses: {
        "200": { description: "Retracted: the new version.", content: jsonContent(ref.schema("Saved"), { id: 42, version: 4 }) },
        ...writeErrors(400, 401, 403, 404, 409, 503),
      },
    },
  },
  "/api/curate/statements/{id}/restore": {
    post: {
      operationId: "restoreStatementRevision",
      summary: "Restore an earlier version",
      description: "Makes an earlier revision current again, as a new version. Body: `RestoreRequest` (JSON). Based on `version` like an edit (409 when stale).",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      requestBody: { required: true, content: jsonContent(ref.schema("RestoreRequest"), { revisionId: 7, version: 4 }) },
      responses: {
        "200": { description: "Restored: the new version.", content: jsonContent(ref.schema("Saved"), { id: 42, version: 5 }) },
        ...writeErrors(400, 401, 403, 404, 409, 503),
      },
    },
  },
  "/api/curate/tokens": {
    get: {
      operationId: "listApiTokens",
      summary: "List my API tokens",
      description: "The curator's tokens, active first, newest first: never a token itself. Session only: a token cannot list tokens (403 token_not_accepted).",
      tags: ["API tokens"],
      security: sessionOnly,
      responses: {
        "200": {
          description: "The tokens.",
          headers: noStore,
          content: jsonContent(
            { type: "object", additionalProperties: false, required: ["tokens"], properties: { tokens: { type: "array", items: ref.schema("ApiToken") } } },
            { tokens: [exampleApiToken] },
          ),
        },
        ...writeErrors(401, 403, 503),
      },
    },
    post: {
      operationId: "createApiToken",
      summary: "Create an API token",
      description: `A new token with a role no higher than the curator's own (editor by default); at most ${SERVER_LIMITS.activeTokensPerUser} active tokens each. Body: \`NewApiToken\` (JSON). The token is in this answer only. Session only: a token cannot make tokens (403 token_not_accepted).`,
      tags: ["API tokens"],
      security: sessionOnly,
      requestBody: { required: true, content: jsonContent(ref.schema("NewApiToken"), { name: "newsroom import script", role: "editor" }) },
      responses: {
        "201": {
          description: "Created.",
          headers: noStore,
          content: jsonContent(ref.schema("CreatedApiToken"), { token: "stk_mQ4x7Rk2Vd9LpT0sYw3Hb8Nc5Zf1Ga6Je2Ui7Oo4Kqw", apiToken: exampleApiToken }),
        },
        ...writeErrors(400, 401, 403, 503),
      },
    },
  },
  "/api/curate/tokens/{id}/revoke": {
    post: {
      operationId: "revokeApiToken",
      summary: "Revoke an API token",
      description: "Revokes one of the curator's own tokens: from its next request on it is refused (401 token_revoked). Revoking twice keeps the first date. No body. Session only.",
      tags: ["API tokens"],
      security: sessionOnly,
      parameters: [{ name: "id", in: "path", required: true, description: "The token's id.", schema: idSchema }],
      responses: {
        "200": {
          description: "Revoked.",
          headers: noStore,
          content: jsonContent(
            { type: "object", additionalProperties: false, required: ["apiToken"], properties: { apiToken: ref.schema("ApiToken") } },
            { apiToken: { ...exampleApiToken, lastUsedAt: "2026-11-26T08:12:00.000Z", revokedAt: "2026-11-26T09:30:00.000Z" } },
          ),
        },
        ...writeErrors(400, 401, 403, 404, 503),
      },
    },
  },
};

// ——— Paths: feeds and exports (not JSON: no ETag; exports are rate-limited, feeds are not) ———

const text = (mediaType: string, example?: string): Record<string, MediaTypeObject> => ({
  [mediaType]: example === undefined ? { schema: { type: "string" } } : { schema: { type: "string" }, example },
});

const feedResponses = {
  FeedNotFound: { description: "No speaker or topic at this address (plain text).", content: text("text/plain", "No topic at this address.") },
  FeedUnavailable: {
    description: "The database is unavailable right now; try again shortly (plain text).",
    content: text("text/plain", "The database is unavailable right now; try again shortly."),
  },
} satisfies Record<string, ResponseObject>;

const feedOk = (what: string): ResponseObject => ({
  description: `An Atom 1.0 feed (Content-Type \`${ATOM_CONTENT_TYPE}\`) of ${what} (by date said, newest first; undated ones after): each entry's id is the statement's address, its author the speaker, its content the text in the statement's language (xml:lang). The feed's title and dates follow the reader's interface language.`,
  headers: {
    "Cache-Control": { description: "public, max-age=60, s-maxage=30, stale-while-revalidate=300: feed readers and shared caches (a CDN) keep it briefly", schema: { type: "string" } },
    Vary: { description: "Accept-Language, Cookie (the interface language).", schema: { type: "string" } },
  },
  content: text(mediaTypeOf(ATOM_CONTENT_TYPE)),
});

const exportHeader = (description: string, schema: JsonSchema): HeaderObject => ({ description, schema });

/** Feeds and exports (CSV, JSON Lines). */
const exportPaths: Record<string, PathItemObject> = {
  "/search/export": {
    get: {
      operationId: "exportSearch",
      summary: "Download a whole search result (CSV or JSON Lines)",
      description: [
        `Every statement a search finds, as a file: the parameters and filters of GET /api/v1/search (page and limit are accepted and ignored: the export is every page), up to ${EXPORT_LIMITS.maxStatements.toLocaleString("en")} statements. The search page links to it beside its results.`,
        `- **csv** (the default): \`${CSV_CONTENT_TYPE}\`, RFC 4180 with a byte-order mark, one statement a row with its address; text a spreadsheet would run as a formula starts with an apostrophe.`,
        `- **jsonl**: \`${JSONL_CONTENT_TYPE}\`, one line a statement in the import format (\`npm run import\` of the file brings the same statements into another database).`,
        "Open to any origin and counted against the rate limit like the API's reads; one export at a time per client address (another one meanwhile is a 429 `export_in_progress`); no ETag (`Cache-Control: no-store`). A bad parameter is a 400 naming it; search or the database down is a 503, decided before the file starts.",
      ].join("\n"),
      tags: ["Exports"],
      parameters: [
        {
          name: "format",
          in: "query",
          description: "csv (the default) or jsonl (either case).",
          schema: { type: "string", enum: [...EXPORT_FORMATS], default: "csv" },
          example: "jsonl",
        },
        ...searchParameters,
      ],
      responses: {
        "200": {
          description: "The file, as an attachment (statements-YYYY-MM-DD.csv or .jsonl), streamed.",
          headers: {
            "Content-Disposition": exportHeader('attachment; filename="statements-YYYY-MM-DD.csv" (or .jsonl).', { type: "string", pattern: "^attachment; " }),
            "Cache-Control": exportHeader("no-store", { type: "string" }),
            "Access-Control-Allow-Origin": ref.header("AccessControlAllowOrigin"),
            "X-RateLimit-Limit": ref.header("RateLimitLimit"),
            "X-RateLimit-Remaining": ref.header("RateLimitRemaining"),
            "X-RateLimit-Reset": ref.header("RateLimitReset"),
            "X-Total-Count": exportHeader("How many statements the search finds.", { type: "integer", minimum: 0 }),
            "X-Export-Count": exportHeader("How many statements the file holds.", { type: "integer", minimum: 0 }),
            "X-Export-Limit": exportHeader("The most statements an export holds.", { type: "integer", minimum: 1 }),
            "X-Export-Truncated": exportHeader("true when the result was larger than X-Export-Limit and the file was cut there.", { type: "string", enum: ["true", "false"] }),
          },
          content: { ...text(mediaTypeOf(CSV_CONTENT_TYPE)), ...text(mediaTypeOf(JSONL_CONTENT_TYPE)) },
        },
        ...errors(400, 429, 503),
      },
    },
  },
  "/feed.xml": {
    get: {
      operationId: "getSiteFeed",
      summary: "Atom feed of the latest statements",
      tags: ["Feeds"],
      responses: { "200": feedOk(`the latest ${SERVER_LIMITS.feedSize} published statements`), "503": ref.response("FeedUnavailable") },
    },
  },
  "/speakers/{slug}/feed.xml": {
    get: {
      operationId: "getSpeakerFeed",
      summary: "Atom feed of a speaker's latest statements",
      tags: ["Feeds"],
      parameters: [ref.parameter("slug")],
      responses: {
        "200": feedOk(`the speaker's latest ${SERVER_LIMITS.feedSize} published statements`),
        ...errors(308),
        "404": ref.response("FeedNotFound"),
        "503": ref.response("FeedUnavailable"),
      },
    },
  },
  "/topics/{slug}/feed.xml": {
    get: {
      operationId: "getTopicFeed",
      summary: "Atom feed of a topic's latest statements",
      tags: ["Feeds"],
      parameters: [ref.parameter("slug")],
      responses: {
        "200": feedOk(`the topic's latest ${SERVER_LIMITS.feedSize} published statements`),
        ...errors(308),
        "404": ref.response("FeedNotFound"),
        "503": ref.response("FeedUnavailable"),
      },
    },
  },
};

const paths: Record<string, PathItemObject> = { ...readPaths, ...writePaths, ...exportPaths };

// ——— The document ———

export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Statements tracker API",
    version: "1.0.0",
    description: [
      "Who said what, when, about what — and where it was reported: the statements of this collection as JSON, for notebooks, dashboards and other sites.",
      "",
      "- **Reading needs no key.** Every GET of /api/v1 and the exports answer any origin (CORS `Access-Control-Allow-Origin: *`; OPTIONS answers the preflight).",
      `- **Rate limit**: ${RATE_LIMIT_DEFAULT_PER_MINUTE} requests a minute per client address unless this site sets another; \`X-RateLimit-Limit\` and \`X-RateLimit-Remaining\` tell where you stand, and over the limit the answer is 429 with \`Retry-After\` (seconds).`,
      `- **Caching**: every answer of /api/v1 carries an \`ETag\`; send it back in \`If-None-Match\` and an unchanged answer is a 304 without a body. \`Cache-Control\` allows ${CACHE_SECONDS.list} s for lists and search and ${CACHE_SECONDS.item} s for one item.`,
      "- **Paging**: lists answer `{ \"data\": [...], \"nextCursor\": \"…\" }`; pass `nextCursor` back as `cursor` (with the same other parameters) until it is null. Pages are cut by position, not by offset: the millionth row is as quick as the first, and saves in between neither skip nor repeat a row.",
      "- **Errors** are JSON `{ \"error\": { \"code\", \"message\", \"fields\" } }`: a 400 names each parameter at fault and the rule (an unknown parameter is refused, so a typo does not silently widen a query), 404 for nothing public at the address, 503 while a service is down.",
      "- **Field names** are camelCase and the same in every endpoint; dates said are partial (`iso`, `precision`, `start`, `end`) because many statements are known only to the month or the year.",
      "- **Feeds and exports**: Atom feeds of the latest statements (all, per speaker, per topic), and any search as a CSV or JSON Lines download.",
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
    { name: "Exports", description: "A whole search result as a file: CSV for spreadsheets, JSON Lines in the import format." },
    { name: "Feeds", description: "Atom feeds of the latest published statements, for feed readers." },
    {
      name: "Write API",
      description: "Add, edit, retract and restore statements as a curator, with a personal API token: the same validation, version check and history as the workspace's editor.",
    },
    { name: "API tokens", description: "A curator's personal API tokens (workspace session only: a token cannot make, list or revoke tokens)." },
    { name: "About the API", description: "This description itself." },
  ],
  paths,
  components: {
    schemas: { ...schemas, ...writeSchemas },
    parameters,
    responses: { ...responses, ...writeResponses, ...feedResponses },
    headers,
    securitySchemes,
  },
};
