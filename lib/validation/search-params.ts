import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "@/lib/languages";
import type { SearchQuery, SearchSort } from "@/lib/search/types";
import { STATEMENT_KINDS } from "./import-line";
import { checkPartialDate, PARTIAL_DATE_MESSAGES, toDayNumber } from "./partial-date";
import { list, manyOf, oneOf, readParameter, single, wholeNumber, type QueryParams } from "./query-params";
import { quoteForMessage, type FieldMessage } from "./zod-messages";

// The search API's and the search page's parameters, checked in one place:
// every problem names the parameter and the rule. The schemas below also
// describe the parameters in the OpenAPI document.

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

// Postgres refuses NUL (%00) in text, and no statement, speaker or topic holds one.
const NUL_MESSAGE = "must not contain NUL (%00)";
const withoutNul = (value: string) => !value.includes("\u0000");

const PARTIAL_DATE_PATTERN = "^\\d{4}(-\\d{2}(-\\d{2})?)?$";

/** Words to look for (the search's `q`, the statement list's `q`). */
export const queryText = (maxLength: number) =>
  z.string().max(maxLength, `must be at most ${maxLength} characters`).refine(withoutNul, NUL_MESSAGE).optional();

/** Speaker or topic slugs: any of them matches. (Checked as one, so that every rule broken is named, in this order.) */
const slugList = z
  .array(z.string())
  .superRefine((slugs, ctx) => {
    const { valuesPerFilter, slugMaxLength } = SEARCH_LIMITS;
    if (slugs.length > valuesPerFilter) ctx.addIssue({ code: "custom", message: `at most ${valuesPerFilter} values` });
    const tooLong = slugs.find((slug) => slug.length > slugMaxLength);
    if (tooLong)
      ctx.addIssue({
        code: "custom",
        message: `${quoteForMessage(tooLong)} is longer than ${slugMaxLength} characters`,
      });
    if (!slugs.every(withoutNul)) ctx.addIssue({ code: "custom", message: NUL_MESSAGE });
  })
  .meta({ maxItems: SEARCH_LIMITS.valuesPerFilter, items: { type: "string", maxLength: SEARCH_LIMITS.slugMaxLength } });

const YEAR_PATTERN = /^\d{4}$/;

/** Years written YYYY; each one that is not is named. */
const yearList = z
  .array(z.string())
  .superRefine((years, ctx) => {
    for (const year of years)
      if (!YEAR_PATTERN.test(year))
        ctx.addIssue({ code: "custom", message: `${quoteForMessage(year)} is not a year written YYYY` });
  })
  .transform((years) => years.map(Number))
  .meta({ items: { type: "string", pattern: YEAR_PATTERN.source } });

/** A date bound, YYYY, YYYY-MM or YYYY-MM-DD, as an inclusive day number: `from` takes the period's first day, `to` its last. */
function dateBound(side: "from" | "to") {
  return z
    .string()
    .transform((raw, ctx) => {
      const checked = checkPartialDate(raw);
      if (checked.ok) return toDayNumber(side === "from" ? checked.value.start : checked.value.end);
      const message =
        checked.problem === "format"
          ? `${PARTIAL_DATE_MESSAGES.format}, got ${quoteForMessage(raw)}`
          : checked.problem === "not-real"
            ? PARTIAL_DATE_MESSAGES.notReal(raw)
            : PARTIAL_DATE_MESSAGES.yearRange(raw);
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    })
    .optional()
    .meta({ type: "string", pattern: PARTIAL_DATE_PATTERN });
}

/** The filters that the search, its export and the statement list share. */
export const SEARCH_FILTERS = {
  speaker: list(slugList),
  topic: list(slugList),
  lang: list(
    z
      .array(
        z.string().refine((value) => (SUPPORTED_LANGUAGES as readonly string[]).includes(value), {
          error: (issue) =>
            `${quoteForMessage(String(issue.input))} is not a supported language (${SUPPORTED_LANGUAGES.join(", ")})`,
        }),
      )
      .meta({ items: { type: "string", enum: [...SUPPORTED_LANGUAGES] } }),
  ),
  kind: list(manyOf(STATEMENT_KINDS)),
  year: list(yearList),
  from: single(dateBound("from")),
  to: single(dateBound("to")),
} as const;

/** Every parameter of GET /api/v1/search (the page's size decides how deep `page` may go). */
export const SEARCH_PARAMETERS = {
  q: single(queryText(SEARCH_LIMITS.queryMaxLength)),
  ...SEARCH_FILTERS,
  // Only statements with a fact-check review; "false" (or none) takes every statement.
  reviewed: single(oneOf(["true", "false"] as const).optional()),
  sort: single(oneOf(SEARCH_SORTS).default("relevance")),
  limit: single(wholeNumber(1, SEARCH_LIMITS.maxLimit).default(SEARCH_LIMITS.defaultLimit)),
  page: single(wholeNumber(1, SEARCH_LIMITS.maxResultWindow).default(1)),
} as const;

/** `page` as far as `limit` lets it go: page × limit at most maxResultWindow. */
const pageUpTo = (limit: number) =>
  single(wholeNumber(1, Math.floor(SEARCH_LIMITS.maxResultWindow / limit)).default(1));

/** The filters read from `params`, in the search's order; problems are added to `errors`. */
export function readSearchFilters(params: QueryParams, errors: FieldMessage[]) {
  const read = <K extends keyof typeof SEARCH_FILTERS>(name: K) =>
    readParameter(params, name, SEARCH_FILTERS[name], errors);
  const speakers = read("speaker") ?? [];
  const topics = read("topic") ?? [];
  const languages = read("lang") ?? [];
  const kinds = read("kind") ?? [];
  const years = read("year") ?? [];
  const from = read("from") ?? null;
  const to = read("to") ?? null;
  if (from !== null && to !== null && from > to) errors.push({ field: "to", message: "must not be before from" });
  return { speakers, topics, languages, kinds, years, from, to };
}

export function parseSearchParams(params: QueryParams): SearchParamsResult {
  const errors: FieldMessage[] = [];
  const q = readParameter(params, "q", SEARCH_PARAMETERS.q, errors) ?? "";
  const filters = readSearchFilters(params, errors);
  const reviewed = readParameter(params, "reviewed", SEARCH_PARAMETERS.reviewed, errors) === "true";
  const sort = readParameter(params, "sort", SEARCH_PARAMETERS.sort, errors);
  const limit = readParameter(params, "limit", SEARCH_PARAMETERS.limit, errors) ?? SEARCH_LIMITS.defaultLimit;
  const page = readParameter(params, "page", pageUpTo(limit), errors);
  if (errors.length > 0 || sort === undefined || page === undefined) return { ok: false, errors };
  return { ok: true, query: { q, ...filters, reviewed, sort, page, limit } };
}
