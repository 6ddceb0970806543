// Highlights are computed here on the original text: the app never renders Meilisearch's
// HTML, so statement text can only ever reach the page as React text.
import { asciiQuotes, foldArabic, normalizeToken } from "@/lib/text/arabic";

export type HighlightRange = [start: number, end: number];
export type HighlightSegment = { text: string; match: boolean };

const MAX_RANGES = 200;
// One letter as a prefix would light up half the text while the user is still typing.
const MIN_PREFIX_LENGTH = 2;

// Same word definition as normalizeForSearch: runs of letters, marks and digits.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const SPACE = /\s/u;
const ENDS_WITH_SPACE = /\s$/u;

// Latin letters without a Unicode decomposition, so NFD alone would not fold them.
const LATIN_WITHOUT_DECOMPOSITION = new Map([
  ["ß", "ss"],
  ["æ", "ae"],
  ["œ", "oe"],
  ["ø", "o"],
  ["ł", "l"],
  ["đ", "d"],
  ["ı", "i"],
]);
const SPECIAL_LATIN = new RegExp(`[${[...LATIN_WITHOUT_DECOMPOSITION.keys()].join("")}]`, "gu");

/** Case and Latin-diacritic folding (Müller = muller, Straße = strasse), as Meilisearch does. */
function foldCase(word: string): string {
  return (
    word
      .toLowerCase()
      .replace(SPECIAL_LATIN, (letter) => LATIN_WITHOUT_DECOMPOSITION.get(letter) ?? letter)
      // Decompose Latin only: NFD everywhere would also split e.g. Japanese が into か + mark.
      .replace(/\p{Script=Latin}/gu, (letter) => letter.normalize("NFD"))
      .replace(/[\u0300-\u036F]/g, "")
  );
}

type Forms = {
  /** The word as written, folded: what a half-typed word is literally a prefix of. */
  folded: string;
  /** The word as Meilisearch sees it on both sides (clitics stripped). */
  normal: string;
};

// Folding a word is a handful of regular expressions; words recur across hits and requests, so each
// distinct word is folded once per process (a profile of the search API found folding to be most
// of the app's own time per search). Derived data only: bounded, dropped when full.
const FORMS_CACHE_MAX = 100_000;
const FORMS_CACHE_WORD_MAX = 64;
const formsCache = new Map<string, Forms>();

function formsOf(word: string): Forms {
  let forms = formsCache.get(word);
  if (!forms) {
    forms = { folded: foldCase(foldArabic(word)), normal: foldCase(normalizeToken(word)) };
    if (word.length <= FORMS_CACHE_WORD_MAX) {
      if (formsCache.size >= FORMS_CACHE_MAX) formsCache.clear();
      formsCache.set(word, forms);
    }
  }
  return forms;
}

type QueryWord = { word: string; negated: boolean; inClosedPhrase: boolean };

/** Words of a query in Meilisearch syntax: "quoted phrases", -negated words and -"phrases". */
function queryWords(query: string): QueryWord[] {
  const q = asciiQuotes(query);
  const words: QueryWord[] = [];
  let i = 0;
  while (i < q.length) {
    if (SPACE.test(q.charAt(i))) {
      i++;
      continue;
    }
    // A dash negates only at the start of a word ("foo-bar" is one hyphenated term).
    const negated = q.charAt(i) === "-" && i + 1 < q.length && !SPACE.test(q.charAt(i + 1));
    if (negated) i++;
    let body: string;
    let inClosedPhrase = false;
    if (q.charAt(i) === '"') {
      const close = q.indexOf('"', i + 1);
      inClosedPhrase = close !== -1;
      body = q.slice(i + 1, inClosedPhrase ? close : q.length);
      i = inClosedPhrase ? close + 1 : q.length;
    } else {
      let end = i;
      while (end < q.length && !SPACE.test(q.charAt(end)) && q.charAt(end) !== '"') end++;
      body = q.slice(i, end);
      i = end;
    }
    for (const match of body.matchAll(WORD)) words.push({ word: match[0], negated, inClosedPhrase });
  }
  return words;
}

type Matcher = { exact: Set<string>; prefix: Forms | null };

function matcherFor(query: string): Matcher {
  const words = queryWords(query);
  const exact = new Set<string>();
  for (const { word, negated } of words) {
    const normal = formsOf(word).normal;
    // Negated words are what the hit does not contain; nothing to highlight.
    if (!negated && normal !== "") exact.add(normal);
  }
  // Search-as-you-type: the last word is still being typed unless followed by a space or
  // closing a phrase (Meilisearch does not prefix-match phrase words).
  const last = words.at(-1);
  const typing = last !== undefined && !last.negated && !last.inClosedPhrase && !ENDS_WITH_SPACE.test(query);
  return { exact, prefix: typing ? formsOf(last.word) : null };
}

function isPrefix(prefix: string, word: string): boolean {
  return [...prefix].length >= MIN_PREFIX_LENGTH && word.startsWith(prefix);
}

function matches(word: Forms, { exact, prefix }: Matcher): boolean {
  if (exact.has(word.normal)) return true;
  if (prefix === null) return false;
  // Normal against normal is what Meilisearch matched; folded against folded also covers a
  // half-typed word whose clitics are not stripped yet (الوزي → الوزير).
  return isPrefix(prefix.normal, word.normal) || isPrefix(prefix.folded, word.folded);
}

/**
 * [start, end) offsets into `text` (UTF-16, as String.slice) of the words matching `query`:
 * one range per word, sorted, non-overlapping, at most 200.
 */
export function highlightRanges(text: string, query: string): HighlightRange[] {
  const matcher = matcherFor(query);
  if (matcher.exact.size === 0 && matcher.prefix === null) return [];
  const ranges: HighlightRange[] = [];
  // Statements repeat words; fold each distinct one once.
  const seen = new Map<string, boolean>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    let hit = seen.get(word);
    if (hit === undefined) {
      hit = matches(formsOf(word), matcher);
      seen.set(word, hit);
    }
    if (!hit) continue;
    ranges.push([match.index, match.index + word.length]);
    if (ranges.length >= MAX_RANGES) break;
  }
  return ranges;
}

/**
 * Splits `text` into consecutive segments that together are exactly `text`, marking those
 * inside `ranges`. Ranges are clamped to the text, and overlapping ones merged, so any
 * input is safe; the segments are plain strings for React to render as text.
 */
export function splitByRanges(text: string, ranges: Array<[number, number]>): HighlightSegment[] {
  const clamp = (n: number) => Math.min(Math.max(Math.trunc(n), 0), text.length);
  const sorted = ranges
    .filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end))
    .map(([start, end]): HighlightRange => [clamp(start), clamp(end)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const segments: HighlightSegment[] = [];
  let pos = 0;
  for (const [start, end] of sorted) {
    if (end <= pos) continue;
    const previous = segments.at(-1);
    if (start < pos && previous?.match) {
      previous.text += text.slice(pos, end);
    } else {
      if (start > pos) segments.push({ text: text.slice(pos, start), match: false });
      segments.push({ text: text.slice(Math.max(start, pos), end), match: true });
    }
    pos = end;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos), match: false });
  return segments;
}
