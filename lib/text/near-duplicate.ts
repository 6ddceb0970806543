import { normalizeForSearch } from "./arabic";

// Word overlap between statement texts: the editor's "is this already in the collection?"
// check and the merge-candidate finder of issue 15 both score pairs here. Pure and linear:
// each text becomes sets of normalised words once, and both texts are capped, so a hostile
// text cannot make a comparison slow.

/** Words considered per text; statements are rarely longer, and later words add little. */
export const MAX_WORDS = 400;
// Characters read before splitting into words: 400 words of ordinary length fit, a megabyte does not.
const MAX_CHARS = 20_000;
// Runs of three words: shared phrasing, not just a shared vocabulary of names and places.
const PHRASE_WORDS = 3;

/** The text's first MAX_WORDS words, Arabic-folded, clitics stripped, lower-cased. */
export function normalizedWords(text: string): string[] {
  const found = normalizeForSearch(text.slice(0, MAX_CHARS))
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return found ? found.slice(0, MAX_WORDS) : [];
}

/** Share of the smaller set found in the other: symmetric, 1 when one contains the other. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / small.size;
}

function phrases(words: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + PHRASE_WORDS <= words.length; i++) set.add(words.slice(i, i + PHRASE_WORDS).join(" "));
  return set;
}

/** Share of the shorter text's distinct words found in the other (1 = one contains the other). */
export function wordOverlap(a: string, b: string): number {
  return containment(new Set(normalizedWords(a)), new Set(normalizedWords(b)));
}

/**
 * Similarity in [0, 1] of two statement texts (any language; Arabic is folded): the mean of
 * the shorter text's distinct words found in the other and of its distinct three-word runs
 * found in the other. Words alone pair a spokesman's different announcements, which share his
 * title, place names and formulas; runs alone miss a report that reworded the statement.
 * Measured against other choices on lib/text/fixtures/arabic-merge-pairs.jsonl (see its README).
 */
export function nearDuplicateScore(a: string, b: string): number {
  const wordsA = normalizedWords(a);
  const wordsB = normalizedWords(b);
  const vocabulary = containment(new Set(wordsA), new Set(wordsB));
  // A text too short for a three-word run is judged on its words alone.
  if (wordsA.length < PHRASE_WORDS || wordsB.length < PHRASE_WORDS) return vocabulary;
  return (vocabulary + containment(phrases(wordsA), phrases(wordsB))) / 2;
}

/** Thresholds chosen on the labelled Arabic pairs (lib/text/fixtures/README.md). */
export const NEAR_DUPLICATE = { minScore: 0.3, maxDaysApart: 3 } as const;

export type DatedText = { text: string; saidOn: string | null; reportedOn?: string | null };

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The days a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date covers, as [first, last] in UTC ms; null if unknown. */
function dateRange(date: string | null | undefined): [number, number] | null {
  const match = date ? ISO_DATE.exec(date) : null;
  if (!match) return null;
  const year = Number(match[1]);
  if (match[3] !== undefined) {
    const day = Date.UTC(year, Number(match[2]) - 1, Number(match[3]));
    return [day, day];
  }
  if (match[2] !== undefined) {
    const month = Number(match[2]) - 1;
    return [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1) - DAY_MS];
  }
  return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1) - DAY_MS];
}

/** Days between two dates, 0 when their ranges overlap (2015-08 and 2015-08-06); null if either is unknown. */
export function daysApart(a: string | null | undefined, b: string | null | undefined): number | null {
  const rangeA = dateRange(a);
  const rangeB = dateRange(b);
  if (!rangeA || !rangeB) return null;
  const gap = Math.max(rangeA[0] - rangeB[1], rangeB[0] - rangeA[1], 0);
  return Math.round(gap / DAY_MS);
}

/**
 * Whether two statements of the same speaker (the caller compares only those) look like
 * reports of one statement: high word overlap and dates close together. The date is the
 * said-on date, else the reported-on date; an unknown date does not rule a pair out.
 */
export function isMergeCandidate(a: DatedText, b: DatedText): { score: number } | null {
  const apart = daysApart(a.saidOn ?? a.reportedOn, b.saidOn ?? b.reportedOn);
  if (apart !== null && apart > NEAR_DUPLICATE.maxDaysApart) return null;
  const score = nearDuplicateScore(a.text, b.text);
  return score >= NEAR_DUPLICATE.minScore ? { score } : null;
}
