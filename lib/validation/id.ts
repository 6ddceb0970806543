import { z } from "zod";
import type { FieldMessage } from "./zod-messages";

// Ids of statements, speakers, topics, revisions, users and tokens: Postgres
// `integer` keys, so a positive whole number up to 2^31 − 1. Every id a request
// carries (in the path, the query or the body) is read here.

export const MAX_ID = 2_147_483_647;
export const ID_MESSAGE = "must be a positive whole number";

/** An id in a JSON body or answer. */
export const idSchema = z.int().min(1).max(MAX_ID);

/** A required id in a request's JSON body, refused with a message (Postgres' range included, so never a 500). */
export const requiredBodyId = z
  .number({ error: (issue) => (issue.input === undefined || issue.input === null ? "is required" : ID_MESSAGE) })
  .int(ID_MESSAGE)
  .min(1, ID_MESSAGE)
  .max(MAX_ID, ID_MESSAGE);

/** The id `raw` spells (digits only, no leading zero, within Postgres' integer range), or null. */
export function idFrom(raw: string): number | null {
  return /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= MAX_ID ? Number(raw) : null;
}

/** The id `raw` spells, or a message naming `field` (a 400 for the caller). */
export function parseId(raw: string, field = "id"): number | FieldMessage {
  return idFrom(raw) ?? { field, message: ID_MESSAGE };
}
