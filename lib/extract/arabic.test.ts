// Arabic speaker and date rules learned from the SaudiNewsNet development set (issue 16). The sentences are
// written for this test in the manner of that news; none is copied from the corpus.
import { describe, expect, it } from "vitest";
import { extractStatements, type ProposedStatement } from "./index";

const run = (text: string, published = "2015-07-31"): ProposedStatement[] =>
  extractStatements({ text, lang: "ar", published }).statements;
const only = (xs: ProposedStatement[]): ProposedStatement => {
  expect(xs).toHaveLength(1);
  return xs[0] as ProposedStatement;
};

describe("arabic speakers", () => {
  it("the addressee after the cue (قال لي) is not the speaker", () => {
    const s = only(run('قال لي مدير المكتب الإعلامي سامي العتيبي "لا توجد خطة لتأجيل الافتتاح".'));
    expect(s.speaker?.name).toBe("سامي العتيبي");
    expect(s.kind).toBe("direct");
  });

  it("a short quoted name between the cue and إن speaks", () => {
    const s = only(run("وقال «أبو خالد» إن الطريق أغلق منذ الصباح."));
    expect(s.speaker?.name).toContain("أبو خالد");
    expect(s.text).toBe("الطريق أغلق منذ الصباح");
  });

  it("a quotation joined to لـ is a name; the titled apposition names the bare role", () => {
    const s = only(
      run(
        "قال الأمين العام لـ«رابطة المصدرين في الخليج»، وهي أكبر رابطة في المنطقة، الدكتور ماجد الحربي: «الطلب يتزايد كل شهر».",
      ),
    );
    expect(s.speaker?.name).toBe("ماجد الحربي");
    expect(s.text).toBe("«الطلب يتزايد كل شهر»");
  });

  it("a ḥāl participle takes the subject of the sentence's opening verb, and its date", () => {
    const s = only(run("زار وزير الصحة الأردني فارس الزعبي المستشفى أمس، مؤكدا أن الخدمات ستتحسن."));
    expect(s.speaker?.name).toBe("فارس الزعبي");
    expect(s.saidOn).toBe("2015-07-30");
  });

  it("the topic of أما speaks for the verbs of its sentence", () => {
    const s = only(run("أما المحلل المالي سعود الدوسري فقد اتفق مع ذلك وقال: «السوق تحتاج إلى وقت»."));
    expect(s.speaker?.name).toContain("سعود الدوسري");
  });

  it("a source inserted after the verb is not its subject", () => {
    const xs = run(
      "أدانت البحرين الهجوم على الحدود. وشددت، وفقا لما نقلته وكالة الأنباء الرسمية، على أن الإرهاب لا دين له.",
    );
    expect(xs).toHaveLength(2);
    expect(xs.map((s) => s.speaker?.name)).toEqual(["البحرين", "البحرين"]);
    expect(xs[1]?.text).toBe("الإرهاب لا دين له");
  });

  it("كما before a clause is 'also', not a trailing source", () => {
    const xs = run("وأكد الوزير سالم المري أهمية التعاون، كما شدد على ضرورة تدريب الشباب.");
    expect(xs).toHaveLength(2);
    expect(xs[1]?.speaker?.name).toBe("سالم المري");
    expect(xs[1]?.text).toBe("ضرورة تدريب الشباب");
  });

  it("سموه refers to the prince named before, though he said nothing yet", () => {
    const s = only(
      run("افتتح صاحب السمو الأمير فيصل بن خالد أمير المنطقة المعرض. وقال سموه في كلمته: «هذا المعرض إنجاز للجميع»."),
    );
    expect(s.speaker?.name).toBe("فيصل بن خالد");
  });

  it("نقل عن without the source's words is no report; with قوله the source speaks", () => {
    expect(run("تحرص المؤسسة على نقل البضائع بالقطار والتخلي عن نقل الشاحنات.")).toHaveLength(0);
    const s = only(run("ونقلت الصحيفة عن مسؤول في الوزارة قوله: «القرار نهائي»."));
    expect(s.speaker?.name).toContain("مسؤول في الوزارة");
    expect(s.text).toBe("«القرار نهائي»");
  });

  it("بين as 'between' and a present cue after أن report nothing", () => {
    expect(run("لا توجد علاقة بين التدخين وفقدان السمع في هذه الدراسة.")).toHaveLength(0);
    expect(run("كان بوسعه أن يقول: «لقد حاولت».")).toHaveLength(0);
  });

  it("a name with a parenthesis and an apposition closed by a comma speaks; the content follows that comma", () => {
    const s = only(
      run("من جهته، نفى سامر (24 عاما)، اللاعب في نادي الشباب السعودي، تعاطيه أي مادة محظورة خلال البطولة."),
    );
    expect(s.speaker?.name).toBe("سامر");
    expect(s.text).toBe("تعاطيه أي مادة محظورة خلال البطولة");
  });

  it("a participle's bare object is the content", () => {
    const xs = run("وأوضح مدير الدفاع المدني أن الأمطار ستستمر، محذرا السكان من الاقتراب من الأودية.");
    expect(xs).toHaveLength(2);
    expect(xs[1]?.text).toBe("السكان من الاقتراب من الأودية");
    expect(xs[1]?.speaker?.name).toBe(xs[0]?.speaker?.name);
  });
});

describe("arabic sentences and dates", () => {
  it("د. before a name does not end the sentence", () => {
    const s = only(run("وأضافت المصادر أن الاجتماع ضم د. جميل الشهري وعددا من الأعضاء."));
    expect(s.text).toBe("الاجتماع ضم د. جميل الشهري وعددا من الأعضاء");
  });

  it("اليوم followed by a weekday means that weekday", () => {
    // Published on Friday 31 July 2015: "اليوم الأربعاء" is Wednesday the 29th, "اليوم (الخميس)" Thursday the 30th.
    expect(only(run("وقالت الهيئة اليوم الأربعاء إن الموسم بدأ.")).saidOn).toBe("2015-07-29");
    expect(only(run("وقال الوزير اليوم (الخميس) إن الموسم بدأ.")).saidOn).toBe("2015-07-30");
    expect(only(run("وقال الوزير اليوم إن الموسم بدأ.")).saidOn).toBe("2015-07-31");
  });
});
