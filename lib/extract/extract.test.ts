import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { extractStatements, type ExtractInput, type ProposedStatement } from "./index";
import { findDate, parseIsoDay } from "./dates";
import { findQuotes } from "./text";
import { demoDoc, score } from "./evaluate";
import { runCli } from "./cli";

const run = (text: string, lang: ExtractInput["lang"], extra: Partial<ExtractInput> = {}): ProposedStatement[] =>
  extractStatements({ text, lang, published: "2024-03-09", ...extra }).statements;
const only = (xs: ProposedStatement[]): ProposedStatement => {
  expect(xs).toHaveLength(1);
  return xs[0] as ProposedStatement;
};

describe("arabic", () => {
  it("VSO cue with إن, speaker after the cue, weekday date", () => {
    const s = only(run("وقال وزير الزراعة الأربعاء إن المحصول تضاعف هذا العام.", "ar"));
    expect(s.text).toBe("المحصول تضاعف هذا العام");
    expect(s.speaker?.name).toBe("وزير الزراعة");
    expect(s.saidOn).toBe("2024-03-06");
    expect(s.kind).toBe("indirect");
  });
  it("continuation with a prefixed cue keeps the speaker", () => {
    const xs = run("وأكدت الوزيرة سلمى حداد أن الميزانية جاهزة، وأضافت أن التصويت سيجري قريباً.", "ar");
    expect(xs).toHaveLength(2);
    expect(xs[1]?.speaker?.name).toBe("الوزيرة سلمى حداد");
    expect(xs[0]?.text).toBe("الميزانية جاهزة");
  });
  it("direct and mixed quotes", () => {
    const xs = run("وقال المدير «لن نغلق المصنع». ودعت النقابة العمال إلى «الصبر والهدوء» في الأيام المقبلة.", "ar");
    expect(xs.map((s) => s.kind)).toEqual(["direct", "mixed"]);
  });
  it("trailing cue after the content", () => {
    const s = only(run("ارتفعت الأسعار بنسبة كبيرة في الأسواق المحلية، حسبما ذكرت وكالة الأنباء الرسمية.", "ar"));
    expect(s.text).toBe("ارتفعت الأسعار بنسبة كبيرة في الأسواق المحلية");
    expect(s.speaker?.name).toBe("وكالة الأنباء الرسمية");
    // The speaker list names the speaker with the mention the statement was tied to.
    const all = extractStatements({ text: "ارتفعت الأسعار بنسبة كبيرة في الأسواق المحلية، حسبما ذكرت وكالة الأنباء الرسمية.", lang: "ar" });
    expect(all.speakers).toEqual([{ name: "وكالة الأنباء الرسمية", kind: "organization", known: false, mentions: ["وكالة الأنباء الرسمية"] }]);
  });
  it("participle and back-reference to an organisation; known speaker aliases", () => {
    const text = "وأعلنت منظمة الصحة العالمية أن اللقاح آمن، مشيرة إلى أن التوزيع يبدأ غداً. وأوضحت المنظمة أن الجرعات كافية.";
    const xs = run(text, "ar", { knownSpeakers: [{ name: "World Health Organization", kind: "organization", aliases: ["منظمة الصحة العالمية", "WHO"] }] });
    expect(xs).toHaveLength(3);
    for (const s of xs) expect(s.speaker?.name).toBe("World Health Organization");
    expect(xs[2]?.speaker?.known).toBe(true);
    const ys = run(text, "ar");
    expect(ys[2]?.speaker?.name).toBe("منظمة الصحة العالمية");
    expect(ys[0]?.speaker?.kind).toBe("organization");
  });
  it("absolute Levantine and Egyptian month dates", () => {
    expect(run("وقال الرئيس في ١٢ تشرين الثاني إن الحدود مفتوحة.", "ar")[0]?.saidOn).toBe("2023-11-12");
    expect(run("وقال الرئيس يوم 3 مارس 2024 إن الحدود مفتوحة.", "ar")[0]?.saidOn).toBe("2024-03-03");
  });
  it("groups are recognised", () => {
    expect(run("وقال ناشطون إن القصف استمر طوال الليل.", "ar")[0]?.speaker?.kind).toBe("group");
  });
});

describe("german", () => {
  it("cue before comma clause with dass and Konjunktiv", () => {
    const s = only(run("Die Ministerin sagte am Donnerstag, dass die Reform verschoben werde.", "de"));
    expect(s.text).toBe("die Reform verschoben werde");
    expect(s.speaker?.name).toBe("Die Ministerin");
    expect(s.saidOn).toBe("2024-03-07");
  });
  it("quote with trailing cue and inverted speaker", () => {
    const s = only(run("„Wir bauen die Brücke neu“, sagte Bürgermeister Jan Ohm gestern.", "de"));
    expect(s.kind).toBe("direct");
    expect(s.text).toBe("„Wir bauen die Brücke neu“");
    // The title is kept apart from the name; the mention's offsets still cover both.
    expect(s.speaker?.name).toBe("Jan Ohm");
    expect(s.saidOn).toBe("2024-03-08");
  });
  it("laut-frame, pronoun continuation and back-reference", () => {
    const xs = run("Laut Polizei wurde niemand verletzt. Die Gewerkschaft Verdi kritisierte, die Löhne seien zu niedrig. Die Gewerkschaft erklärte, sie werde streiken. Er sagte, das sei falsch.", "de");
    expect(xs[0]?.speaker?.name).toBe("Polizei");
    expect(xs[0]?.text).toContain("wurde niemand verletzt");
    expect(xs[2]?.speaker?.name).toBe("Gewerkschaft Verdi");
    expect(xs).toHaveLength(4);
  });
  it("free indirect speech continues the previous speaker", () => {
    const xs = run("Der Trainer sagte, das Team sei müde. Man brauche eine Pause.", "de");
    expect(xs).toHaveLength(2);
    expect(xs[1]?.speaker?.name).toBe("Der Trainer");
  });
  it("absolute German date", () => {
    expect(run("Am 17. November 2016 erklärte der Minister, die Lage sei ernst.", "de")[0]?.saidOn).toBe("2016-11-17");
  });
});

describe("english", () => {
  it("said that / told / according to / trailing said", () => {
    const a = only(run("The mayor said on Tuesday that the bridge would reopen.", "en"));
    expect(a.text).toBe("the bridge would reopen");
    expect(a.saidOn).toBe("2024-03-05");
    const b = only(run("“We will not give up,” said Maria Lopez, the union leader.", "en"));
    expect(b.kind).toBe("direct");
    expect(b.speaker?.name).toContain("Maria Lopez");
    const c = only(run("According to the ministry, exports fell sharply.", "en"));
    expect(c.speaker?.name).toBe("the ministry");
    expect(c.text).toBe("exports fell sharply");
    const d = only(run("Prices will keep rising, the central bank said yesterday.", "en"));
    expect(d.text).toBe("Prices will keep rising");
    expect(d.saidOn).toBe("2024-03-08");
  });
  it("activists are a group; he continues", () => {
    const xs = run("Activists said the camp was overcrowded. He added that food was scarce.", "en");
    expect(xs[0]?.speaker?.kind).toBe("group");
    expect(xs[1]?.speaker?.name).toBe("Activists");
  });
  it("topics are suggested from known topic names", () => {
    const s = only(run("The minister said the drought hit farmers hard.", "en", { knownTopics: [{ slug: "drought", names: ["drought", "الجفاف"] }, { slug: "war", names: ["war"] }] }));
    expect(s.topics).toEqual(["drought"]);
  });
});

describe("dates", () => {
  it("resolves relative words and weekdays against the publication day", () => {
    const pub = parseIsoDay("2016-11-19");
    expect(findDate("أمس", "ar", 0, 3, pub)?.date).toBe("2016-11-18");
    expect(findDate("الخميس", "ar", 0, 6, pub)?.date).toBe("2016-11-17");
    expect(findDate("on Saturday", "en", 0, 11, pub)?.date).toBe("2016-11-19");
    expect(findDate("heute", "de", 0, 5, pub)?.date).toBe("2016-11-19");
    expect(findDate("am 30. Dezember", "de", 0, 15, pub)?.date).toBe("2015-12-30");
  });
  it("rejects impossible days", () => {
    expect(parseIsoDay("2016-02-30")).toBeNull();
    expect(parseIsoDay("2016-02-29")).not.toBeNull();
  });
  it("leaves saidOn null without a date in the cue clause", () => {
    expect(run("وقال الوزير إن الاجتماع عقد أمس.", "ar")[0]?.saidOn).toBeNull();
  });
});

describe("robustness", () => {
  it("empty text, other script, unbalanced quotes", () => {
    expect(run("", "ar")).toEqual([]);
    expect(run("   \n", "de")).toEqual([]);
    expect(run("وقال الوزير إن الاجتماع عقد.", "de")).toEqual([]);
    const xs = run("„Das ist unfair, sagte der Trainer, die Schiedsrichter hätten versagt. Er sagte, er sei enttäuscht.", "de");
    expect(xs.length).toBeGreaterThan(0);
    expect(findQuotes("«غير مغلق وطويل", "ar")).toEqual([]);
  });
  it("1 MB and 20,000-word inputs are fast", () => {
    const para = "The minister said the budget was balanced. “We are on track,” she added. According to the ministry, exports rose. ";
    const big = para.repeat(Math.ceil(1_000_000 / para.length));
    let t = performance.now();
    const r = run(big, "en");
    expect(r.length).toBeGreaterThan(1000);
    expect(performance.now() - t).toBeLessThan(5000);
    const words = "وقال الوزير إن الاقتصاد ينمو بسرعة كبيرة هذا العام، وأضاف أن البطالة تراجعت. ".repeat(1500);
    t = performance.now();
    run(words, "ar");
    expect(performance.now() - t).toBeLessThan(1000);
  });
  it("never throws and spans stay in bounds (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom("ar" as const, "de" as const, "en" as const), (text, lang) => {
        const r = extractStatements({ text: text + " sagte er, dass «x» “y” قال إن", lang, published: "2020-01-01" });
        for (const s of r.statements) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length + 40);
          expect(s.confidence).toBeGreaterThan(0);
          expect(s.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
  it("CLI reports bad input on one line with exit code 2", () => {
    const errs: string[] = [];
    const code = runCli(["--lang", "ar", "--published", "2016-02-30", "x.txt"], () => {}, (s) => errs.push(s));
    expect(code).toBe(2);
    expect(errs.join("").trim().split("\n")).toHaveLength(1);
    expect(runCli(["--lang", "fr", "--published", "2016-02-01", "x.txt"], () => {}, () => {})).toBe(2);
    expect(runCli(["--lang", "ar", "--published", "2016-02-01", "/no/such/file"], () => {}, () => {})).toBe(2);
  });
});

describe("demo article regression (data/demo)", () => {
  it("finds every statement with its speaker and both relative dates, with and without known speakers", () => {
    for (const withKnown of [true, false]) {
      const s = score([demoDoc(withKnown)]);
      expect(s.f1).toBeGreaterThanOrEqual(0.9);
      expect(s.f1Speaker).toBeGreaterThanOrEqual(0.9);
      expect(s.speakerAcc).toBeGreaterThanOrEqual(0.9);
      expect(s.datePairs).toBe(2);
      expect(s.saidOnAcc).toBe(1);
    }
  });
});
