// Arabic text folding, shared by search, the highlighter and the extractor. Meilisearch
// does not fold Arabic consistently, so the index holds a normalised copy of each text and
// queries go through the same functions: whatever is done to a word is done identically on
// both sides, which matters more than linguistic accuracy. Latin and other scripts pass
// through untouched (Meilisearch lowercases and folds them itself).

/** Any character of the Arabic script (letters, harakat, Arabic-Indic digits). */
export const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

export function hasArabic(text: string): boolean {
  return ARABIC_SCRIPT.test(text);
}

// Isolated/medial harakat presentation forms: NFKC would turn them into a space plus a
// mark and so split a word in two; they carry nothing searchable.
const PRESENTATION_HARAKAT = /[\uFC5E-\uFC63\uFE70-\uFE7F]/g;
// Ligatures and positional letter forms, common in text copied out of PDFs.
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE80-\uFEFC]/g;
// Harakat (incl. combining hamza/madda U+0653–U+0655), honorific signs, superscript alef,
// Quranic annotation marks and tatweel: none of them changes which word is meant.
const MARKS = /[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF]/g;
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/g;
const EXTENDED_ARABIC_INDIC_DIGIT = /[\u06F0-\u06F9]/g;

// Spelling variants people (and keyboards) use interchangeably. Hamza on waw/yeh is folded
// too: with the combining hamza stripped above, NFD-encoded ؤ/ئ would fold to و/ي anyway,
// so folding the precomposed letters keeps NFC and NFD input identical.
const LETTER_FOLDS = new Map<string, string>([
  ["\u0622", "\u0627"], // آ → ا
  ["\u0623", "\u0627"], // أ → ا
  ["\u0625", "\u0627"], // إ → ا
  ["\u0671", "\u0627"], // ٱ (wasla) → ا
  ["\u0672", "\u0627"], // ٲ (wavy hamza above) → ا
  ["\u0673", "\u0627"], // ٳ (wavy hamza below) → ا
  ["\u0675", "\u0627"], // ٵ (high hamza) → ا
  ["\u0649", "\u064A"], // ى (alef maqsura) → ي
  ["\u06CC", "\u064A"], // ی (Persian-keyboard yeh) → ي
  ["\u0626", "\u064A"], // ئ → ي
  ["\u0624", "\u0648"], // ؤ → و
  ["\u0629", "\u0647"], // ة (taa marbuta) → ه
  ["\u06A9", "\u0643"], // ک (Persian-keyboard kaf) → ك
  ["\u066B", "."], // ٫ Arabic decimal separator, so ٣٫٥ reads as 3.5
  ["\u066C", ","], // ٬ Arabic thousands separator
]);
const FOLDABLE_LETTER = new RegExp(`[${[...LETTER_FOLDS.keys()].join("")}]`, "g");

/**
 * Character-level folding only: presentation forms, marks, tatweel, letter variants and
 * digits. Never removes clitics, so the result is still the word as written.
 */
export function foldArabic(text: string): string {
  return text
    .replace(PRESENTATION_HARAKAT, "")
    .replace(PRESENTATION_FORMS, (form) => form.normalize("NFKC"))
    .replace(MARKS, "")
    .replace(FOLDABLE_LETTER, (letter) => LETTER_FOLDS.get(letter) ?? letter)
    .replace(ARABIC_INDIC_DIGIT, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(EXTENDED_ARABIC_INDIC_DIGIT, (digit) => String(digit.charCodeAt(0) - 0x06f0));
}

// Clitics are removed one at a time until none applies (a fixed point), so conjunction +
// preposition + article chains (وبال، ولل، فكال …) need no table of their own, and
// normalising twice changes nothing. Guards, in letters left after the clitic:
// - article ال / لل (ل + ال with its alef elided): at least 2, as in Larkey's light10,
//   so two-letter nouns keep matching with the article (الأب ≡ أب, الدم ≡ دم);
// - a single و ف ب ك ل: at least 3 (light10's rule for و), so three-letter words that
//   merely start with one of these letters (بيت، ولد، كلب، فقط) are left whole.
// With 3 rather than 4, a word of four letters or more always loses such a first letter,
// so a typed whole word usually stays a prefix of its suffixed forms after stripping
// (وزير → زير, وزيرة → زيره; الوزير, ووزير, للوزير → زير too), which search-as-you-type
// relies on. The cost is that root letters go as well (لبنان → بنان → نان): harmless, as
// the normalised copy is only searched, never shown, and both sides lose the same letters.
const ARTICLES = ["\u0644\u0644", "\u0627\u0644"]; // لل، ال
const SINGLE_CLITICS = new Set(["\u0648", "\u0641", "\u0628", "\u0643", "\u0644"]); // و ف ب ك ل
const MIN_STEM_AFTER_ARTICLE = 2;
const MIN_STEM_AFTER_CLITIC = 3;

// The name of God with its clitics (الله، والله، بالله، لله، ولله …) would otherwise strip
// to له ("for him", one of the commonest words); it normalises to الله instead, which
// keeps names like حزب الله searchable.
const ALLAH = "\u0627\u0644\u0644\u0647";
const ALLAH_WITH_CLITICS = /^[\u0648\u0641]?(?:[\u0628\u0643]?\u0627\u0644|\u0644)\u0644\u0647$/;

// The longest spelling of the name of God with clitics (و + ب + ال + لله).
const ALLAH_WITH_CLITICS_MAX = 7;

/**
 * Removes clitics one at a time until none applies. Moves an offset rather than slicing the
 * word at each step, so a pathological "word" (100,000 × و) costs linear time, not quadratic.
 */
function stripClitics(folded: string): string {
  let start = 0;
  for (;;) {
    const left = folded.length - start;
    if (left <= ALLAH_WITH_CLITICS_MAX && ALLAH_WITH_CLITICS.test(folded.slice(start))) return ALLAH;
    const article = ARTICLES.find((a) => folded.startsWith(a, start) && left - a.length >= MIN_STEM_AFTER_ARTICLE);
    if (article) start += article.length;
    else if (SINGLE_CLITICS.has(folded[start] as string) && left - 1 >= MIN_STEM_AFTER_CLITIC) start += 1;
    else return start === 0 ? folded : folded.slice(start);
  }
}

/** Normalised form of one word, as indexed and as queried; the highlighter compares these. */
export function normalizeToken(token: string): string {
  return stripClitics(foldArabic(token));
}

// A word is a run of letters, marks and digits (tatweel is a letter to Unicode); the
// highlighter tokenises the same way, so both agree on where words start.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The normalised copy of a text for the index. Only words change, and each stays a word,
 * so whitespace and punctuation (Arabic comma, question mark …) remain where they were.
 */
export function normalizeForSearch(text: string): string {
  return foldArabic(text).replace(WORD, stripClitics);
}

// Phone keyboards (iOS smart punctuation) type “…” or „…“ where Meilisearch expects "…".
const TYPOGRAPHIC_DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F]/g;

/** Replaces typographic double quotes with the ASCII quote Meilisearch reads as a phrase. */
export function asciiQuotes(query: string): string {
  return query.replace(TYPOGRAPHIC_DOUBLE_QUOTES, '"');
}

/**
 * A user's query normalised like the index. Meilisearch syntax survives as is: only words
 * are rewritten, never `"`, `-` or whitespace, so phrases stay quoted, `-word` stays
 * negated and a trailing space still turns off prefix search on the last word.
 */
export function normalizeQuery(query: string): string {
  return normalizeForSearch(asciiQuotes(query));
}
