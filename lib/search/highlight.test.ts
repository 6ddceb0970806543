import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightRanges, splitByRanges } from "./highlight";

/** The highlighted words, for readable assertions. */
function marked(text: string, query: string): string[] {
  return highlightRanges(text, query).map(([start, end]) => text.slice(start, end));
}

describe("highlightRanges: Arabic", () => {
  const text = "قال الأسد إن المستشفى في بيروت، وإن الحكومة ورئيس الوزراء ووزير الصحة بالمستشفى.";

  it("matches across alef/hamza variants and the article", () => {
    expect(marked(text, "الاسد")).toEqual(["الأسد"]);
    expect(marked(text, "أسد ")).toEqual(["الأسد"]);
  });

  it("matches across alef maqsura / yeh and clitics", () => {
    expect(marked(text, "مستشفي")).toEqual(["المستشفى", "بالمستشفى"]);
  });

  it("matches across taa marbuta / heh and hamza on yeh", () => {
    expect(marked(text, "حكومه رييس")).toEqual(["الحكومة", "ورئيس"]);
  });

  it("matches a word with a clitic letter as first root letter in all its forms", () => {
    expect(marked("الوزير ووزير وزير", "وزير ")).toEqual(["الوزير", "ووزير", "وزير"]);
  });

  it("matches harakat and tatweel in the text", () => {
    expect(marked("قالَ مُحَمَّدٌ ومـحـمد", "محمد")).toEqual(["مُحَمَّدٌ", "ومـحـمد"]);
  });

  it("prefix-matches the word being typed, also before its clitics are stripped", () => {
    expect(marked(text, "بيرو")).toEqual(["بيروت"]);
    expect(marked("قال الوزير", "الوزي")).toEqual(["الوزير"]);
  });

  it("matches Arabic-Indic digits with ASCII digits", () => {
    expect(marked("في عام ٢٠٢٤ و۲۰۲۳", "2024 2023")).toEqual(["٢٠٢٤", "و۲۰۲۳"]);
  });
});

describe("highlightRanges: Latin", () => {
  const text = "Angela Merkel sagte: Wir schaffen das. MERKEL, merkelsche Politik; Müller in der Straße, École.";

  it("is case-insensitive", () => {
    expect(marked(text, "MERKEL ")).toEqual(["Merkel", "MERKEL"]);
  });

  it("prefix-matches the last word unless the query ends with whitespace", () => {
    expect(marked(text, "merk")).toEqual(["Merkel", "MERKEL", "merkelsche"]);
    expect(marked(text, "merk ")).toEqual([]);
    expect(marked(text, "merk angela")).toEqual(["Angela"]);
  });

  it("folds Latin diacritics and ß", () => {
    expect(marked(text, "muller ecole strasse")).toEqual(["Müller", "Straße", "École"]);
    expect(marked("Muller", "Müller")).toEqual(["Muller"]);
  });

  it("highlights the words of quoted phrases, without prefix matching them", () => {
    expect(marked(text, '"angela merkel"')).toEqual(["Angela", "Merkel", "MERKEL"]);
    expect(marked(text, '"angela merk"')).toEqual(["Angela"]);
    expect(marked(text, "“angela merkel”")).toEqual(["Angela", "Merkel", "MERKEL"]);
  });

  it("prefix-matches the last word of an unterminated phrase being typed", () => {
    expect(marked(text, '"angela merk')).toEqual(["Angela", "Merkel", "MERKEL", "merkelsche"]);
  });

  it("does not highlight negated words or phrases", () => {
    expect(marked(text, "-merkel angela")).toEqual(["Angela"]);
    expect(marked(text, 'politik -"angela merkel"')).toEqual(["Politik"]);
    expect(marked(text, "angela -merk")).toEqual(["Angela"]);
    // A dash inside a word is not a negation.
    expect(marked("Angela Merkel-Regierung", "merkel-regierung ")).toEqual(["Merkel", "Regierung"]);
  });

  it("matches one-character terms exactly, never as a prefix", () => {
    expect(marked("a Angela b", "a")).toEqual(["a"]);
    expect(marked("a Angela b", "x a ")).toEqual(["a"]);
  });

  it("returns nothing for an empty or syntax-only query", () => {
    expect(highlightRanges(text, "")).toEqual([]);
    expect(highlightRanges(text, '  - "" ')).toEqual([]);
  });

  it("uses UTF-16 offsets", () => {
    expect(highlightRanges("😀 Merkel", "merkel")).toEqual([[3, 9]]);
  });

  it("caps the number of ranges at 200", () => {
    const ranges = highlightRanges("Merkel ".repeat(500), "merkel");
    expect(ranges).toHaveLength(200);
  });
});

describe("highlightRanges: properties", () => {
  const mixedText = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'الأسد مستشفى وزير ة ى ً ـ ٢ Merkel é ß "-'.split("")),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    ),
    maxLength: 80,
  });

  it("returns sorted, non-overlapping, in-bounds word ranges", () => {
    fc.assert(
      fc.property(mixedText, mixedText, (text, query) => {
        const ranges = highlightRanges(text, query);
        expect(ranges.length).toBeLessThanOrEqual(200);
        let previousEnd = 0;
        for (const [start, end] of ranges) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(text.length);
          expect(text.slice(start, end)).toMatch(/^[\p{L}\p{M}\p{N}]+$/u);
          previousEnd = end;
        }
      }),
    );
  });

  it("highlights every word of a text when queried with that text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("الأسد", "بالمستشفى", "وزير", "Merkel", "École", "٢٠٢٤"), { maxLength: 10 }),
        (words) => {
          const text = words.join(" ");
          expect(marked(text, text + " ")).toEqual(words);
        },
      ),
    );
  });
});

describe("splitByRanges", () => {
  it("splits into matched and unmatched segments", () => {
    expect(splitByRanges("Angela Merkel sagte", [[7, 13]])).toEqual([
      { text: "Angela ", match: false },
      { text: "Merkel", match: true },
      { text: " sagte", match: false },
    ]);
  });

  it("handles empty text and no ranges", () => {
    expect(splitByRanges("", [])).toEqual([]);
    expect(splitByRanges("abc", [])).toEqual([{ text: "abc", match: false }]);
  });

  it("clamps out-of-bounds ranges and merges overlapping ones", () => {
    expect(
      splitByRanges("abcdef", [
        [4, 99],
        [-5, 2],
        [1, 3],
        [3, 3],
        [NaN, 2],
      ]),
    ).toEqual([
      { text: "abc", match: true },
      { text: "d", match: false },
      { text: "ef", match: true },
    ]);
  });

  it("round-trips to the original text for any ranges", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }))),
        (text, ranges) => {
          const segments = splitByRanges(text, ranges);
          expect(segments.map((s) => s.text).join("")).toBe(text);
          expect(segments.every((s) => s.text.length > 0)).toBe(true);
        },
      ),
    );
  });

  it("marks exactly the highlighted words", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 60 }),
        fc.string({ unit: "grapheme", maxLength: 10 }),
        (text, query) => {
          const ranges = highlightRanges(text, query);
          const segments = splitByRanges(text, ranges);
          expect(segments.map((s) => s.text).join("")).toBe(text);
          expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(ranges.map(([a, b]) => text.slice(a, b)));
        },
      ),
    );
  });

  it("returns markup and bidi controls as plain text segments", () => {
    const html = '<script>alert("x")</script> <b onclick="x">Merkel</b>';
    const segments = splitByRanges(html, highlightRanges(html, "script merkel"));
    expect(segments.map((s) => s.text).join("")).toBe(html);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["script", "script", "Merkel"]);

    const bidi = "\u202Eالأسد\u202C \u2067Merkel\u2069 \u200F";
    const parts = splitByRanges(bidi, highlightRanges(bidi, "الاسد merkel"));
    expect(parts).toEqual([
      { text: "\u202E", match: false },
      { text: "الأسد", match: true },
      { text: "\u202C \u2067", match: false },
      { text: "Merkel", match: true },
      { text: "\u2069 \u200F", match: false },
    ]);
  });
});
