import { z } from "zod";
import { quoteForMessage, type FieldMessage } from "./zod-messages";

// Query parameters (of the search, the API's lists and the exports), read the
// same way everywhere: each parameter is a zod schema of its raw text (or, for
// a list, of its values), written so that the same schema checks a request and
// describes the parameter in the OpenAPI document (lib/api/openapi.ts). Where a
// transform would hide a rule from that document, the rule is stated with
// `.meta()` beside it.

export type QueryParams = Pick<URLSearchParams, "getAll">;

/** A parameter given at most once: its schema takes the trimmed text. */
export type SingleParameter = { kind: "single"; schema: z.ZodType };
/** A parameter given repeatedly (?lang=ar&lang=en) or comma-separated (?lang=ar,en): its schema takes the values. */
export type ListParameter = { kind: "list"; schema: z.ZodType<unknown, string[]> };
export type QueryParameter = SingleParameter | ListParameter;

export const single = <T extends z.ZodType>(schema: T) => ({ kind: "single", schema }) as const;
export const list = <T extends z.ZodType<unknown, string[]>>(schema: T) => ({ kind: "list", schema }) as const;

const UNKNOWN_SHOWN = 10;

/** One message per parameter name the endpoint does not take (the first few, then a count). */
export function unknownFields(params: Pick<URLSearchParams, "keys">, allowed: readonly string[]): FieldMessage[] {
  const unknown = [...new Set(params.keys())].filter((name) => !allowed.includes(name));
  const shown = unknown.slice(0, UNKNOWN_SHOWN).map((name) => ({
    field: Array.from(name).slice(0, 40).join(""),
    message: `unknown field (this endpoint takes: ${allowed.join(", ")})`,
  }));
  if (unknown.length > UNKNOWN_SHOWN)
    shown.push({ field: "", message: `and ${unknown.length - UNKNOWN_SHOWN} more unknown fields` });
  return shown;
}

/** The trimmed value of a parameter that may be given once (null when absent or blank). */
export function singleValue(params: QueryParams, name: string, errors: FieldMessage[]): string | null {
  const values = params.getAll(name);
  if (values.length > 1) errors.push({ field: name, message: "must be given once" });
  const value = values[0]?.trim();
  return value ? value : null;
}

/** The distinct values of a parameter given repeatedly or comma-separated. */
export function listValues(params: QueryParams, name: string): string[] {
  return [
    ...new Set(
      params
        .getAll(name)
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Reads one parameter with its schema; each problem becomes a message naming
 * the parameter. Of a list's values, only the first that breaks a rule is
 * named (one message per rule). A single parameter that is absent gives
 * `undefined` to its schema, so a `.default()` applies.
 */
export function readParameter<P extends QueryParameter>(
  params: QueryParams,
  name: string,
  parameter: P,
  errors: FieldMessage[],
): z.output<P["schema"]> | undefined {
  const raw = parameter.kind === "list" ? listValues(params, name) : (singleValue(params, name, errors) ?? undefined);
  const parsed = parameter.schema.safeParse(raw);
  if (parsed.success) return parsed.data as z.output<P["schema"]>;
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    if (issue.path.length > 0) {
      if (seen.has(issue.code)) continue;
      seen.add(issue.code);
    }
    errors.push({ field: name, message: issue.message });
  }
  return undefined;
}

// ——— Rules of single values ———

/** Digits only, from `min` to `max`: the message quotes what was sent. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .refine((raw) => /^\d{1,9}$/.test(raw) && Number(raw) >= min && Number(raw) <= max, {
      error: (issue) => `must be a whole number from ${min} to ${max}, got ${quoteForMessage(String(issue.input))}`,
    })
    .transform(Number)
    .meta({ type: "integer", minimum: min, maximum: max });
}

/** One of `values`; the message quotes what was sent and lists the choices. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => `${quoteForMessage(String(issue.input))} is not one of ${values.join(", ")}`,
  });
}

/** A list whose values are each one of `values`. */
export function manyOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.array(oneOf(values));
}
