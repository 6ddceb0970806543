import { z } from "zod";
import { MAX_ID } from "@/lib/validation/id";
import {
  STATEMENT_LIST_SORTS,
  STATEMENT_LIST_STATUSES,
  type SpeakerListApiQuery,
  type StatementListFilters,
  type StatementListQuery,
  type StatementPosition,
  type TopicListApiQuery,
} from "@/lib/validation/list-query";
import { SPEAKER_KINDS } from "@/lib/validation/import-line";
import { checkPartialDate } from "@/lib/validation/partial-date";
import {
  list,
  manyOf,
  oneOf,
  readParameter,
  single,
  unknownFields,
  wholeNumber,
  type QueryParameter,
} from "@/lib/validation/query-params";
import { SEARCH_FILTERS, SEARCH_LIMITS, queryText, readSearchFilters } from "@/lib/validation/search-params";
import { quoteForMessage, type FieldMessage } from "@/lib/validation/zod-messages";
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor, queryFingerprint } from "./cursor";

// The query parameters of the paged lists of the public API (/api/v1/statements,
// /speakers, /topics, /dates), checked in one place. Every problem names the
// parameter and the rule; a parameter the endpoint does not know is refused
// ("unknown field") rather than ignored, so a typo (?speakr=) is not silently
// a query for everything. The statement filters are parsed by the search
// API's own parser, so both endpoints read them the same way.

type Params = Pick<URLSearchParams, "getAll" | "keys">;

export type ListParamsResult<T> = { ok: true; query: T } | { ok: false; errors: FieldMessage[] };

export const LIST_LIMITS = {
  statements: { defaultLimit: 50, maxLimit: 200 },
  speakers: { defaultLimit: 50, maxLimit: 200 },
  topics: { defaultLimit: 1000, maxLimit: 1000 },
  speakerQueryMaxLength: 100,
} as const;

const limitOf = (bounds: { defaultLimit: number; maxLimit: number }) =>
  single(wholeNumber(1, bounds.maxLimit).default(bounds.defaultLimit));

/** The `nextCursor` of a page, sent back as it came (decoded by lib/api/cursor.ts). */
const cursorParameter = single(
  z.string().optional().meta({ maxLength: CURSOR_MAX_LENGTH, pattern: "^[A-Za-z0-9_-]+$" }),
);

/**
 * The parameters of each list, as zod schemas: read by the parsers below and
 * described, from the same schemas, in the OpenAPI document. The statement
 * list's filters are the search's own (lib/validation/search-params.ts), so
 * both endpoints read them the same way.
 */
export const LIST_QUERY_PARAMETERS = {
  statements: {
    q: single(queryText(SEARCH_LIMITS.queryMaxLength)),
    ...SEARCH_FILTERS,
    status: list(manyOf(STATEMENT_LIST_STATUSES)),
    sort: single(oneOf(STATEMENT_LIST_SORTS).default("newest")),
    cursor: cursorParameter,
    limit: limitOf(LIST_LIMITS.statements),
  },
  speakers: {
    q: single(
      z
        .string()
        .max(LIST_LIMITS.speakerQueryMaxLength, `must be at most ${LIST_LIMITS.speakerQueryMaxLength} characters`)
        .optional(),
    ),
    kind: list(manyOf(SPEAKER_KINDS)),
    cursor: cursorParameter,
    limit: limitOf(LIST_LIMITS.speakers),
  },
  topics: { cursor: cursorParameter, limit: limitOf(LIST_LIMITS.topics) },
  dates: {
    year: single(
      z
        .string()
        .refine((raw) => /^\d{4}$/.test(raw) && checkPartialDate(raw).ok, {
          error: (issue) => `must be a year written YYYY (1000–2999), got ${quoteForMessage(String(issue.input))}`,
        })
        .transform(Number)
        .optional()
        .meta({ type: "string", pattern: "^\\d{4}$" }),
    ),
  },
} as const;

type ListName = keyof typeof LIST_QUERY_PARAMETERS;

/** The parameter names each list takes, in the order of the document. */
export const LIST_PARAMETERS = Object.fromEntries(
  Object.entries(LIST_QUERY_PARAMETERS).map(([list, parameters]) => [list, Object.keys(parameters)]),
) as { [L in ListName]: Array<keyof (typeof LIST_QUERY_PARAMETERS)[L] & string> };

/** A reader of one list's parameters: reports unknown ones, then reads each as asked. */
function listReader<L extends ListName>(list: L, params: Params) {
  const errors = unknownFields(params, LIST_PARAMETERS[list]);
  const parameters = LIST_QUERY_PARAMETERS[list];
  const read = <K extends keyof (typeof LIST_QUERY_PARAMETERS)[L] & string>(name: K) =>
    readParameter(params, name, parameters[name] as QueryParameter, errors) as
      z.output<((typeof LIST_QUERY_PARAMETERS)[L][K] & QueryParameter)["schema"]> | undefined;
  return { errors, read };
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

export function parseStatementListParams(params: Params): ListParamsResult<StatementListQuery> {
  const { errors, read } = listReader("statements", params);
  const q = read("q") ?? "";
  const search = readSearchFilters(params, errors);
  const statusValues = read("status") ?? [];
  const statuses =
    statusValues.length > 0
      ? [...STATEMENT_LIST_STATUSES].filter((s) => statusValues.includes(s))
      : [...STATEMENT_LIST_STATUSES];
  const sort = read("sort") ?? "newest";
  const limit = read("limit") ?? LIST_LIMITS.statements.defaultLimit;
  const rawCursor = read("cursor") ?? null;
  if (errors.length > 0) return { ok: false, errors };

  const { speakers, topics, languages, kinds, years, from, to } = search;
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

export function statementCursor(
  query: Pick<StatementListQuery, "sort" | "fingerprint">,
  last: StatementPosition,
): string {
  return query.sort === "id"
    ? encodeCursor({ v: 1, f: query.fingerprint, i: last.id })
    : encodeCursor({ v: 1, f: query.fingerprint, d: last.saidOn, i: last.id });
}

// ——— /api/v1/speakers ———

export function parseSpeakerListParams(params: Params): ListParamsResult<SpeakerListApiQuery> {
  const { errors, read } = listReader("speakers", params);
  const q = read("q") ?? "";
  const kinds = [...(read("kind") ?? [])].sort();
  const limit = read("limit") ?? LIST_LIMITS.speakers.defaultLimit;
  const rawCursor = read("cursor") ?? null;
  if (errors.length > 0) return { ok: false, errors };
  const print = queryFingerprint({ list: "speakers", q, kinds });
  const afterSlug = rawCursor === null ? null : slugAfter(rawCursor, print);
  if (afterSlug !== null && typeof afterSlug !== "string") return { ok: false, errors: [afterSlug] };
  return { ok: true, query: { q, kinds, limit, afterSlug, fingerprint: print } };
}

// ——— /api/v1/topics ———

export function parseTopicListParams(params: Params): ListParamsResult<TopicListApiQuery> {
  const { errors, read } = listReader("topics", params);
  const limit = read("limit") ?? LIST_LIMITS.topics.defaultLimit;
  const rawCursor = read("cursor") ?? null;
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
  const { errors, read } = listReader("dates", params);
  const year = read("year") ?? null;
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, query: { year } };
}
