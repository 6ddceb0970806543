import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { extractStatements, type ExtractInput, type ProposedStatement } from "./index";
import { findDate, parseIsoDay } from "./dates";
import { findQuotes } from "./text";
import { demoDoc, loadFixture, score } from "./evaluate";
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
    const all = extractStatements({
      text: "ارتفعت الأسعار بنسبة كبيرة في الأسواق المحلية، حسبما ذكرت وكالة الأنباء الرسمية.",
      lang: "ar",
    });
    expect(all.speakers).toEqual([
      { name: "وكالة الأنباء الرسمية", kind: "organization", known: false, mentions: ["وكالة الأنباء الرسمية"] },
    ]);
  });
  it("participle and back-reference to an organisation; known speaker aliases", () => {
    const text =
      "وأعلنت منظمة الصحة العالمية أن اللقاح آمن، مشيرة إلى أن التوزيع يبدأ غداً. وأوضحت المنظمة أن الجرعات كافية.";
    const xs = run(text, "ar", {
      knownSpeakers: [
        { name: "World Health Organization", kind: "organization", aliases: ["منظمة الصحة العالمية", "WHO"] },
      ],
    });
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

describe("arabic patterns of issue 16", () => {
  const one = (text: string, published = "2024-05-16"): ProposedStatement => only(run(text, "ar", { published }));
  it("a long speaker phrase with commas, a parenthesised day or an addressee stands between the verb and إنّ", () => {
    const a = one("قال وزير الخارجية الأردني أيمن الصفدي، اليوم (الخميس)، إنّ المملكة ستواصل جهودها.");
    expect([a.text, a.speaker?.name, a.saidOn]).toEqual(["المملكة ستواصل جهودها", "أيمن الصفدي", "2024-05-16"]);
    const b = one(
      "وقال المتحدث باسم الأمم المتحدة ستيفان دوجاريك لوكالة الأنباء الألمانية يوم الثلاثاء إن «الوضع الإنساني في غزة كارثي».",
    );
    expect([b.kind, b.speaker?.name, b.saidOn]).toEqual(["direct", "ستيفان دوجاريك", "2024-05-14"]);
    const c = one("قالت مصادر أمنية لـ«الحياة» إن السلطات أحبطت محاولة تهريب.");
    expect([c.text, c.speaker?.name]).toEqual(["السلطات أحبطت محاولة تهريب", "مصادر أمنية"]);
  });
  it("stance and announcement verbs without quotation marks", () => {
    const xs = run(
      "أشاد رئيس مجلس الشورى الشيخ عبدالله آل الشيخ بالقرارات الأخيرة لتطوير التعليم. وجددت الوزارة التأكيد على وقوف المملكة مع الأسر، ووصفت الهجوم بأنه عمل جبان. وعدّ آل الشيخ هذه الخطوة نقلة نوعية.",
      "ar",
    );
    expect(xs.map((s) => s.text)).toEqual([
      "القرارات الأخيرة لتطوير التعليم",
      "وقوف المملكة مع الأسر",
      "عمل جبان",
      "هذه الخطوة نقلة نوعية",
    ]);
    expect(xs[0]?.speaker?.name).toBe("عبدالله آل الشيخ");
    expect(xs[2]?.speaker?.name).toBe("الوزارة");
    expect(xs[3]?.speaker?.name).toBe("عبدالله آل الشيخ");
  });
  it("continuations carry the previous speaker; a preposition or an ordinal never is one", () => {
    const xs = run(
      "أكد وزير الصحة المهندس خالد الفالح أن الوزارة رصدت حالات جديدة. وأشار إلى أن المخالطين يخضعون للفحص. وقال أمس الأول في تصريح صحفي إن الوضع تحت السيطرة ولا يدعو إلى القلق.",
      "ar",
    );
    expect(xs.map((s) => s.speaker?.name)).toEqual(["خالد الفالح", "خالد الفالح", "خالد الفالح"]);
    expect(xs[2]?.saidOn).toBe("2024-03-07");
  });
  it("a subject before قد and the verb; a trailing بحسب ما; نقل عن", () => {
    const a = one("وكان المركز الوطني للإنذار المبكر قد حذّر أمس الأول من تشكل السيول في الأودية.", "2015-08-14");
    expect([a.text, a.speaker?.name, a.saidOn]).toEqual([
      "تشكل السيول في الأودية",
      "المركز الوطني للإنذار المبكر",
      "2015-08-12",
    ]);
    const b = one(
      "ارتفع عدد الضحايا إلى 27 قتيلاً، بحسب ما أفادت المديرية العامة للدفاع المدني في بيان مساء أمس.",
      "2015-07-30",
    );
    expect([b.text, b.speaker?.name, b.saidOn]).toEqual([
      "ارتفع عدد الضحايا إلى 27 قتيلاً",
      "المديرية العامة للدفاع المدني",
      "2015-07-29",
    ]);
  });
  it("interview lines with no verb", () => {
    const xs = run("- أحمد عيد : نعمل على بناء فريق قوي.\n- أحمد عيد : لا نية لتغيير المدرب.", "ar");
    expect(xs.map((s) => [s.text, s.speaker?.name])).toEqual([
      ["نعمل على بناء فريق قوي", "أحمد عيد"],
      ["لا نية لتغيير المدرب", "أحمد عيد"],
    ]);
  });
  it("a verbal noun as the object of أكد; an addressee before the speaker", () => {
    const a = one("وأكد المكرمي استمرار الجولات الميدانية وعدم التهاون مع المخالفين.");
    expect([a.text, a.speaker?.name]).toEqual(["استمرار الجولات الميدانية وعدم التهاون مع المخالفين", "المكرمي"]);
    expect(run("وأكد الوزير وأهمية المشروع كبيرة.", "ar")).toEqual([]);
    const b = one("وأوضح لـ”عين اليوم” أمين عام غرفة جدة عدنان مندورة، أن الفعاليات تعيد للناس أيامهم.");
    expect([b.text, b.speaker?.name]).toEqual(["الفعاليات تعيد للناس أيامهم", "عدنان مندورة"]);
  });
  it("more ḥāl participles; عبر as via; a second title after a comma", () => {
    const xs = run("وأوضح الفراج أن الهدف من الدورة تأهيل المدربين، مبينا أنها تتناول التغذية والإعداد البدني.", "ar");
    expect(xs.map((s) => [s.text, s.speaker?.name])).toEqual([
      ["الهدف من الدورة تأهيل المدربين", "الفراج"],
      ["تتناول التغذية والإعداد البدني", "الفراج"],
    ]);
    const via = one("وقال جاك دورسي خلال مؤتمر عبر الفيديو مع محللين إن الشركة حققت تقدما جيدا.");
    expect([via.cue, via.speaker?.name]).toEqual(["وقال", "جاك دورسي"]);
    const two = one(
      "من جانبه، أكد مدير إدارة المجالس البلدية، رئيس اللجنة التنفيذية للانتخابات المهندس جديع القحطاني أن الوضع الأمني مسؤولية اللجان.",
    );
    expect(two.speaker?.name).toBe("جديع القحطاني");
  });
  it("بأن needs its hamza: بان is a name", () => {
    const s = one("دعا الأمين العام للأمم المتحدة بان كي مون أطراف النزاع إلى العودة إلى المفاوضات.");
    expect(s.speaker?.name).toBe("بان كي مون");
    expect(s.text.startsWith("أطراف النزاع")).toBe(true);
  });
  it('a bare role before a comma takes the name in apposition; "وهو" still opens a descriptor\'s naming', () => {
    const s = one("وقال الأمين العام ، بان كي مون ، في بيان: إنه حض الأطراف على الالتزام بالهدنة.");
    expect(s.speaker?.name).toBe("بان كي مون");
    const xs = run("وقال المسؤول، وهو نائب وزير المالية خالد العتيبي، إن الاتفاق قد يوقع قبل نهاية الشهر.", "ar");
    expect(xs.map((x) => x.speaker?.name)).toEqual(["خالد العتيبي"]);
  });
});

describe("relative Arabic dates against the publication day (Thursday 2024-05-16)", () => {
  const pub = parseIsoDay("2024-05-16");
  it.each([
    ["مساء أمس", "2024-05-15"],
    ["أمس الأول", "2024-05-14"],
    ["اليوم (الخميس)", "2024-05-16"],
    ["، الخميس،", "2024-05-16"],
    ["، السبت،", "2024-05-11"],
    ["(الجمعة)", "2024-05-10"],
  ])("%s → %s", (phrase, day) => {
    expect(findDate(phrase, "ar", 0, phrase.length, pub)?.date).toBe(day);
  });
});

describe("english reported speech beyond said", () => {
  it.each([
    [
      "Union leaders called for an immediate investigation into the accident.",
      "an immediate investigation into the accident",
      "Union leaders",
    ],
    [
      "Dr. Maria Chen, the state epidemiologist, urged residents to get vaccinated.",
      "residents to get vaccinated",
      "Maria Chen",
    ],
    [
      "A police spokesman, Sergeant Tom Reilly, told the Associated Press that the suspects would appear in court.",
      "the suspects would appear in court",
      "Tom Reilly",
    ],
    [
      "Democratic leader Chuck Morris wants the Senate to vote on the measure.",
      "the Senate to vote on the measure",
      "Chuck Morris",
    ],
    [
      "Former President Jimmy Hale has backed the campaign of his old rival.",
      "the campaign of his old rival",
      "Jimmy Hale",
    ],
    [
      "Investors fear a slowdown in China, according to analysts at Goldman Sachs.",
      "Investors fear a slowdown in China",
      "analysts at Goldman Sachs",
    ],
    [
      "Prices will continue to rise, the Federal Reserve chair, Jerome Powell, said on Wednesday.",
      "Prices will continue to rise",
      "Jerome Powell",
    ],
    [
      "The opposition wants early elections, its leader Tomas Berg told Reuters on Monday.",
      "The opposition wants early elections",
      "Tomas Berg",
    ],
  ])("%s", (text, content, speaker) => {
    const s = only(run(text, "en"));
    expect([s.text, s.speaker?.name]).toEqual([content, speaker]);
  });
  it("a quotation, then its speaker and the cue; quotations that continue after the attribution", () => {
    const xs = run(
      '"The ceasefire is holding," the UN envoy, Martin Griffiths, told the Security Council. "But it is fragile." He urged both sides to allow aid convoys through.',
      "en",
    );
    expect(xs.map((s) => [s.kind, s.speaker?.name])).toEqual([
      ["direct", "Martin Griffiths"],
      ["direct", "Martin Griffiths"],
      ["indirect", "Martin Griffiths"],
    ]);
  });
  it('", adding that" is a second statement of the same speaker', () => {
    const xs = run(
      '"We will not accept this deal," Agriculture Minister Paul Dubois said on Tuesday, adding that France would veto the agreement if necessary.',
      "en",
    );
    expect(xs.map((s) => [s.text, s.speaker?.name])).toEqual([
      ['"We will not accept this deal,"', "Paul Dubois"],
      ["France would veto the agreement if necessary", "Paul Dubois"],
    ]);
  });
});

describe("german attribution", () => {
  it("the subject after the verb when what precedes it is no noun phrase", () => {
    const s = only(
      run("Davon geht Slobodan Samardzic, der serbische Minister, aus. Er sagte, die Lage sei ernst.", "de").slice(1),
    );
    expect(s.speaker?.name).toBe("Slobodan Samardzic");
  });
  it('"gab es" and a temporal "Danach" are no statements', () => {
    expect(run("Gestern gab es erneut einen Zwischenfall mit einem Flugzeug an Bord.", "de")).toEqual([]);
    expect(run("Danach fuhr der Zug weiter nach Berlin.", "de")).toEqual([]);
  });
  it("passive reports without a speaker; a reported act spans its sentence", () => {
    const a = only(
      run("Zuvor war schon bekannt geworden, dass in der Türkei Fälle der Geflügelpest aufgetreten waren.", "de"),
    );
    expect([a.text, a.speaker]).toEqual(["in der Türkei Fälle der Geflügelpest aufgetreten waren", null]);
    const b = only(run("Ihm wird unter anderem vorgeworfen, in die Übernahme der Bank eingegriffen zu haben.", "de"));
    expect(b.text).toBe("in die Übernahme der Bank eingegriffen zu haben");
    const c = only(run("Die Gewerkschaft kritisierte die Pläne der Regierung scharf.", "de"));
    expect([c.text, c.speaker?.name]).toEqual([
      "Die Gewerkschaft kritisierte die Pläne der Regierung scharf",
      "Die Gewerkschaft",
    ]);
  });
  it("a continuation after a sentence that named someone without a verb of saying belongs to that subject", () => {
    const xs = run(
      "Der Trainer lobte die Mannschaft. Der Verband sagte, die Spiele seien ausverkauft. Das Robert-Koch-Institut sieht keine Gefahr. Lediglich Landwirte seien gefährdet.",
      "de",
    );
    expect(xs.at(-1)?.speaker?.name).toBe("Das Robert-Koch-Institut");
    const q = run(
      "Hier sparte der Bundespräsident Horst Köhler nicht mit Kritik: „Jeder sollte wissen, was auf dem Spiel steht.“",
      "de",
    );
    expect(q.map((s) => [s.kind, s.speaker?.name])).toEqual([["direct", "Horst Köhler"]]);
  });
  it("so X, laut X, X zufolge, nach Angaben von X", () => {
    expect(only(run("Die Lage sei ernst, so der Minister.", "de")).speaker?.name).toBe("der Minister");
    expect(only(run("Laut Polizei wurde niemand verletzt.", "de")).speaker?.name).toBe("Polizei");
    expect(only(run("Der Polizei zufolge wurde niemand verletzt.", "de")).speaker?.name).toBe("Der Polizei");
    expect(only(run("Nach Angaben der Feuerwehr wurde niemand verletzt.", "de")).text).toBe("wurde niemand verletzt");
  });
  it('"bekannt" reports only as "wie … bekannt gab" or "bekannt …, dass"; a particle closes its clause; "so" answering a condition is no source', () => {
    expect(only(run("Wie das Ministerium heute bekannt gab, wird die Steuer gesenkt.", "de")).text).toBe(
      "wird die Steuer gesenkt",
    );
    expect(only(run("Im Mai wurde bekannt, dass die Sparte verkauft werden soll.", "de")).text).toBe(
      "die Sparte verkauft werden soll",
    );
    expect(run("Die Unglücksursache ist noch nicht bekannt, die Ermittlungen laufen.", "de")).toEqual([]);
    expect(run("Der Ort wurde bekannt, als dort ein Meteorit einschlug.", "de")).toEqual([]);
    expect(run("Die Identität des Kindes gab die Behörde nicht bekannt.", "de")).toEqual([]);
    expect(run("Das Ministerium gab jetzt einen Kommentar zu dem Vorfall ab.", "de")).toEqual([]);
    expect(run("Werden die Mängel abgestellt, so wird die Verbesserung sichtbar.", "de")).toEqual([]);
    expect(run("Es gibt nur wenige Busse, so um die Stadt zu erreichen.", "de")).toEqual([]);
  });
  it('reportive "soll … sein" continues a statement but opens none', () => {
    expect(run("Der Zug fuhr weiter. Etwa 30 Menschen sollen dabei verletzt worden sein.", "de")).toEqual([]);
    const xs = run("Die Polizei sagte, der Täter sei geflohen. Er soll ein Auto gestohlen haben.", "de");
    expect(xs).toHaveLength(2);
    expect(xs[1]?.speaker?.name).toBe("Die Polizei");
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
    const xs = run(
      "Laut Polizei wurde niemand verletzt. Die Gewerkschaft Verdi kritisierte, die Löhne seien zu niedrig. Die Gewerkschaft erklärte, sie werde streiken. Er sagte, das sei falsch.",
      "de",
    );
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
  it("the outlet that quotes is not the speaker: 'quoted X as saying', 'zitiert X mit den Worten'", () => {
    const en = only(run("Reuters quoted Defence Minister Lloyd Austin as saying that the troops would stay.", "en"));
    expect(en.text).toBe("the troops would stay");
    expect(en.speaker?.name).toBe("Lloyd Austin");
    const direct = only(run("The paper quoted the mayor as saying: “We will rebuild.”", "en"));
    expect(direct.kind).toBe("direct");
    expect(direct.text).toBe("“We will rebuild.”");
    const de = only(run("Die Nachrichtenagentur Reuters zitiert Solana mit den Worten, es habe Fragen gegeben.", "de"));
    expect(de.text).toBe("es habe Fragen gegeben");
    expect(de.speaker?.name).toBe("Solana");
    expect(
      only(run("Die Zeitung zitierte einen Sprecher des Ministeriums, die Lage sei ernst.", "de")).speaker?.name,
    ).toBe("Sprecher des Ministeriums");
  });
  it("wire copy: a capitalised word is no cue, a bare complement holds commas, two speakers in one sentence", () => {
    const a = only(
      run(
        "WASHINGTON (Reuters) - The United States will act if the talks fail, Secretary Dan Whitmore said on Tuesday.",
        "en",
      ),
    );
    expect(a.text).toBe("The United States will act if the talks fail");
    expect(a.speaker?.name).toContain("Dan Whitmore");
    expect(only(run("Police said the suspect, a 34-year-old man, was arrested without incident.", "en")).text).toBe(
      "the suspect, a 34-year-old man, was arrested without incident",
    );
    const [ward, grant] = run(
      "Prime Minister Helen Ward insisted the economy was turning a corner, but opposition leader Paul Grant said families were struggling.",
      "en",
    );
    expect(ward?.text).toBe("the economy was turning a corner");
    expect(ward?.speaker?.name).toContain("Helen Ward");
    expect(grant?.text).toBe("families were struggling");
    expect(grant?.speaker?.name).toContain("Paul Grant");
  });
  it("', saying' after a clause without a verb of saying; 'and said' continues; an acronym is a name", () => {
    const xs = run(
      "The spokesman Karim Haddad dismissed the threat, saying his government would not yield. He accused Washington of bad faith and said the country remained committed to talks.",
      "en",
    );
    expect(xs.map((x) => x.text)).toEqual([
      "his government would not yield",
      "Washington of bad faith",
      "the country remained committed to talks",
    ]);
    expect(xs.every((x) => x.speaker?.name?.includes("Karim Haddad"))).toBe(true);
    expect(only(run("A WHO spokesperson said the agency was sending supplies.", "en")).speaker?.name).toBe(
      "A WHO spokesperson",
    );
  });
  it("English subjects and sources: a time, a relative clause; 'found that', 'described … as'; 'she' after a descriptor", () => {
    expect(
      only(run("President Joe Biden on Monday said the country would not abandon its allies.", "en")).speaker?.name,
    ).toBe("Joe Biden");
    const report = only(
      run("The report, published by the Center for Climate Research, found that temperatures had risen.", "en"),
    );
    expect(report.text).toBe("temperatures had risen");
    expect(report.speaker?.name).toBe("The report");
    const xs = run(
      'The Kremlin\'s spokesman, Dmitry Peskov, told reporters that Moscow saw no basis for talks. Finland\'s foreign minister said her country was ready. "Helsinki has a long tradition of building bridges," she said. "We are ready."',
      "en",
    );
    expect(xs.map((x) => x.speaker?.name)).toEqual([
      "Dmitry Peskov",
      "Finland's foreign minister",
      "Finland's foreign minister",
      "Finland's foreign minister",
    ]);
    const kim = only(
      run('Its lead author, Dr. Laura Kim, said the findings were "a wake-up call for policymakers."', "en"),
    );
    expect(kim.kind).toBe("mixed");
    expect(kim.text).toBe('the findings were "a wake-up call for policymakers."');
    // A descriptor with words of its own is not the earlier one: "U.S. officials" after "Health officials in the province".
    const two = run(
      "Health officials in the province said cases were rising. U.S. officials said the attack was planned.",
      "en",
    );
    expect(two[1]?.speaker?.name).toBe("U.S. officials");
  });
  it("English: numbers keep their commas, a leading 'Asked …,' clause, 'read:', a closing attribution wins", () => {
    expect(only(run("The company said Thursday it would cut 1,200 jobs, about 8% of its staff.", "en")).text).toBe(
      "it would cut 1,200 jobs, about 8% of its staff",
    );
    const patel = only(
      run('Asked whether taxes would rise, Finance Minister Ravi Patel replied that "all options are open."', "en"),
    );
    expect(patel.speaker?.name).toBe("Ravi Patel");
    expect(only(run('The embassy\'s statement read: "We condemn this attack."', "en")).speaker?.name).toBe(
      "The embassy's statement",
    );
    expect(run("He read the report twice.", "en")).toEqual([]);
    const closing = only(run("The new study suggests the threat may come sooner, the researchers said.", "en"));
    expect(closing.text).toBe("The new study suggests the threat may come sooner");
    expect(closing.speaker?.name).toBe("the researchers");
  });
  it("English: 'X, speaking …, signalled that', 'It said' after a subject, 'said co-author Dr. X', 'called … “…”'", () => {
    expect(
      only(run("The bank's governor, speaking at a conference, signalled that rates would stay high.", "en")).speaker
        ?.name,
    ).toBe("The bank's governor");
    const it = run(
      "The airline blamed the delays on a glitch. It said most flights would run normally by Sunday.",
      "en",
    );
    expect(only(it).speaker?.name).toBe("The airline");
    expect(
      only(run('"We need larger trials," said co-author Dr. Mei Tanaka of Kyoto University.', "en")).speaker?.name,
    ).toBe("Mei Tanaka");
    const called = only(run('Management called the decision "regrettable."', "en"));
    expect(called.text).toBe('"regrettable."');
    expect(called.speaker?.name).toBe("Management");
    expect(run("They called the meeting to order.", "en")).toEqual([]);
  });
  it("English: 'one doctor said', 'said one resident'; 'the prime minister' is not the defence minister before", () => {
    const xs = run(
      'Hospital officials said 40 people were hurt. "The numbers keep rising," one doctor said. "It was chaos," said one resident.',
      "en",
    );
    expect(xs.map((x) => x.speaker?.name)).toEqual(["Hospital officials", "one doctor", "one resident"]);
    const ys = run(
      "The defence minister said the army was ready. The prime minister warned that winter would be long.",
      "en",
    );
    expect(ys[1]?.speaker?.name).toBe("The prime minister");
  });
  it("activists are a group; he continues", () => {
    const xs = run("Activists said the camp was overcrowded. He added that food was scarce.", "en");
    expect(xs[0]?.speaker?.kind).toBe("group");
    expect(xs[1]?.speaker?.name).toBe("Activists");
  });
  it("topics are suggested from known topic names", () => {
    const s = only(
      run("The minister said the drought hit farmers hard.", "en", {
        knownTopics: [
          { slug: "drought", names: ["drought", "الجفاف"] },
          { slug: "war", names: ["war"] },
        ],
      }),
    );
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
    const xs = run(
      "„Das ist unfair, sagte der Trainer, die Schiedsrichter hätten versagt. Er sagte, er sei enttäuscht.",
      "de",
    );
    expect(xs.length).toBeGreaterThan(0);
    expect(findQuotes("«غير مغلق وطويل", "ar")).toEqual([]);
  });
  it("1 MB and 20,000-word inputs are fast", () => {
    const para =
      "The minister said the budget was balanced. “We are on track,” she added. According to the ministry, exports rose. ";
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
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom("ar" as const, "de" as const, "en" as const),
        (text, lang) => {
          const r = extractStatements({ text: text + " sagte er, dass «x» “y” قال إن", lang, published: "2020-01-01" });
          for (const s of r.statements) {
            expect(s.start).toBeGreaterThanOrEqual(0);
            expect(s.end).toBeLessThanOrEqual(text.length + 40);
            expect(s.confidence).toBeGreaterThan(0);
            expect(s.confidence).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  it("CLI reports bad input on one line with exit code 2", () => {
    const errs: string[] = [];
    const code = runCli(
      ["--lang", "ar", "--published", "2016-02-30", "x.txt"],
      () => {},
      (s) => errs.push(s),
    );
    expect(code).toBe(2);
    expect(errs.join("").trim().split("\n")).toHaveLength(1);
    expect(
      runCli(
        ["--lang", "fr", "--published", "2016-02-01", "x.txt"],
        () => {},
        () => {},
      ),
    ).toBe(2);
    expect(
      runCli(
        ["--lang", "ar", "--published", "2016-02-01", "/no/such/file"],
        () => {},
        () => {},
      ),
    ).toBe(2);
  });
});

describe("labelled sets keep their figures (lib/extract/fixtures)", () => {
  // Floors a little under the figures of issue 16's last round: a change that loses statements or speakers fails.
  it.each([
    ["ar", "dev", 0.95, 0.95],
    ["ar", "heldout", 0.85, 0.9],
    ["ar", "saudinewsnet", 0.83, 0.87],
    ["en", "dev", 0.9, 0.92],
    ["en", "heldout", 0.68, 0.75],
  ] as const)("%s-%s", (lang, set, f1Speaker, speakerAcc) => {
    const s = score(loadFixture(lang, set));
    expect(s.f1Speaker).toBeGreaterThanOrEqual(f1Speaker);
    expect(s.speakerAcc).toBeGreaterThanOrEqual(speakerAcc);
    expect(s.precision).toBeGreaterThanOrEqual(0.85);
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
