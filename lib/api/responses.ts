import "server-only";
import { NextResponse } from "next/server";
import { isDatabaseUnavailable } from "@/lib/errors";
import { SearchUnavailableError } from "@/lib/search/types";
import type { FieldMessage } from "@/lib/validation/zod-messages";

// Errors of the JSON API, mapped to responses in one place: only known messages
// reach the client; anything unexpected is logged and answered with a generic 500.

export type ApiErrorBody = { error: { code: string; message: string; fields?: FieldMessage[] } };

export function apiError(
  status: number,
  code: string,
  message: string,
  fields?: FieldMessage[],
): NextResponse<ApiErrorBody> {
  return NextResponse.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

export function badRequest(fields: FieldMessage[]): NextResponse<ApiErrorBody> {
  const message = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ");
  return apiError(400, "invalid_parameter", message, fields);
}

export function apiFailure(error: unknown): NextResponse<ApiErrorBody> {
  if (error instanceof SearchUnavailableError)
    return apiError(503, "search_unavailable", "Search is unavailable right now; try again shortly.");
  if (isDatabaseUnavailable(error))
    return apiError(503, "database_unavailable", "The database is unavailable right now; try again shortly.");
  console.error(error);
  return apiError(500, "internal_error", "Something went wrong on our side.");
}

/** Ids are read by lib/validation/id.ts; re-exported for the route handlers. */
export { parseId } from "@/lib/validation/id";

/**
 * Route params may arrive percent-encoded (Arabic slugs); a malformed escape is
 * kept as typed. NUL is written back as %00: Postgres refuses NUL in text, and
 * no slug holds one or a "%", so such an address finds nothing (404).
 */
export function decodeSlug(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  return decoded.replaceAll("\u0000", "%00");
}
