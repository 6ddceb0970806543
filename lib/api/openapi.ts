import { SUPPORTED_LANGUAGES } from "@/lib/languages";
import { STATEMENT_KINDS } from "@/lib/validation/import-line";
import { SEARCH_LIMITS } from "@/lib/validation/search-params";
import { CACHE_SECONDS } from "./http-cache";
import { LIST_LIMITS, STATEMENT_LIST_SORTS, STATEMENT_LIST_STATUSES } from "./list-params";
import { RATE_LIMIT_DEFAULT_PER_MINUTE } from "./rate-limit";

// The OpenAPI 3.1 description of the public JSON API, as code. Served at
// /api/v1/openapi.json, rendered for people at /developers, and used by the
// tests to check real answers of every endpoint against their schemas.
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
      wikidataId: { type: ["string", "null"], pattern: "^Q[0-9]+$" },
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
  RateLimitLimit: { description: "Requests allowed per minute from your address.", schema: { type: "integer" } },
  RateLimitRemaining: { description: "Requests left in the current minute.", schema: { type: "integer", minimum: 0 } },
  RateLimitReset: { description: "Seconds until the current minute's count starts again.", schema: { type: "integer", minimum: 1 } },
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
        { name: "q", in: "query", description: "The words to search for.", schema: { type: "string", maxLength: SEARCH_LIMITS.queryMaxLength }, example: "ميركل" },
        ref.parameter("speaker"),
        ref.parameter("topic"),
        ref.parameter("lang"),
        ref.parameter("kind"),
        ref.parameter("year"),
        ref.parameter("from"),
        ref.parameter("to"),
        { name: "sort", in: "query", description: "relevance (the default), newest or oldest.", schema: { type: "string", enum: ["relevance", "newest", "oldest"], default: "relevance" } },
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

// ——— Paths: the write API and exports (added with those features) ———

/**
 * The write API for curators (personal API tokens): add its path items here,
 * with `security: [{ apiToken: [] }]` and a `securitySchemes.apiToken` entry in
 * `components` below.
 */
const writePaths: Record<string, PathItemObject> = {};

/** Feeds and exports (CSV, JSON Lines): add their path items here. */
const exportPaths: Record<string, PathItemObject> = {};

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
      "- **Reading needs no key.** Every GET answers any origin (CORS `Access-Control-Allow-Origin: *`; OPTIONS answers the preflight).",
      `- **Rate limit**: ${RATE_LIMIT_DEFAULT_PER_MINUTE} requests a minute per client address unless this site sets another; \`X-RateLimit-Limit\` and \`X-RateLimit-Remaining\` tell where you stand, and over the limit the answer is 429 with \`Retry-After\` (seconds).`,
      `- **Caching**: every answer carries an \`ETag\`; send it back in \`If-None-Match\` and an unchanged answer is a 304 without a body. \`Cache-Control\` allows ${CACHE_SECONDS.list} s for lists and search and ${CACHE_SECONDS.item} s for one item.`,
      "- **Paging**: lists answer `{ \"data\": [...], \"nextCursor\": \"…\" }`; pass `nextCursor` back as `cursor` (with the same other parameters) until it is null. Pages are cut by position, not by offset: the millionth row is as quick as the first, and saves in between neither skip nor repeat a row.",
      "- **Errors** are JSON `{ \"error\": { \"code\", \"message\", \"fields\" } }`: a 400 names each parameter at fault and the rule (an unknown parameter is refused, so a typo does not silently widen a query), 404 for nothing public at the address, 503 while a service is down.",
      "- **Field names** are camelCase and the same in every endpoint; dates said are partial (`iso`, `precision`, `start`, `end`) because many statements are known only to the month or the year.",
    ].join("\n"),
  },
  servers: [{ url: "/", description: "This site" }],
  tags: [
    { name: "Statements", description: "The statements, one at a time or the whole collection a page at a time." },
    { name: "Search", description: "Full-text search with facets (served by the search engine)." },
    { name: "Speakers", description: "People, organizations and groups who made statements." },
    { name: "Topics", description: "What the statements are about." },
    { name: "Dates", description: "When the statements were made." },
    { name: "About the API", description: "This description itself." },
  ],
  paths,
  components: { schemas, parameters, responses, headers },
};
