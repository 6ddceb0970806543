import { z } from "zod";
import { SEARCH_FILTERS, SEARCH_LIMITS } from "@/lib/validation/search-params";
import type { QueryParameter } from "@/lib/validation/query-params";
import { RATE_LIMIT_DEFAULT_PER_MINUTE } from "./rate-limit";
import { LIST_QUERY_PARAMETERS } from "./list-params";
import { slugSchema } from "./api-schemas";

// The pieces of the OpenAPI document (lib/api/openapi.ts) that its groups of
// paths share: the types of the objects it writes, the helpers that make them,
// and the components every group refers to (parameters, headers, error answers).
// Schemas are never written here by hand: `jsonSchemaOf` turns the zod schema
// that checks a value into its JSON Schema.

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

export type PathItemObject = Partial<Record<"get" | "post" | "put" | "patch" | "delete", OperationObject>> & {
  parameters?: Array<ParameterObject | Reference>;
};

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

export function ok(description: string, schema: Reference, example: unknown): ResponseObject {
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

// ——— JSON Schema from zod ———

/**
 * The JSON Schema (2020-12) of a zod schema: as a client sends it ("input":
 * parameters and bodies, before defaults and cleaning) or as the server writes
 * it ("output": answers).
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const json: JsonSchema = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: tidyJsonSchema,
  });
  delete json.$schema; // the document's dialect is OpenAPI 3.1's
  return json;
}

/** Two touches to zod's output, for every schema it writes (its `override` hook). */
export function tidyJsonSchema({
  zodSchema,
  jsonSchema,
}: {
  zodSchema: z.core.$ZodTypes;
  jsonSchema: JsonSchema;
}): void {
  // zod writes the safe-integer range into every integer; a bound nobody set says nothing.
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  // zod leaves the default out of the input of a schema that transforms; it is still what leaving the value out gives.
  const def = zodSchema._zod.def;
  if (def.type === "default" && !("default" in jsonSchema)) jsonSchema.default = def.defaultValue;
}

/** A query parameter, its schema generated from the zod schema that reads it (lib/validation/query-params.ts). */
export function queryParameter(
  name: string,
  parameter: QueryParameter,
  description: string,
  example?: unknown,
): ParameterObject {
  return {
    name,
    in: "query",
    description,
    schema: jsonSchemaOf(parameter.schema),
    ...(parameter.kind === "list" ? { style: "form" as const, explode: true } : {}),
    ...(example === undefined ? {} : { example }),
  };
}

// ——— Components: parameters ———

export const parameters = {
  speaker: queryParameter(
    "speaker",
    SEARCH_FILTERS.speaker,
    `Speaker slugs; several values (repeated, or comma-separated: speaker=a,b) match any of them. At most ${SEARCH_LIMITS.valuesPerFilter}.`,
    ["angela-merkel"],
  ),
  topic: queryParameter("topic", SEARCH_FILTERS.topic, "Topic slugs; several values match any of them.", ["refugees"]),
  lang: queryParameter(
    "lang",
    SEARCH_FILTERS.lang,
    "Languages of the text (ISO 639-1); several values match any of them.",
    ["ar"],
  ),
  kind: queryParameter(
    "kind",
    SEARCH_FILTERS.kind,
    "direct, indirect (paraphrase) or mixed; several values match any of them.",
    ["direct"],
  ),
  year: queryParameter(
    "year",
    SEARCH_FILTERS.year,
    "Years the statement was said in (YYYY); several values match any of them.",
    ["2016"],
  ),
  from: queryParameter(
    "from",
    SEARCH_FILTERS.from,
    "Said on or after this date (YYYY, YYYY-MM or YYYY-MM-DD; from=2016-11 starts on the 1st). A statement known only to its month or year is in the range when that period overlaps it.",
    "2016-11",
  ),
  to: queryParameter(
    "to",
    SEARCH_FILTERS.to,
    "Said on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; to=2016-11 ends on the 30th).",
    "2016-12-31",
  ),
  cursor: queryParameter(
    "cursor",
    LIST_QUERY_PARAMETERS.statements.cursor,
    "The `nextCursor` of the previous page, unchanged, with the same other parameters. Cursors are opaque: a cursor that was altered, or that belongs to other filters or another sort, is refused with a 400 naming `cursor`.",
  ),
  slug: {
    name: "slug",
    in: "path",
    required: true,
    description:
      "The address of the speaker or topic. An address that was merged into another answers 308 with the survivor's address.",
    schema: jsonSchemaOf(slugSchema),
  },
} satisfies Record<string, ParameterObject>;

// ——— Components: headers and responses ———

export const headers = {
  ETag: {
    description: "Weak validator of the body: send it back as If-None-Match to get a 304 while nothing changed.",
    schema: { type: "string" },
  },
  CacheControl: {
    description: "public, max-age=N (seconds): short for lists and search, longer for one item.",
    schema: { type: "string" },
  },
  AccessControlAllowOrigin: {
    description: "Always *: any web page may read the API.",
    schema: { type: "string", const: "*" },
  },
  // Absent when the operator turned the limit off.
  RateLimitLimit: {
    description: "Requests allowed per minute from your address. Absent when the limit is off.",
    schema: { type: "integer" },
    required: false,
  },
  RateLimitRemaining: {
    description: "Requests left in the current minute. Absent when the limit is off.",
    schema: { type: "integer", minimum: 0 },
    required: false,
  },
  RateLimitReset: {
    description: "Seconds until the current minute's count starts again. Absent when the limit is off.",
    schema: { type: "integer", minimum: 1 },
    required: false,
  },
  RetryAfter: {
    description: "Seconds to wait before the next request.",
    schema: { type: "integer", minimum: 1 },
    required: true,
  },
} satisfies Record<string, HeaderObject>;

export const errorExample = (code: string, message: string, fields?: Array<{ field: string; message: string }>) => ({
  error: { code, message, ...(fields ? { fields } : {}) },
});

export const responses = {
  NotModified: {
    description: "Not modified: the ETag sent in If-None-Match is still current (no body).",
    headers: { ETag: ref.header("ETag") },
  },
  PermanentRedirect: {
    description: "The slug was merged into another speaker or topic: Location gives the survivor's address.",
    headers: { Location: { description: "The survivor's address.", schema: { type: "string" } } },
  },
  BadRequest: {
    description:
      "A parameter is wrong: an unknown parameter, a value of the wrong type or out of range, or a malformed cursor. `fields` names each parameter and the rule.",
    content: jsonContent(
      ref.schema("Error"),
      errorExample(
        "invalid_parameter",
        'limit: must be a whole number from 1 to 200, got "500"; speakr: unknown field (this endpoint takes: q, speaker, …)',
        [
          { field: "limit", message: 'must be a whole number from 1 to 200, got "500"' },
          { field: "speakr", message: "unknown field (this endpoint takes: q, speaker, …)" },
        ],
      ),
    ),
  },
  NotFound: {
    description: "Nothing (public) at this address.",
    content: jsonContent(ref.schema("Error"), errorExample("not_found", "No statement 999999.")),
  },
  TooManyRequests: {
    description: `Over the rate limit of the caller's address (${RATE_LIMIT_DEFAULT_PER_MINUTE} requests a minute unless the site sets another).`,
    headers: {
      "Retry-After": ref.header("RetryAfter"),
      "X-RateLimit-Limit": ref.header("RateLimitLimit"),
      "X-RateLimit-Remaining": ref.header("RateLimitRemaining"),
    },
    content: jsonContent(
      ref.schema("Error"),
      errorExample(
        "rate_limited",
        `Too many requests from your address: at most ${RATE_LIMIT_DEFAULT_PER_MINUTE} a minute. Try again in 21 s.`,
      ),
    ),
  },
  InternalError: {
    description: "An unexpected error (logged on the server).",
    content: jsonContent(ref.schema("Error"), errorExample("internal_error", "Something went wrong on our side.")),
  },
  ServiceUnavailable: {
    description: "The database (or, for search, the search engine) is unavailable right now; try again shortly.",
    content: jsonContent(
      ref.schema("Error"),
      errorExample("search_unavailable", "Search is unavailable right now; try again shortly."),
    ),
  },
} satisfies Record<string, ResponseObject>;
