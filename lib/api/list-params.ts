import { z } from "zod";
import {
  STATEMENT_LIST_SORTS,
  STATEMENT_LIST_STATUSES,
  type SpeakerListApiQuery,
  type StatementListFilters,
  type StatementListQuery,
  type StatementPosition,
  type TopicListApiQuery,
} from "@/lib/validation/list-query";
import { checkPartialDate } from "@/lib/validation/partial-date";
import { parseSearchParams } from "@/lib/validation/search-params";
import { quoteForMessage, type FieldMessage } from "@/lib/validation/zod-messages";
import { decodeCursor, encodeCursor, queryFingerprint } from "./cursor";

// The query parameters of the paged lists of the public API (/api/v1/statements,
// /speakers, /topics, /dates), checked in one place. Every problem names the
// parameter and the rule; a parameter the endpoint does not know is refused
// ("unknown field") rather than ignored, so a typo (?speakr=) is not silently
// a query for everything. The statement filters are parsed by the search
// API's own parser, so both endpoints read them the same way.

type Params = Pick<URLSearchParams, "getAll" | "get" | "keys">;

export type ListParamsResult<T> = { ok: true; query: T } | { ok: false; errors: FieldMessage[] };

export const LIST_LIMITS = {
  statements: { defaultLimit: 50, maxLimit: 200 },
  speakers: { defaultLimit: 50, maxLimit: 200 },
  topics: { defaultLimit: 1000, maxLimit: 1000 },
  speakerQueryMaxLength: 100,
} as const;

const MAX_ID = 2_147_483_647;
/** As in the speakers table (lib/db/queries/speakers.ts SPEAKER_KINDS; that module is server-only). */
const SPEAKER_KIND_VALUES = ["person", "organization", "group"] as const;
const UNKNOWN_SHOWN = 10;


export const LIST_PARAMETERS = {
  statements: ["q", "speaker", "topic", "lang", "kind", "year", "from", "to", "status", "sort", "cursor", "limit"],
  speakers: ["q", "kind", "cursor", "limit"],
  topics: ["cursor", "limit"],
  dates: ["year"],
} as const;

/** One message per parameter name the endpoint does not take (the first few, then a count). */
export function unknownFields(params: Params, allowed: readonly string[]): FieldMessage[] {
  const unknown = [...new Set(params.keys())].filter((name) => !allowed.includes(name));
  const shown = unknown.slice(0, UNKNOWN_SHOWN).map((name) => ({
    field: Array.from(name).slice(0, 40).join(""),
    message: `unknown field (this endpoint takes: ${allowed.join(", ")})`,
  }));
  if (unknown.length > UNKNOWN_SHOWN) shown.push({ field: "", message: `and ${unknown.length - UNKNOWN_SHOWN} more unknown fields` });
  return shown;
}

function single(params: Params, name: string, errors: FieldMessage[]): string | null {
  const values = params.getAll(name);
  if (values.length > 1) errors.push({ field: name, message: "must be given once" });
  const value = values[0]?.trim();
  return value ? value : null;
}

function listOf(params: Params, name: string): string[] {
  return [...new Set(params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];
}

function limitOf(params: Params, bounds: { defaultLimit: number; maxLimit: number }, errors: FieldMessage[]): number {
  const raw = single(params, "limit", errors);
  if (raw === null) return bounds.defaultLimit;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > bounds.maxLimit) {
    errors.push({ field: "limit", message: `must be a whole number from 1 to ${bounds.maxLimit}, got ${quoteForMessage(raw)}` });
    return bounds.defaultLimit;
  }
  return Number(raw);
}

function oneOf<T extends string>(raw: string | null, name: string, allowed: readonly T[], fallback: T, errors: FieldMessage[]): T {
  if (raw === null) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  errors.push({ field: name, message: `${quoteForMessage(raw)} is not one of ${allowed.join(", ")}` });
  return fallback;
}

function manyOf<T extends string>(params: Params, name: string, allowed: readonly T[], errors: FieldMessage[]): T[] {
  const values = listOf(params, name);
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) errors.push({ field: name, message: `${quoteForMessage(bad)} is not one of ${allowed.join(", ")}` });
  return values.filter((v): v is T => (allowed as readonly string[]).includes(v));
}

// ——— Cursors ———

const isoDay = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && checkPartialDate(s).ok);
const id = z.number().int().min(1).max(MAX_ID);
const fingerprint = z.string().min(1).max(64);

/** After (date said, id) in the newest/oldest orders; `d` null once the undated statements are reached. */
const statementDateCursor = z.strictObject({ v: z.literal(1), f: fingerprint, d: isoDay.nullable(), i: id });
const statementIdCursor = z.strictObject({ v: z.literal(1), f: fingerprint, i: id });
const slugCursor = z.strictObject({ v: z.literal(1), f: fingerprint, s: z.string().min(1).max(200) });

// ——— /api/v1/statements ———

const SEARCH_FILTERS = ["q", "speaker", "topic", "lang", "kind", "year", "from", "to"] as const;

export function parseStatementListParams(params: Params): ListParamsResult<StatementListQuery> {
  const errors = unknownFields(params, LIST_PARAMETERS.statements);

  // The filters the search API takes, read by its parser (and nothing else of the query).
  const subset = new URLSearchParams();
  for (const name of SEARCH_FILTERS) for (const value of params.getAll(name)) subset.append(name, value);
  const search = parseSearchParams(subset);
  if (!search.ok) errors.push(...search.errors);

  const statusValues = manyOf(params, "status", STATEMENT_LIST_STATUSES, errors);
  const statuses = statusValues.length > 0 ? [...STATEMENT_LIST_STATUSES].filter((s) => statusValues.includes(s)) : [...STATEMENT_LIST_STATUSES];
  const sort = oneOf(single(params, "sort", errors), "sort", STATEMENT_LIST_SORTS, "newest", errors);
  const limit = limitOf(params, LIST_LIMITS.statements, errors);
  const rawCursor = single(params, "cursor", errors);
  if (!search.ok || errors.length > 0) return { ok: false, errors };

  const { q, speakers, topics, languages, kinds, years, from, to } = search.query;
  const filters: StatementListFilters = {
    q,
    speakers: [...speakers].sort(),
    topics: [...topics].sort(),
    languages: [...languages].sort(),
    kinds: [...kinds].sort(),
    years: [...years].sort((a, b) => a - b),
    from,
    to,
    statuses,
  };
  const print = queryFingerprint({ list: "statements", filters, sort });
  let after: StatementPosition | null = null;
  if (rawCursor !== null) {
    if (sort === "id") {
      const decoded = decodeCursor(rawCursor, statementIdCursor, print);
      if (!decoded.ok) return { ok: false, errors: [{ field: "cursor", message: decoded.message }] };
      after = { saidOn: null, id: decoded.value.i };
    } else {
      const decoded = decodeCursor(rawCursor, statementDateCursor, print);
      if (!decoded.ok) return { ok: false, errors: [{ field: "cursor", message: decoded.message }] };
      after = { saidOn: decoded.value.d, id: decoded.value.i };
    }
  }
  return { ok: true, query: { filters, sort, limit, after, fingerprint: print } };
}

export function statementCursor(query: Pick<StatementListQuery, "sort" | "fingerprint">, last: StatementPosition): string {
  return query.sort === "id"
    ? encodeCursor({ v: 1, f: query.fingerprint, i: last.id })
    : encodeCursor({ v: 1, f: query.fingerprint, d: last.saidOn, i: last.id });
}

// ——— /api/v1/speakers ———

export function parseSpeakerListParams(params: Params): ListParamsResult<SpeakerListApiQuery> {
  const errors = unknownFields(params, LIST_PARAMETERS.speakers);
  const q = single(params, "q", errors) ?? "";
  if (q.length > LIST_LIMITS.speakerQueryMaxLength) errors.push({ field: "q", message: `must be at most ${LIST_LIMITS.speakerQueryMaxLength} characters` });
  const kinds = [...manyOf(params, "kind", SPEAKER_KIND_VALUES, errors)].sort();
  const limit = limitOf(params, LIST_LIMITS.speakers, errors);
  const rawCursor = single(params, "cursor", errors);
  if (errors.length > 0) return { ok: false, errors };
  const print = queryFingerprint({ list: "speakers", q, kinds });
  const afterSlug = rawCursor === null ? null : slugAfter(rawCursor, print);
  if (afterSlug !== null && typeof afterSlug !== "string") return { ok: false, errors: [afterSlug] };
  return { ok: true, query: { q, kinds, limit, afterSlug, fingerprint: print } };
}

// ——— /api/v1/topics ———

export function parseTopicListParams(params: Params): ListParamsResult<TopicListApiQuery> {
  const errors = unknownFields(params, LIST_PARAMETERS.topics);
  const limit = limitOf(params, LIST_LIMITS.topics, errors);
  const rawCursor = single(params, "cursor", errors);
  if (errors.length > 0) return { ok: false, errors };
  const print = queryFingerprint({ list: "topics" });
  const afterSlug = rawCursor === null ? null : slugAfter(rawCursor, print);
  if (afterSlug !== null && typeof afterSlug !== "string") return { ok: false, errors: [afterSlug] };
  return { ok: true, query: { limit, afterSlug, fingerprint: print } };
}

function slugAfter(raw: string, print: string): string | FieldMessage {
  const decoded = decodeCursor(raw, slugCursor, print);
  return decoded.ok ? decoded.value.s : { field: "cursor", message: decoded.message };
}

export function slugCursorFor(query: { fingerprint: string }, lastSlug: string): string {
  return encodeCursor({ v: 1, f: query.fingerprint, s: lastSlug });
}

// ——— /api/v1/dates ———

export type DatesApiQuery = { year: number | null };

export function parseDatesParams(params: Params): ListParamsResult<DatesApiQuery> {
  const errors = unknownFields(params, LIST_PARAMETERS.dates);
  const raw = single(params, "year", errors);
  let year: number | null = null;
  if (raw !== null) {
    const checked = /^\d{4}$/.test(raw) ? checkPartialDate(raw) : null;
    if (!checked?.ok) errors.push({ field: "year", message: `must be a year written YYYY (1000–2999), got ${quoteForMessage(raw)}` });
    else year = Number(raw);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, query: { year } };
}
