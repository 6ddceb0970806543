import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// Checks real answers of the API against the OpenAPI document that describes
// them: the status code must be documented for the operation, a JSON body must
// match the response's JSON Schema (2020-12, as OpenAPI 3.1 uses it), any
// other body (a feed, an export) must come with one of the documented media
// types, and the headers the document promises must be there (all of a
// response's headers except those marked `required: false`). Shared by the
// unit test of the document (lib/api/openapi.test.ts) and the e2e tests
// (e2e/api-v1.spec.ts, e2e/curate-tokens.spec.ts, e2e/feeds-exports.spec.ts).

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const SCHEMAS_ID = "https://statements-tracker.invalid/openapi-schemas.json";

/** The document's `#/components/schemas/X` references, pointed at one schema resource's `$defs`. */
function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${SCHEMAS_ID}#/$defs/`)) as T;
}

export type ApiAnswer = {
  path: string;
  method?: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
};

/** The media type of a Content-Type value, lower-cased ("Text/CSV; charset=utf-8" → "text/csv"). */
export function mediaTypeOf(contentType: string | undefined | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

const isJson = (mediaType: string) => mediaType === "application/json" || mediaType.endsWith("+json");

/** A body as `check` takes it: parsed when the answer is JSON, else the text as it came (null when empty). */
export function answerBody(text: string, contentType: string | undefined | null): unknown {
  if (text === "") return null;
  return isJson(mediaTypeOf(contentType)) ? JSON.parse(text) : text;
}

export type OpenApiChecker = {
  /** Problems with an answer (empty when it matches the document). */
  check(answer: ApiAnswer): string[];
  /** The JSON Schema validator of a component schema, or of any schema written like the document's. */
  validator(schema: Json | string): ValidateFunction;
  /** The path template of the document that a concrete path matches ("/api/v1/statements/{id}"). */
  templateOf(path: string): string | null;
  /** Resolves a `$ref` of the document (local references only). */
  resolve<T = Json>(value: T | { $ref: string }): T;
};

export function openApiChecker(doc: Doc): OpenApiChecker {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true });
  addFormats(ajv);
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: rewriteRefs(doc.components.schemas ?? {}) });
  const compiled = new Map<string, ValidateFunction>();

  const resolve = <T>(value: T | { $ref: string }): T => {
    if (value && typeof value === "object" && "$ref" in value && typeof value.$ref === "string") {
      const parts = value.$ref.replace(/^#\//, "").split("/");
      let target: unknown = doc;
      for (const part of parts)
        target = (target as Json | undefined)?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
      if (target === undefined) throw new Error(`unresolved reference ${value.$ref}`);
      return resolve(target as T);
    }
    return value as T;
  };

  const validator = (schema: Json | string): ValidateFunction => {
    const key = typeof schema === "string" ? schema : JSON.stringify(schema);
    let fn = compiled.get(key);
    if (!fn) {
      fn =
        typeof schema === "string" ? ajv.getSchema(`${SCHEMAS_ID}#/$defs/${schema}`) : ajv.compile(rewriteRefs(schema));
      if (!fn) throw new Error(`no schema ${key}`);
      compiled.set(key, fn);
    }
    return fn;
  };

  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }))
    .sort((a, b) => a.params - b.params);
  const templateOf = (path: string) => templates.find((t) => t.pattern.test(path))?.template ?? null;

  const check = ({ path, method = "get", status, headers, body }: ApiAnswer): string[] => {
    const problems: string[] = [];
    const template = templateOf(path);
    if (!template) return [`${path}: no path of the document matches`];
    const operation = doc.paths[template]?.[method] as { responses?: Record<string, Json> } | undefined;
    if (!operation) return [`${method.toUpperCase()} ${template}: not in the document`];
    const documented = operation.responses?.[String(status)] ?? operation.responses?.default;
    if (!documented) return [`${method.toUpperCase()} ${template}: status ${status} is not documented`];
    const response = resolve(documented) as {
      headers?: Record<string, Json>;
      content?: Record<string, { schema: Json }>;
    };
    const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (resolve(header as { required?: boolean }).required === false) continue;
      if (lowerHeaders[name.toLowerCase()] === undefined)
        problems.push(`${status} ${template}: header ${name} is missing`);
    }
    const mediaTypes = Object.keys(response.content ?? {});
    const received = mediaTypeOf(lowerHeaders["content-type"]);
    const schema = response.content?.["application/json"]?.schema;
    if (mediaTypes.length > 0 && !schema) {
      // Not JSON (a feed, a file): the media type must be a documented one; the body is the server's to shape.
      if (!mediaTypes.some((type) => type.toLowerCase() === received)) {
        problems.push(
          `${status} ${template}: content type "${received || "(none)"}" is not one of ${mediaTypes.join(", ")}`,
        );
      }
      return problems;
    }
    if (!schema) {
      if (body !== undefined && body !== null && body !== "")
        problems.push(`${status} ${template}: a body where the document describes none`);
      return problems;
    }
    if (received !== "" && !isJson(received))
      problems.push(`${status} ${template}: content type "${received}" where the document describes JSON`);
    const ref = (schema as { $ref?: string }).$ref;
    const validate = ref?.startsWith("#/components/schemas/")
      ? validator(ref.slice("#/components/schemas/".length))
      : validator(schema);
    if (!validate(body)) {
      for (const error of (validate.errors ?? []).slice(0, 10)) {
        problems.push(
          `${status} ${template}: body${error.instancePath} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ""}`,
        );
      }
    }
    return problems;
  };

  return { check, validator, templateOf, resolve };
}
