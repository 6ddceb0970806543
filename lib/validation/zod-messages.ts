import type { ZodError } from "zod";

export type FieldMessage = { field: string; message: string };

/**
 * Flattens zod issues to `{ field, message }` pairs. `field` is the dotted path
 * ("speaker.name", "topics.2"); it is "" for an issue about the value as a whole.
 */
export function zodIssuesToMessages(error: ZodError): FieldMessage[] {
  return error.issues.map((issue) => ({
    field: issue.path.map((key) => (typeof key === "symbol" ? (key.description ?? "") : String(key))).join("."),
    message: issue.message,
  }));
}

/** The first issue as `field: message` (just the message for a whole-value issue). */
export function formatZodError(error: ZodError): string {
  const [first] = zodIssuesToMessages(error);
  if (!first) return "is invalid";
  return first.field === "" ? first.message : `${first.field}: ${first.message}`;
}

const MAX_QUOTED_LENGTH = 40;

/** A user-supplied value for an error message: JSON-quoted and shortened, so one bad line cannot flood a log. */
export function quoteForMessage(value: string): string {
  const chars = Array.from(value);
  const shown = chars.length > MAX_QUOTED_LENGTH ? `${chars.slice(0, MAX_QUOTED_LENGTH).join("")}…` : value;
  return JSON.stringify(shown);
}
