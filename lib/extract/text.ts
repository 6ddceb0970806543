// Language-neutral text helpers: quotation pairing and sentence segmentation, robust to unbalanced marks.
import type { Candidate, Lang } from "./types";

export interface QuoteSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just after the closing mark. */
  end: number;
}

// Quotes longer than this are almost always an unmatched mark swallowing the text.
const MAX_QUOTE = 2000;

const PAIRS: Record<Lang, Record<string, string[]>> = {
  ar: { "«": ["»"], "“": ["”"], "„": ["“", "”"], "‹": ["›"] },
  de: { "„": ["“", "”"], "»": ["«"], "«": ["»"], "‚": ["‘", "’"], "›": ["‹"], "‹": ["›"], "“": ["”"] },
  en: { "“": ["”"], "«": ["»"], "„": ["“", "”"], "‹": ["›"] },
};

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Finds paired quotations (outermost only). Unmatched openers are ignored, never swallow the rest of the text.
 * Linear in the length of the text: each opener's partner is found in one stack pass per kind of mark,
 * not by scanning forward from every opener (1 MB of `"a ` took seconds that way).
 */
export function findQuotes(text: string, lang: Lang): QuoteSpan[] {
  const pairs = PAIRS[lang];
  const curlyEnd = matchCurlyQuotes(text, pairs);
  const straightCloser = nextStraightCloser(text);
  const out: QuoteSpan[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    let end = -1;
    if (pairs[c] && !isSpace(text[i + 1])) end = curlyEnd[i] ?? -1;
    else if (c === '"' && !isWordChar(text[i - 1]) && !isSpace(text[i + 1])) {
      const j = straightCloser.closer[i + 1] ?? n;
      if (j < n && j < (straightCloser.newline[i + 1] ?? n) && j < i + MAX_QUOTE) end = j + 1;
    }
    if (end > 0) {
      out.push({ start: i, end });
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

/**
 * For every opening mark, the offset after its partner (or -1): the partner at depth 0 counting nested
 * openers of the same mark, within MAX_QUOTE characters, not across a blank line.
 */
function matchCurlyQuotes(text: string, pairs: Record<string, string[]>): Int32Array {
  const end = new Int32Array(text.length).fill(-1);
  for (const [opener, closers] of Object.entries(pairs)) {
    if (!text.includes(opener)) continue;
    const stack: number[] = [];
    for (let j = 0; j < text.length; j++) {
      const c = text[j] as string;
      if (c === "\n" && text[j + 1] === "\n") stack.length = 0;
      else if (c === opener && !closers.includes(c) && !isSpace(text[j + 1])) stack.push(j);
      else if (closers.includes(c) && stack.length > 0) {
        const open = stack.pop() as number;
        if (j < open + MAX_QUOTE) end[open] = j + 1;
      }
    }
  }
  return end;
}

/** For every offset, the next straight closing mark and the next line break at or after it (one pass from the right). */
function nextStraightCloser(text: string): { closer: Int32Array; newline: Int32Array } {
  const n = text.length;
  const closer = new Int32Array(n + 1).fill(n);
  const newline = new Int32Array(n + 1).fill(n);
  for (let j = n - 1; j >= 0; j--) {
    const c = text[j];
    closer[j] = c === '"' && !isSpace(text[j - 1]) && !isWordChar(text[j + 1]) ? j : (closer[j + 1] as number);
    newline[j] = c === "\n" ? j : (newline[j + 1] as number);
  }
  return { closer, newline };
}

/** Index of the quote containing offset `pos`, or -1. Quotes are sorted and disjoint. */
export function quoteAt(quotes: QuoteSpan[], pos: number): number {
  let lo = 0;
  let hi = quotes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const q = quotes[mid] as QuoteSpan;
    if (pos < q.start) hi = mid - 1;
    else if (pos >= q.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export interface Sentence {
  start: number;
  end: number;
}

const ABBREV: Record<Lang, Set<string>> = {
  ar: new Set(),
  de: new Set(
    "dr prof z b u a bzw ca nr st etc mio mrd usw vgl d h jh abs art inc co chr s o evtl ggf inkl sog str tel bzw geb gest hl ehem jun sen min max rd ev dt frz engl lat mr mrs bd".split(
      " ",
    ),
  ),
  en: new Set(
    "mr mrs ms dr prof st jr sr inc co corp ltd no vs gen sen rep gov lt col capt sgt jan feb mar apr jun jul aug sep sept oct nov dec e g i u s mt ft dept est approx".split(
      " ",
    ),
  ),
};

/** Splits text into sentences; terminal punctuation inside quotes does not split unless it closes the quote. */
export function splitSentences(text: string, lang: Lang, quotes: QuoteSpan[]): Sentence[] {
  const out: Sentence[] = [];
  const n = text.length;
  let start = 0;
  let qi = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  for (let i = 0; i < n; i++) {
    while (qi < quotes.length && (quotes[qi] as QuoteSpan).end <= i) qi++;
    const q = quotes[qi];
    if (q && i >= q.start && i < q.end) {
      // Inside a quote: split only after a quote that ends with terminal punctuation and is followed by a new sentence.
      if (i === q.end - 1) {
        const inner = text[i - 1];
        if (inner !== undefined && /[.!?؟]/u.test(inner) && startsNewSentence(text, i + 1, lang)) push(i + 1);
      }
      continue;
    }
    const c = text[i] as string;
    if (c === "\n") {
      push(i + 1);
      continue;
    }
    // "…im Bundesanzeiger.Mats Schönauer schreibt": a missing space after a word's full stop.
    if (
      c === "." &&
      lang !== "ar" &&
      /\p{Ll}{3}$/u.test(text.slice(Math.max(0, i - 3), i)) &&
      /^\p{Lu}\p{Ll}/u.test(text.slice(i + 1, i + 3))
    ) {
      push(i + 1);
      continue;
    }
    if (/[.!?؟]/u.test(c) && (i + 1 >= n || isSpace(text[i + 1]))) {
      if (c === "." && isAbbreviation(text, i, lang)) continue;
      if (i + 1 < n && !startsNewSentence(text, i + 1, lang)) continue;
      push(i + 1);
    }
  }
  push(n);
  return out;
}

function startsNewSentence(text: string, from: number, lang: Lang): boolean {
  let j = from;
  while (j < text.length && (text[j] === " " || text[j] === "\t" || text[j] === "\u00a0")) j++;
  if (j >= text.length || text[j] === "\n") return true;
  if (lang === "ar") return true;
  const c = text[j] as string;
  return /[\p{Lu}\p{N}„“"«»‚(\u0600-\u06FF]/u.test(c);
}

/** Words that open a German sentence and never follow an ordinal: "… Modells 3. Ein Sprecher …". */
const DE_SENTENCE_OPENERS =
  /^\s+(?:Der|Die|Das|Ein|Eine|Er|Sie|Es|Dies|Diese|Dieser|Auch|Doch|Damit|Dabei|Laut|Nach Angaben)\s/u;

function isAbbreviation(text: string, dot: number, lang: Lang): boolean {
  let j = dot - 1;
  while (j >= 0 && /[\p{L}\p{N}]/u.test(text[j] as string)) j--;
  const word = text.slice(j + 1, dot);
  if (word.length === 0) return false;
  // Initials: "George W. Bush"; in Arabic only "د." (الدكتور) before a name.
  if (/^\p{L}$/u.test(word)) return lang !== "ar" || word === "د";
  // Ordinals: "17. November", "der 2. Weltkrieg"; but "des Modells 3. Ein Sprecher sagte" ends a sentence.
  if (lang === "de" && /^\d{1,2}$/u.test(word)) return !DE_SENTENCE_OPENERS.test(text.slice(dot + 1, dot + 12));
  return ABBREV[lang].has(word.toLowerCase()) && /^\p{Lu}|^[a-z]{1,4}$/u.test(word);
}

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Where a candidate stands: its sentence, and its cue when it has one. */
export function cueFields(
  sent: Sentence,
  cue: Token | null,
): Pick<Candidate, "sentenceStart" | "sentenceEnd" | "cueStart" | "cueEnd"> {
  return {
    sentenceStart: sent.start,
    sentenceEnd: sent.end,
    cueStart: cue ? cue.start : null,
    cueEnd: cue ? cue.end : null,
  };
}

/** Words (letters, digits, marks, internal hyphens/apostrophes). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  // On the slice, not the whole text: a search from `from` would otherwise run on to the next word
  // however far beyond `to` it is, once for every span without words (quadratic on such text).
  const out: Token[] = [];
  for (const m of text.slice(from, to).matchAll(/[\p{L}\p{N}\p{M}\u0640]+(?:[-'’][\p{L}\p{N}\p{M}]+)*/gu)) {
    const start = from + m.index;
    out.push({ text: m[0], start, end: start + m[0].length });
  }
  return out;
}

/** Shrinks [s,e) past whitespace and the given punctuation on both sides. */
export function trimSpan(text: string, s: number, e: number, punct = /[\s,،;؛:.\-–—]/u): [number, number] {
  while (s < e && punct.test(text[s] as string)) s++;
  while (e > s && punct.test(text[e - 1] as string)) e--;
  return [s, e];
}

// Interview lines: "- الاسم : عبارة" / "– Name: words", a speaker and what they said with no verb.
// Only the start of a line is read, and the name before the colon is at most INTERVIEW_NAME_MAX characters.
const INTERVIEW_NAME_MAX = 60;
const INTERVIEW_LINE = /^[-–—•]\s*([^:：\n،,.!?؟«»"“”]{2,60}?)\s*[:：]\s*/u;

/** The speaker and content offsets of an interview line starting at `sent.start`, or null. */
export function interviewLine(
  text: string,
  sent: Sentence,
): { speaker: [number, number]; content: [number, number] } | null {
  const head = text.slice(sent.start, Math.min(sent.end, sent.start + INTERVIEW_NAME_MAX + 8));
  const m = INTERVIEW_LINE.exec(head);
  if (!m || m[1] === undefined) return null;
  const words = tokenize(m[1]);
  if (words.length === 0 || words.length > 6) return null;
  const nameStart = sent.start + m[0].indexOf(m[1]);
  const [cs, ce] = trimSpan(text, sent.start + m[0].length, sent.end);
  if (ce - cs < 3) return null;
  return { speaker: [nameStart, nameStart + m[1].length], content: [cs, ce] };
}
