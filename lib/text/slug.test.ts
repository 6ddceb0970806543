import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLUG_MAX_LENGTH, slugify, uniqueSlug } from "./slug";

const SLUG_PATTERN = /^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$/u;
const codePoints = (s: string) => Array.from(s).length;

describe("slugify", () => {
  it.each([
    ["Angela Merkel", "angela-merkel"],
    ["Médecins Sans Frontières", "medecins-sans-frontieres"],
    ["Me\u0301decins", "medecins"],
    ["Straße", "strasse"],
    ["Ǣ Æsir", "ae-aesir"],
    ["Łódź", "lodz"],
    ["Søren Kierkegaard", "soren-kierkegaard"],
    ["Recep Tayyip Erdoğan", "recep-tayyip-erdogan"],
    ["İstanbul", "istanbul"],
    ["François Hollande, Président", "francois-hollande-president"],
    ["O'Brien", "obrien"],
    ["Al-Sharq Al-Awsat", "al-sharq-al-awsat"],
    ["  --Hello,   World!!  ", "hello-world"],
    ["a_b.c/d\\e", "a-b-c-d-e"],
    ["G20 summit 2016", "g20-summit-2016"],
    // other scripts keep their letters
    ["محمود عباس", "محمود-عباس"],
    ["مُحَمَّد", "محمد"],
    ["محـــمد", "محمد"],
    ["ﻣﺤﻤﺪ", "محمد"],
    ["وزارة الخارجية (السعودية)", "وزارة-الخارجية-السعودية"],
    ["٢٠١٦ عام", "٢٠١٦-عام"],
    ["Владимир Путин", "владимир-путин"],
    ["בנימין נתניהו", "בנימין-נתניהו"],
    ["حسن روحانی", "حسن-روحانی"],
    ["習近平 2020", "習近平-2020"],
    ["がっこう", "がっこう"],
    ["Ｔｏｋｙｏ", "tokyo"],
    ["ﬁnance", "finance"],
    // nothing usable left
    ["", "item"],
    ["   ", "item"],
    ["!!! ???", "item"],
    ["🙂🙂", "item"],
    ["\u0301\u064E", "item"],
  ])("%j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it("keeps at most 80 characters, preferring to cut between words", () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const slug = slugify(words);
    expect(codePoints(slug)).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug.endsWith("-")).toBe(false);
    expect(`${words.replace(/ /g, "-")}-`.startsWith(`${slug}-`)).toBe(true);
  });

  it("cuts a single very long word at exactly 80 characters", () => {
    expect(slugify("a".repeat(200))).toBe("a".repeat(80));
  });

  it("counts characters, not UTF-16 units, and never splits a surrogate pair", () => {
    const slug = slugify("𠀀".repeat(100));
    expect(slug).toBe("𠀀".repeat(80));
  });

  it("always produces a well-formed slug of at most 80 characters", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string()), (input) => {
        const slug = slugify(input);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(codePoints(slug)).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" })), (input) => {
        const slug = slugify(input);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("uniqueSlug", () => {
  it("returns the slug of the base when it is free", () => {
    expect(uniqueSlug("Angela Merkel", () => false)).toBe("angela-merkel");
  });

  it("appends -2, -3, … until a slug is free", () => {
    const taken = new Set(["angela-merkel", "angela-merkel-2", "angela-merkel-3"]);
    expect(uniqueSlug("Angela Merkel", (s) => taken.has(s))).toBe("angela-merkel-4");
    expect(uniqueSlug("محمود عباس", (s) => s === "محمود-عباس")).toBe("محمود-عباس-2");
  });

  it("shortens the base so that base and suffix fit in 80 characters", () => {
    const base = "b".repeat(80);
    const slug = uniqueSlug(base, (s) => s === base);
    expect(slug).toBe(`${"b".repeat(78)}-2`);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it("does not leave a double hyphen when shortening cuts at a word boundary", () => {
    const base = `${"c".repeat(77)}-dd`;
    expect(slugify(base)).toBe(base);
    expect(uniqueSlug(base, (s) => s === base)).toBe(`${"c".repeat(77)}-2`);
  });

  it("gives up instead of looping forever", () => {
    expect(() => uniqueSlug("x", () => true)).toThrow(/no free slug/);
  });

  it("always returns a well-formed slug not reported as taken", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 20 }), (base, takenCount) => {
        const root = slugify(base);
        const taken = new Set([root, ...Array.from({ length: takenCount }, (_, i) => `${root}-${i + 2}`)]);
        const slug = uniqueSlug(base, (s) => taken.has(s));
        expect(taken.has(slug)).toBe(false);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(codePoints(slug)).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      }),
    );
  });
});
