import { createHash } from "node:crypto";
import { z } from "zod";

// Opaque cursors of the paged API lists: base64url of a small JSON object that
// says where the previous page ended (a keyset position, never an offset) and
// which query it belongs to. Nothing in a cursor is secret, and any position a
// client could forge is one it may ask for anyway, so cursors are validated,
// not signed: anything that does not decode to a position of the right shape
// for this list and this query is a 400 naming `cursor`.

export const CURSOR_MAX_LENGTH = 512;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(payload: object): string {
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

export type CursorResult<T> = { ok: true; value: T } | { ok: false; message: string };

const MALFORMED = "is not a cursor this API returned (it must be copied unchanged from nextCursor)";

/**
 * Decodes a cursor and checks it against `schema`. `fingerprint` is the
 * fingerprint of the query asking: a cursor made for other filters or another
 * order is refused rather than silently reinterpreted.
 */
export function decodeCursor<T extends { f: string }>(
  raw: string,
  schema: z.ZodType<T>,
  fingerprint: string,
): CursorResult<T> {
  if (raw.length > CURSOR_MAX_LENGTH) return { ok: false, message: `is longer than ${CURSOR_MAX_LENGTH} characters` };
  if (!BASE64URL.test(raw)) return { ok: false, message: MALFORMED };
  const bytes = Buffer.from(raw, "base64url");
  // Buffer.from ignores trailing garbage bits; a round trip tells a real encoding from a lookalike.
  if (bytes.toString("base64url") !== raw) return { ok: false, message: MALFORMED };
  const text = bytes.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: MALFORMED };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, message: MALFORMED };
  if (parsed.data.f !== fingerprint) {
    return {
      ok: false,
      message:
        "belongs to another query (its filters or sort differ): repeat the query that returned it, or start again without cursor",
    };
  }
  return { ok: true, value: parsed.data };
}

/** A short, stable fingerprint of a query's filters and order, kept in its cursors. */
export function queryFingerprint(query: unknown): string {
  return createHash("sha256").update(stableJson(query)).digest("base64url").slice(0, 16);
}

/** JSON with object keys sorted, so equal queries give equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
