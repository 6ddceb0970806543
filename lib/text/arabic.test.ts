import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldArabic, hasArabic, normalizeForSearch, normalizeQuery, normalizeToken } from "./arabic";

// Letters, clitic letters, harakat, tatweel, hamza forms and digits, so generated words
// hit every rule (including the clitic guards) far more often than random Unicode would.
const arabicChar = fc.constantFrom(
  ..."ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإٱىةؤئ".split(""),
  ..."وفبكلال".split(""),
  "\u064E",
  "\u064F",
  "\u0650",
  "\u0651",
  "\u0652",
  "\u064B",
  "\u0670",
  "\u0654",
  "\u06D6",
  "\u0640",
  "٠",
  "٣",
  "۹",
);
// Clitic chains in front of a stem, so stripping (and its guards) is exercised on most words.
const clitics = fc.constantFrom(
  "",
  "و",
  "ف",
  "ب",
  "ك",
  "ل",
  "ال",
  "أل",
  "وال",
  "بال",
  "فال",
  "كال",
  "لل",
  "ولل",
  "وبال",
  "ولل",
  "وو",
);
const arabicWord = fc
  .tuple(clitics, fc.string({ unit: arabicChar, minLength: 1, maxLength: 7 }))
  .map(([clitic, stem]) => clitic + stem)
  .filter((w) => /\p{L}/u.test(w));
const separator = fc.constantFrom(" ", "  ", "\n", "، ", "؟ ", "؛", ".", "«", "» ", " -", ' "', "a", "Z", "é", "");
const arabicText = fc
  .array(fc.tuple(arabicWord, separator), { maxLength: 8 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(""));

describe("foldArabic / normalizeToken: letter folding", () => {
  it.each([
    ["أحمد", "احمد"],
    ["إيران", "ايران"],
    ["آمن", "امن"],
    ["ٱستقبل", "استقبل"],
  ])("folds alef forms: %s → %s", (input, expected) => {
    expect(normalizeToken(input)).toBe(expected);
  });

  it("folds alef maqsura to yeh", () => {
    expect(normalizeToken("مستشفى")).toBe("مستشفي");
    expect(normalizeToken("مستشفى")).toBe(normalizeToken("مستشفي"));
    expect(normalizeToken("على")).toBe("علي");
  });

  it("folds taa marbuta to heh", () => {
    expect(normalizeToken("مدرسة")).toBe("مدرسه");
    expect(normalizeToken("مدرسة")).toBe(normalizeToken("مدرسه"));
  });

  it("folds hamza on waw and yeh", () => {
    expect(normalizeToken("مسؤول")).toBe("مسوول");
    expect(normalizeToken("رئيس")).toBe("رييس");
  });

  it("treats decomposed (NFD) hamza and madda like the precomposed letters", () => {
    for (const word of ["أحمد", "إيران", "آمن", "مسؤول", "رئيس"]) {
      expect(normalizeToken(word.normalize("NFD"))).toBe(normalizeToken(word));
    }
  });

  it("folds Persian-keyboard yeh and kaf", () => {
    expect(normalizeToken("کتابی")).toBe(normalizeToken("كتابي"));
  });

  it("turns presentation forms (PDF copy-paste) into letters", () => {
    expect(normalizeForSearch("ﻣﻴﺮﻛﻞ")).toBe("ميركل");
    expect(normalizeForSearch("ﷲ")).toBe("الله");
  });

  it("removes harakat, superscript alef, Quranic marks and tatweel", () => {
    expect(normalizeToken("مُحَمَّدٌ")).toBe("محمد");
    expect(normalizeToken("كِتَابًا")).toBe(normalizeToken("كتابا"));
    expect(normalizeToken("هٰذا")).toBe("هذا");
    expect(normalizeToken("رحيم\u06D6")).toBe("رحيم");
    expect(normalizeToken("مـــحـمد")).toBe("محمد");
  });

  it("does not strip clitics in foldArabic", () => {
    expect(foldArabic("والأسد")).toBe("والاسد");
  });
});

describe("digits", () => {
  it("maps Arabic-Indic and Extended Arabic-Indic digits to ASCII", () => {
    expect(normalizeForSearch("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
    expect(normalizeForSearch("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
    expect(normalizeForSearch("عام ٢٠٢٤")).toBe("عام 2024");
  });

  it("maps the Arabic decimal separator", () => {
    expect(normalizeForSearch("٣٫٥")).toBe("3.5");
  });
});

describe("clitic stripping", () => {
  it.each([
    ["و", "وقال", "قال"],
    ["ف", "فقال", "قال"],
    ["ب", "بسرعة", "سرعه"],
    ["ك", "كطبيب", "طبيب"],
    ["ل", "لميركل", "ميركل"],
    ["ال", "الحكومة", "حكومه"],
    ["وال", "والحكومة", "حكومه"],
    ["فال", "فالحكومة", "حكومه"],
    ["بال", "بالحكومة", "حكومه"],
    ["كال", "كالحكومة", "حكومه"],
    ["لل", "للحكومة", "حكومه"],
    ["وبال", "وبالحكومة", "حكومه"],
    ["ولل", "وللحكومة", "حكومه"],
  ])("strips %s: %s → %s", (_clitic, input, expected) => {
    expect(normalizeToken(input)).toBe(expected);
  });

  it("gives the article, conjunction and bare forms of a word one token", () => {
    const lion = ["الأسد", "الاسد", "والأسد", "بالأسد", "أسد"].map(normalizeToken);
    expect(new Set(lion)).toEqual(new Set(["اسد"]));
    const hospital = ["مستشفى", "مستشفي", "بالمستشفى", "المستشفى", "للمستشفى"].map(normalizeToken);
    expect(new Set(hospital)).toEqual(new Set(["مستشفي"]));
  });

  it("handles a word whose first root letter looks like a clitic (وزير) the same in every form", () => {
    const minister = ["وزير", "الوزير", "والوزير", "ووزير", "للوزير", "بالوزير"].map(normalizeToken);
    expect(new Set(minister)).toEqual(new Set([normalizeToken("وزير")]));
    // A whole word still prefixes its suffixed form after stripping (search-as-you-type).
    expect(normalizeToken("الوزيرة").startsWith(normalizeToken("وزير"))).toBe(true);
  });

  it("leaves words without a clitic unchanged", () => {
    expect(normalizeToken("ميركل")).toBe("ميركل");
    expect(normalizeToken("مستشفي")).toBe("مستشفي");
  });

  it("keeps three-letter words that start with a clitic letter whole", () => {
    for (const word of ["بيت", "ولد", "كلب", "فقط", "لكن"]) expect(normalizeToken(word)).toBe(word);
    expect(normalizeToken("البيت")).toBe("بيت");
  });

  it("strips the article down to two-letter stems but not further", () => {
    expect(normalizeToken("الأب")).toBe("اب");
    expect(normalizeToken("الدم")).toBe("دم");
    expect(normalizeToken("إلى")).toBe("الي");
    expect(normalizeToken("ال")).toBe("ال");
    expect(normalizeToken("و")).toBe("و");
  });

  it("keeps the name of God apart from له", () => {
    for (const word of ["الله", "والله", "بالله", "لله", "ولله", "اللّٰه"]) expect(normalizeToken(word)).toBe("الله");
    expect(normalizeForSearch("حزب الله")).toBe("حزب الله");
    expect(normalizeToken("له")).toBe("له");
  });

  it("strips clitics from words inside running text and punctuation", () => {
    expect(normalizeForSearch("«والأسد»، وقال: بالمستشفى؟")).toBe("«اسد»، قال: مستشفي؟");
  });
});

describe("normalizeForSearch", () => {
  it("leaves Latin text (and its case) unchanged", () => {
    const text = "Angela Merkel sagte: „Wir schaffen das“ – Müller, ÉCOLE, naïve café 2024!";
    expect(normalizeForSearch(text)).toBe(text);
  });

  it("leaves any text without Arabic unchanged", () => {
    const nonArabic = fc
      .string({ unit: "grapheme", maxLength: 40 })
      .filter((s) => !/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/u.test(s));
    fc.assert(fc.property(nonArabic, (text) => normalizeForSearch(text) === text));
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(arabicText, (text) => normalizeForSearch(normalizeForSearch(text)) === normalizeForSearch(text)),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        const once = normalizeForSearch(text);
        return normalizeForSearch(once) === once;
      }),
    );
  });

  it("normalises each word independently and keeps the separators", () => {
    fc.assert(
      fc.property(fc.array(arabicWord, { minLength: 1, maxLength: 8 }), (words) => {
        expect(normalizeForSearch(words.join(" "))).toBe(words.map(normalizeToken).join(" "));
      }),
    );
  });

  it("keeps whitespace-separated token count for words with letters", () => {
    fc.assert(
      fc.property(fc.array(arabicWord, { minLength: 1, maxLength: 8 }), (words) => {
        expect(normalizeForSearch(words.join(" ")).split(" ")).toHaveLength(words.length);
      }),
    );
  });
});

describe("normalizeQuery", () => {
  it("agrees with the index on every token", () => {
    fc.assert(fc.property(arabicText, (text) => normalizeQuery(text) === normalizeForSearch(text)));
    fc.assert(
      fc.property(fc.array(arabicWord, { minLength: 1, maxLength: 6 }), (words) => {
        const query = normalizeQuery(words.join(" ")).split(" ");
        expect(query).toEqual(words.map(normalizeToken));
      }),
    );
  });

  it("keeps quoted phrases quoted and normalises inside them", () => {
    expect(normalizeQuery('"والأسد في المستشفى"')).toBe('"اسد في مستشفي"');
    fc.assert(
      fc.property(fc.array(arabicWord, { minLength: 1, maxLength: 4 }), (words) => {
        const phrase = words.join(" ");
        expect(normalizeQuery(`"${phrase}"`)).toBe(`"${normalizeForSearch(phrase)}"`);
      }),
    );
  });

  it("keeps a leading - negation", () => {
    expect(normalizeQuery("ميركل -الأسد")).toBe("ميركل -اسد");
    expect(normalizeQuery('-"بالمستشفى"')).toBe('-"مستشفي"');
  });

  it("keeps a trailing space (it turns off prefix search)", () => {
    expect(normalizeQuery("الأسد ")).toBe("اسد ");
  });

  it("turns typographic double quotes into phrase quotes", () => {
    expect(normalizeQuery("“Angela Merkel”")).toBe('"Angela Merkel"');
    expect(normalizeQuery("„Wir schaffen das“")).toBe('"Wir schaffen das"');
  });

  it("leaves Latin queries unchanged", () => {
    expect(normalizeQuery('Merkel -"Olaf Scholz" Flüchtlinge')).toBe('Merkel -"Olaf Scholz" Flüchtlinge');
  });
});

describe("hasArabic", () => {
  it("detects Arabic script", () => {
    expect(hasArabic("قال ميركل")).toBe(true);
    expect(hasArabic("Merkel ٢٠٢٤")).toBe(true);
    expect(hasArabic("Merkel 2024")).toBe(false);
  });
});
