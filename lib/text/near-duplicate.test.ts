import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daysApart,
  isMergeCandidate,
  MAX_WORDS,
  NEAR_DUPLICATE,
  nearDuplicateScore,
  normalizedWords,
  wordOverlap,
} from "./near-duplicate";

const JUBEIR =
  "وقال الجبير في مؤتمر صحفي عقده مع وزير الخارجية الألماني في برلين أمس إنه يجب على إيران تغيير سياستها العدوانية";
// The same report as another outlet printed it: other spelling of hamza and taa marbuta,
// clitics and a reworded opening.
const JUBEIR_REWORDED =
  "وقال عادل الجبير في مؤتمر صحافي مع وزير خارجية ألمانيا ببرلين إنه يجب علی ايران تغيير سياستها العدوانيه";
const MARTYR_A =
  "أعلنت قيادة القوات المشتركة في بيان لها امس استشهاد الرقيب ماجد السبيعي من منسوبي الحرس الوطني بعد إصابته بمقذوف في قطاع نجران، داعية الله بأن يتغمده بواسع رحمته";
const MARTYR_B =
  "أعلنت قيادة القوات المشتركة في بيان أمس استشهاد الجندي أول يحيى الشامري من منسوبي القوات البرية بعد إصابته بمقذوف بقطاع جيزان، داعية الله بأن يتغمده بواسع رحمته";

describe("normalizedWords", () => {
  it("folds Arabic spelling and strips clitics, as search does", () => {
    expect(normalizedWords("والوزارة أكدت")).toEqual(normalizedWords("الوزاره اكدت"));
  });

  it("lower-cases Latin and German words", () => {
    expect(normalizedWords("Die Kanzlerin SAGTE")).toEqual(["die", "kanzlerin", "sagte"]);
  });

  it("keeps at most MAX_WORDS words", () => {
    expect(normalizedWords("word ".repeat(MAX_WORDS * 3))).toHaveLength(MAX_WORDS);
  });
});

describe("wordOverlap (the editor's duplicate check)", () => {
  it("is the share of the shorter text's distinct words found in the longer", () => {
    expect(wordOverlap("the attacks are war crimes", "the attacks on Aleppo are war crimes, she said")).toBe(1);
    expect(wordOverlap("one two three four", "one two five six seven")).toBe(0.5);
  });

  it("is 0 when either text has no words", () => {
    expect(wordOverlap("", "anything")).toBe(0);
    expect(wordOverlap("…!", "anything")).toBe(0);
  });
});

describe("nearDuplicateScore", () => {
  it("is 1 for identical texts and for a text contained in another", () => {
    expect(nearDuplicateScore(JUBEIR, JUBEIR)).toBe(1);
    expect(nearDuplicateScore(JUBEIR, `${JUBEIR} وأضاف أن المملكة حريصة على علاقات حسن الجوار`)).toBe(1);
  });

  it("is 0 for texts without a common word", () => {
    expect(nearDuplicateScore(JUBEIR, "Die Bundeskanzlerin sprach gestern in Hamburg über Energiepolitik")).toBe(0);
  });

  it("scores a reworded Arabic report of one statement above the threshold", () => {
    expect(nearDuplicateScore(JUBEIR, JUBEIR_REWORDED)).toBeGreaterThanOrEqual(NEAR_DUPLICATE.minScore);
  });

  it("scores a shared vocabulary without shared phrasing lower than the words alone", () => {
    const a = "the minister said the talks on trade would resume in Geneva next week";
    const b = "next week in Geneva the trade minister resume said talks would the on";
    expect(wordOverlap(a, b)).toBe(1);
    expect(nearDuplicateScore(a, b)).toBeLessThan(0.6);
  });

  it("judges a text of fewer than three words on its words alone", () => {
    expect(nearDuplicateScore("Nein.", "Nein, sagte sie")).toBe(1);
    expect(nearDuplicateScore("no", "yes")).toBe(0);
  });

  it("is bounded and symmetric for any two texts", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .array(fc.constantFrom("قال", "الوزير", "وزير", "أكد", "the", "Minister", "sagte", "«", "،", " "), {
          maxLength: 60,
        })
        .map((parts) => parts.join(" ")),
    );
    fc.assert(
      fc.property(text, text, (a, b) => {
        const score = nearDuplicateScore(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(nearDuplicateScore(b, a)).toBe(score);
        const overlap = wordOverlap(a, b);
        expect(overlap).toBeGreaterThanOrEqual(0);
        expect(overlap).toBeLessThanOrEqual(1);
        expect(wordOverlap(b, a)).toBe(overlap);
      }),
      { numRuns: 300 },
    );
  });

  it("scores any text against itself as 1 when it has words", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), (text) => {
        const expected = normalizedWords(text).length > 0 ? 1 : 0;
        expect(nearDuplicateScore(text, text)).toBe(expected);
      }),
    );
  });

  it("stays fast and bounded on hostile input", () => {
    const hostile = [
      "ا".repeat(200_000),
      "وال".repeat(70_000),
      Array.from({ length: 100_000 }, (_, i) => `w${i}`).join(" "),
      "قال ".repeat(100_000),
      "\u0651".repeat(200_000), // harakat only: no words at all
    ];
    const started = performance.now();
    for (const a of hostile)
      for (const b of hostile) {
        const score = nearDuplicateScore(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(nearDuplicateScore(b, a)).toBe(score);
      }
    // 50 comparisons of texts up to 600 kB; linear work capped at 20,000 characters each.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(nearDuplicateScore(hostile[3]!, hostile[3]!)).toBe(1);
    expect(nearDuplicateScore(hostile[4]!, hostile[0]!)).toBe(0);
  });
});

describe("daysApart", () => {
  it("counts days between full dates in either order", () => {
    expect(daysApart("2015-08-06", "2015-08-01")).toBe(5);
    expect(daysApart("2015-08-01", "2015-08-06")).toBe(5);
    expect(daysApart("2015-12-31", "2016-01-01")).toBe(1);
  });

  it("treats a month or a year as the days it covers", () => {
    expect(daysApart("2015-08", "2015-08-20")).toBe(0);
    expect(daysApart("2015-07", "2015-08-03")).toBe(3);
    expect(daysApart("2015", "2015-06-01")).toBe(0);
    expect(daysApart("2014", "2015-01-10")).toBe(10);
  });

  it("is unknown when a date is missing or not an ISO date", () => {
    expect(daysApart(null, "2015-08-06")).toBeNull();
    expect(daysApart("2015-08-06", undefined)).toBeNull();
    expect(daysApart("6 August 2015", "2015-08-06")).toBeNull();
  });
});

describe("isMergeCandidate", () => {
  const on = (text: string, saidOn: string | null, reportedOn?: string | null) => ({ text, saidOn, reportedOn });

  it("proposes a reworded report of the same statement a day later", () => {
    const result = isMergeCandidate(on(JUBEIR, "2015-08-10"), on(JUBEIR_REWORDED, "2015-08-11"));
    expect(result?.score).toBe(nearDuplicateScore(JUBEIR, JUBEIR_REWORDED));
  });

  it("rejects the same words said too far apart", () => {
    expect(isMergeCandidate(on(JUBEIR, "2015-08-10"), on(JUBEIR, "2015-09-10"))).toBeNull();
    expect(isMergeCandidate(on(JUBEIR, "2015-08-10"), on(JUBEIR, "2015-08-14"))).toBeNull();
    expect(isMergeCandidate(on(JUBEIR, "2015-08-10"), on(JUBEIR, "2015-08-13"))).not.toBeNull();
  });

  it("does not rule a pair out for an unknown date", () => {
    expect(isMergeCandidate(on(JUBEIR, null), on(JUBEIR, "2015-08-10"))).toEqual({ score: 1 });
    expect(isMergeCandidate(on(JUBEIR, null), on(JUBEIR, null))).toEqual({ score: 1 });
  });

  it("uses the said-on date, else the reported-on date", () => {
    expect(isMergeCandidate(on(JUBEIR, null, "2015-08-10"), on(JUBEIR, null, "2015-09-10"))).toBeNull();
    expect(isMergeCandidate(on(JUBEIR, "2015-08-10", "2015-09-10"), on(JUBEIR, "2015-08-11"))).not.toBeNull();
  });

  it("rejects texts that share too few words", () => {
    const other = "أعلنت وزارة الصحة تسجيل حالات جديدة من فيروس كورونا في الرياض";
    expect(isMergeCandidate(on(JUBEIR, "2015-08-10"), on(other, "2015-08-10"))).toBeNull();
  });

  it("still proposes a spokesman's two formulaic announcements (a known false positive)", () => {
    // Measured on the labelled set: different announcements built from one template are the
    // finder's main error; curators reject them in the review queue.
    expect(isMergeCandidate(on(MARTYR_A, "2015-08-07"), on(MARTYR_B, "2015-08-06"))).not.toBeNull();
  });
});
