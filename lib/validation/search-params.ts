import { SUPPORTED_LANGUAGES, isSupportedLanguage } from "@/lib/languages";
import type { SearchQuery, SearchSort } from "@/lib/search/types";
import { STATEMENT_KINDS } from "./import-line";
import { checkPartialDate, PARTIAL_DATE_MESSAGES, toDayNumber } from "./partial-date";
import { quoteForMessage, type FieldMessage } from "./zod-messages";

// The search API's and the search page's parameters, checked in one place:
// every problem names the parameter and the rule.

export const SEARCH_LIMITS = {
  queryMaxLength: 300,
  valuesPerFilter: 20,
  slugMaxLength: 120,
  maxLimit: 100,
  defaultLimit: 20,
  /** Deep result pages are for the cursor-paged listing API, not for search. */
  maxResultWindow: 10_000,
} as const;

export const SEARCH_SORTS = ["relevance", "newest", "oldest"] as const satisfies readonly SearchSort[];

export type SearchParamsResult = { ok: true; query: SearchQuery } | { ok: false; errors: FieldMessage[] };

type Params = { getAll: (name: string) => string[]; get: (name: string) => string | null };

/** Values of a parameter given repeatedly (?lang=ar&lang=en) or comma-separated (?lang=ar,en). */
function listOf(params: Params, name: string): string[] {
  return [...new Set(params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];
}

function single(params: Params, name: string, errors: FieldMessage[]): string | null {
  const values = params.getAll(name);
  if (values.length > 1) errors.push({ field: name, message: "must be given once" });
  const value = values[0]?.trim();
  return value ? value : null;
}

function integer(raw: string | null, name: string, min: number, max: number, fallback: number, errors: FieldMessage[]): number {
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    errors.push({ field: name, message: `must be a whole number from ${min} to ${max}, got ${quoteForMessage(raw)}` });
    return fallback;
  }
  return Number(raw);
}

// Postgres refuses NUL (%00) in text, and no statement, speaker or topic holds one.
const NUL_MESSAGE = "must not contain NUL (%00)";

export function parseSearchParams(params: Params): SearchParamsResult {
  const errors: FieldMessage[] = [];
  const q = single(params, "q", errors) ?? "";
  if (q.length > SEARCH_LIMITS.queryMaxLength) errors.push({ field: "q", message: `must be at most ${SEARCH_LIMITS.queryMaxLength} characters` });
  if (q.includes("\u0000")) errors.push({ field: "q", message: NUL_MESSAGE });

  const slugs = (name: string) => {
    const values = listOf(params, name);
    if (values.length > SEARCH_LIMITS.valuesPerFilter) errors.push({ field: name, message: `at most ${SEARCH_LIMITS.valuesPerFilter} values` });
    const tooLong = values.find((v) => v.length > SEARCH_LIMITS.slugMaxLength);
    if (tooLong) errors.push({ field: name, message: `${quoteForMessage(tooLong)} is longer than ${SEARCH_LIMITS.slugMaxLength} characters` });
    if (values.some((v) => v.includes("\u0000"))) errors.push({ field: name, message: NUL_MESSAGE });
    return values;
  };
  const speakers = slugs("speaker");
  const topics = slugs("topic");

  const languages = listOf(params, "lang");
  const badLanguage = languages.find((l) => !isSupportedLanguage(l));
  if (badLanguage) errors.push({ field: "lang", message: `${quoteForMessage(badLanguage)} is not a supported language (${SUPPORTED_LANGUAGES.join(", ")})` });

  const kinds = listOf(params, "kind");
  const badKind = kinds.find((k) => !(STATEMENT_KINDS as readonly string[]).includes(k));
  if (badKind) errors.push({ field: "kind", message: `${quoteForMessage(badKind)} is not one of ${STATEMENT_KINDS.join(", ")}` });

  const years = listOf(params, "year").map((y) => {
    if (!/^\d{4}$/.test(y)) errors.push({ field: "year", message: `${quoteForMessage(y)} is not a year written YYYY` });
    return Number(y);
  });

  const dateBound = (name: "from" | "to") => {
    const raw = single(params, name, errors);
    if (raw === null) return null;
    const checked = checkPartialDate(raw);
    if (!checked.ok) {
      const message =
        checked.problem === "format"
          ? `${PARTIAL_DATE_MESSAGES.format}, got ${quoteForMessage(raw)}`
          : checked.problem === "not-real"
            ? PARTIAL_DATE_MESSAGES.notReal(raw)
            : PARTIAL_DATE_MESSAGES.yearRange(raw);
      errors.push({ field: name, message });
      return null;
    }
    // "from=2016-11" starts on the 1st; "to=2016-11" ends on the 30th.
    return toDayNumber(name === "from" ? checked.value.start : checked.value.end);
  };
  const from = dateBound("from");
  const to = dateBound("to");
  if (from !== null && to !== null && from > to) errors.push({ field: "to", message: "must not be before from" });

  const sortRaw = single(params, "sort", errors) ?? "relevance";
  const sort = (SEARCH_SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as SearchSort) : null;
  if (!sort) errors.push({ field: "sort", message: `${quoteForMessage(sortRaw)} is not one of ${SEARCH_SORTS.join(", ")}` });

  const limit = integer(single(params, "limit", errors), "limit", 1, SEARCH_LIMITS.maxLimit, SEARCH_LIMITS.defaultLimit, errors);
  const maxPage = Math.floor(SEARCH_LIMITS.maxResultWindow / limit);
  const page = integer(single(params, "page", errors), "page", 1, maxPage, 1, errors);

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, query: { q, speakers, topics, languages, kinds, years, from, to, sort: sort!, page, limit } };
}
