// Arabic lexicon for the reporting-construction reader in arabic.ts: cue verbs and their prepositions, ḥāl
// participles, complementizers, sources and trailers, and the word lists that bound a speaker phrase, with the
// small folding and look-up helpers built on them. Kept apart from the parsing code so the word lists can be
// read and extended on their own and neither file grows past the size limit (issue 14).
import { foldToken, nameTokens } from "./normalize";
import { ORG_WORDS } from "./speakers";

export type CueType = "clause" | "object" | "participle";

export interface CueDef {
  type: CueType;
  /** Prepositions that introduce the content (folded), e.g. عن for أعلن عن. */
  preps: string[];
}

export const f = (s: string): string => foldToken(s, false);
const sound = (past: string, ...present: string[]): string[] => [
  past,
  past + "ت",
  past + "وا",
  past + "ا",
  past + "تا",
  past + "ن",
  ...present,
];

export const CUES = new Map<string, CueDef>();
function addCue(forms: string[], type: CueType, preps: string[] = []): void {
  for (const form of forms) CUES.set(f(form), { type, preps: preps.map(f) });
}
addCue(["قال", "قالت", "قالوا", "قالا", "قلن", "يقول", "تقول", "يقولون"], "clause");
addCue(sound("أكد", "يؤكد", "تؤكد", "يؤكدون"), "clause", ["على"]);
addCue(sound("أوضح", "يوضح", "توضح"), "clause");
addCue(sound("أضاف", "يضيف", "تضيف"), "clause");
addCue(sound("أشار", "يشير", "تشير"), "clause", ["إلى"]);
addCue(sound("اعتبر", "يعتبر", "تعتبر"), "clause");
addCue(sound("أعلن", "يعلن", "تعلن"), "clause", ["عن"]);
addCue(sound("صرح", "يصرح", "تصرح"), "clause");
addCue(sound("ذكر", "يذكر", "تذكر"), "clause");
addCue(sound("شدد", "يشدد", "تشدد"), "clause", ["على"]);
addCue(sound("حذر", "يحذر", "تحذر"), "object", ["من"]);
addCue(sound("لفت", "يلفت"), "clause", ["إلى"]);
addCue(sound("تابع"), "clause");
addCue(sound("أفاد", "يفيد", "تفيد"), "clause", ["ب"]);
addCue(sound("كشف", "يكشف", "تكشف"), "clause", ["عن"]);
addCue(sound("بين"), "clause");
addCue(sound("زعم", "يزعم"), "clause");
addCue(sound("أعرب", "يعرب"), "clause", ["عن"]);
addCue(sound("عبر", "يعبر"), "clause", ["عن"]);
addCue(sound("أوردت"), "clause");
addCue(["رأى", "رأت", "رأوا", "يرى", "ترى"], "clause");
addCue(["ادعى", "ادعت", "ادعوا"], "clause");
addCue(["نفى", "نفت", "نفوا", "ينفي", "تنفي"], "object");
addCue(["دعا", "دعت", "دعوا", "يدعو", "تدعو"], "object");
addCue(sound("أدان", "يدين", "تدين"), "object");
addCue(sound("طالب", "يطالب", "تطالب"), "object");
addCue(sound("انتقد", "ينتقد", "تنتقد"), "object");
addCue(sound("اتهم", "يتهم", "تتهم"), "object");
addCue(sound("ندد", "يندد", "تندد"), "object", ["ب"]);
addCue(sound("نقل"), "clause", ["عن"]);
// Stance and announcement verbs that report without quotation marks (issue 16).
addCue(sound("وصف", "يصف", "تصف"), "clause");
addCue(sound("أشاد", "يشيد", "تشيد"), "clause", ["ب"]);
addCue(sound("جدد", "يجدد", "تجدد"), "clause", ["على"]);
addCue(sound("توقع", "يتوقع", "تتوقع"), "clause");
addCue(["عد", "عدت", "عدوا"], "object");
// Their object (the people urged, the promise) is part of the content: "حث زعماء العالم على الإنصات".
addCue(sound("حث", "يحث", "تحث"), "object");
addCue(sound("وعد"), "object");
addCue(sound("أنكر", "ينكر", "تنكر"), "object");
// ḥāl participles continue the current speaker; only those with a content complement start a statement.
export const PARTICIPLES = new Map<string, string[]>();
function addParticiple(forms: string[], preps: string[]): void {
  for (const form of forms) PARTICIPLES.set(f(form), preps.map(f));
}
addParticiple(["مؤكداً", "مؤكدة", "مؤكدا"], ["على"]);
addParticiple(["مشيراً", "مشيرة", "مشيرا"], ["إلى"]);
addParticiple(["مضيفاً", "مضيفة", "مضيفا"], []);
addParticiple(["موضحاً", "موضحة", "موضحا"], []);
addParticiple(["معتبراً", "معتبرة", "معتبرا"], []);
addParticiple(["لافتاً", "لافتة", "لافتا"], ["إلى"]);
addParticiple(["معبراً", "معبرة", "معبرا", "معرباً", "معربة", "معربا"], ["عن"]);
addParticiple(["محذراً", "محذرة", "محذرا"], ["من"]);
addParticiple(["مشدداً", "مشددة", "مشددا"], ["على"]);
addParticiple(["مطالباً", "مطالبة", "مطالبا"], ["ب"]);
addParticiple(["داعياً", "داعية", "داعيا"], ["إلى"]);
addParticiple(["قائلاً", "قائلة", "قائلا"], []);
addParticiple(["عاداً", "عادة", "عادا", "عاداً"], []);
addParticiple(["مبيناً", "مبينة", "مبينا"], []);
addParticiple(["منوهاً", "منوهة", "منوها"], ["إلى"]);
addParticiple(["واصفاً", "واصفة", "واصفا"], []);
addParticiple(["مشيداً", "مشيدة", "مشيدا"], ["ب"]);
addParticiple(["معلناً", "معلنة", "معلنا"], ["عن"]);
addParticiple(["مستنكراً", "مستنكرة", "مستنكرا"], []);
// Welcoming takes a noun, not a proposition: it stays part of the statement it follows unless a clause follows.
addParticiple(["مرحباً", "مرحبة", "مرحبا"], []);
addParticiple(["مناشداً", "مناشدة", "مناشدا"], []);
addParticiple(["واعداً", "واعدة", "واعدا"], ["ب"]);
/** Participles whose bare object is the content ("داعياً الجميع للحضور", "محذراً السكان من …"). */
export const OBJECT_PARTICIPLES = new Set(
  [
    ...["داعياً", "داعية", "داعيا", "محذراً", "محذرة", "محذرا", "مطالباً", "مطالبة", "مطالبا", "مناشداً", "مناشدا"],
    ...["مشيداً", "مشيدة", "مشيدا", "واعداً", "واعدة", "واعدا"],
    // A verbal noun as the object: "مؤكداً أهمية …", "مبيناً وصول الخطاب …".
    ...["مؤكداً", "مؤكدة", "مؤكدا", "مبيناً", "مبينة", "مبينا", "موضحاً", "موضحة", "موضحا", "مشدداً", "مشددا"],
  ].map(f),
);
/** Titles that always stand right before a personal name: "السفير على الصادق" is the name علي, not "on". */
export const NAME_TITLES = new Set(
  [
    "الدكتور",
    "الدكتورة",
    "د",
    "السفير",
    "الشيخ",
    "المهندس",
    "الأستاذ",
    "السيد",
    "السيدة",
    "اللواء",
    "العميد",
    "العقيد",
    "الأمير",
    "الأميرة",
  ].map(f),
);
/** "أما X فقد قال": X is the topic, the subject of the verbs that follow in its sentence. */
export const TOPIC_PARTICLES = new Set(["أما", "وأما"].map(f));

const FOLDED_COMPLEMENTIZERS = new Set(
  [
    ...["أن", "إن", "أنه", "أنها", "إنه", "إنها", "أنهم", "إنهم", "بأن", "بأنه", "بأنها", "وأن"],
    ...["أنهما", "إنهما", "أننا", "إننا", "أنني", "إنني", "بأنهم", "بأنهما", "بأننا"],
  ].map(f),
);
/** أن/إن and their forms; "بأن" only with its hamza, since folded it is the name "بان" (بان كي مون). */
export const COMPLEMENTIZERS = {
  has: (folded: string, raw?: string): boolean =>
    FOLDED_COMPLEMENTIZERS.has(folded) && !(folded === f("بأن") && raw !== undefined && !/[أإ]/u.test(raw)),
};
// Complementizers whose pronoun is part of the clause's subject in gold-style spans are still cut: "أنه وقعت" → "وقعت".
export const SOURCES = new Set(["بحسب", "حسب", "وفق", "وفقا", "طبقا", "نقلا"].map(f));
export const TRAILERS = new Set(["حسبما", "كما", "وفقما", "بحسبما"].map(f));
export const RELATIVES = new Set(
  ["الذي", "التي", "الذين", "اللذين", "اللتين", "ما", "مما", "عما", "لما", "فيما"].map(f),
);
export const AUX = new Set(
  [
    "كان",
    "كانت",
    "كانوا",
    "قد",
    "وقد",
    "لقد",
    "فقد",
    "كما",
    "من",
    "جهته",
    "جهتها",
    "جهتهم",
    "ناحيته",
    "ناحيتها",
    "بدوره",
    "بدورها",
    "بدورهم",
    "وكان",
    "وكانت",
    "حيث",
    "ثم",
  ].map(f),
);
// Days and adverbs of time and manner: they end a speaker phrase and are skipped as adverbs alike.
const TIME_AND_MANNER = [
  "أمس",
  "اليوم",
  "غدا",
  "البارحة",
  "الأحد",
  "الاثنين",
  "الإثنين",
  "الثلاثاء",
  "الأربعاء",
  "الخميس",
  "الجمعة",
  "السبت",
  "يوم",
  "الأسبوع",
  "الشهر",
  "بشدة",
  "بقوة",
  "أيضا",
  "أيضاً",
  "مجددا",
  "مجدداً",
  "كذلك",
];
export const SPEAKER_STOP = new Set(
  [
    ...TIME_AND_MANNER,
    "في",
    "خلال",
    "عبر",
    "أمام",
    "لوسائل",
    "للصحفيين",
    "لوكالة",
    "لصحيفة",
    "لقناة",
    "بدوره",
    "بدورها",
    "صباح",
    "مساء",
    "ظهر",
    "الماضي",
    "الماضية",
    "الأول",
    "ل",
    "لـ",
    "خلال",
    "إلى",
    "على",
    "عن",
    "أثناء",
    "عقب",
    "لدى",
    "بأشد",
    "العبارات",
    // "قال لي مسؤول …", "أكد لنا": the addressee, not the speaker.
    "لي",
    "لنا",
  ].map(f),
);
export const ADVERBS = new Set([...TIME_AND_MANNER, "صباح", "مساء"].map(f));
// "في بيان / في تصريح …" closes the speaker phrase; a plain "في <place>" may belong to it ("الدفاع المدني في حلب").
export const EVENT_NOUNS = new Set(
  [
    "بيان",
    "تصريح",
    "تصريحات",
    "مؤتمر",
    "حديث",
    "كلمة",
    "لقاء",
    "مقابلة",
    "تغريدة",
    "رسالة",
    "اتصال",
    "خطاب",
    "جلسة",
  ].map(f),
);
export const DEF_BACKREF = ORG_WORDS.ar;
export const REPORTED_FROM = new Set(sound("نقل").map(f));
export const OBJECT_FIRST = new Set(sound("وصف", "يصف", "تصف").map(f));
// Clause cues that also take a verbal noun as their object, and the verbal nouns that open such content.
export const NP_OBJECT_CUES = new Set(
  [
    ...sound("أكد", "يؤكد", "تؤكد"),
    ...sound("شدد"),
    ...sound("جدد"),
    ...sound("أبدى"),
    ...sound("بين"),
    ...sound("توقع", "يتوقع", "تتوقع"),
  ].map(f),
);
export const VERBAL_NOUNS = new Set(
  [
    "أهمية",
    "ضرورة",
    "استمرار",
    "حرص",
    "دعم",
    "التزام",
    "رفض",
    "تضامن",
    "وقوف",
    "تمسك",
    "عزم",
    "تصميم",
    "استعداد",
    "مواصلة",
    "عدم",
    "وجود",
    // Forecasts: "توقع الصندوق زيادة عدد السكان".
    "زيادة",
    "ارتفاع",
    "انخفاض",
    "تراجع",
    "نمو",
    "أن",
  ]
    .flatMap((w) => [w, "ال" + w])
    .map((w) => nameTokens(w)[0] ?? ""),
);

export const NEEDS_PREP = new Set(sound("عبر", "يعبر").map(f));
export const NEGATIONS = new Set(["لا", "ولا", "لم", "ولم", "لن", "ولن", "ليس"].map(f));
export const ISSUED = new Set(["صادر", "الصادر", "صادرة", "الصادرة"].map(f));
export const PERFECT_PARTICLES = new Set(["قد", "لقد", "وقد", "فقد"].map(f));
// Verbal nouns that open the content of a stance verb: "جددت الوزارة التأكيد على …", "أعرب عن قلقه".
export const CONTENT_NOUNS = new Set(
  [
    "التأكيد",
    "تأكيده",
    "تأكيدها",
    "دعوته",
    "دعوتها",
    "رفضه",
    "رفضها",
    "دعمه",
    "دعمها",
    "ترحيبه",
    "ترحيبها",
    "التزام",
    "التزامه",
    "التزامها",
  ].map(f),
);

/** Strips a leading و/ف from a token for lexicon look-up. */
export function bare(t: string): string {
  const x = f(t);
  if (x.length > 2 && (x.startsWith("و") || x.startsWith("ف"))) {
    const y = x.slice(1);
    if (CUES.has(y) || PARTICIPLES.has(y) || SOURCES.has(y) || TRAILERS.has(y)) return y;
  }
  return x;
}

export const NAME_LINKS = new Set(["بن", "بنت", "ابن", "آل", "أبو", "أبي", "أم", "عبد"].map(f));
export const isDefinite = (w: string): boolean => /^(?:و|ف)?(?:ال|لل)/u.test(f(w));
export const isNisba = (w: string): boolean => /^(?:ال)?\S{2,}(?:ي|ية|يه)$/u.test(f(w));
export const NAME_STOPS = new Set(["ما", "من", "الذي", "التي", "أن", "إن", "هذا", "هذه", "كل", "جميع"].map(f));
export const AUX_TITLE = new Set(["العام", "المتحدة", "الرسمي", "الإعلامي", "الأعلى"].map(f));

export const ROLE_ADJECTIVES = new Set(["العام", "الرسمي", "التنفيذي", "الاعلامي", "الإعلامي"].map(f));

/** States that speak as subjects of a cue ("أدانت البحرين التفجير"), folded as name tokens. */
export const COUNTRIES = new Set(
  [
    ...["السعودية", "المملكة", "البحرين", "الكويت", "الإمارات", "قطر", "عمان", "اليمن", "مصر", "الأردن", "العراق"],
    ...["سوريا", "سورية", "لبنان", "فلسطين", "ليبيا", "تونس", "الجزائر", "المغرب", "السودان", "موريتانيا", "إيران"],
    ...["تركيا", "إسرائيل", "روسيا", "الصين", "اليابان", "الهند", "باكستان", "أفغانستان", "فرنسا", "ألمانيا"],
    ...["بريطانيا", "إيطاليا", "إسبانيا", "واشنطن", "موسكو", "طهران", "أنقرة", "بكين", "باريس", "لندن", "برلين"],
  ].map((w) => nameTokens(w)[0] ?? ""),
);
/** Announcement verbs whose object may follow the subject after a comma: "أعلنت المديرية العامة …، أرقام الطلبة". */
export const ANNOUNCE = new Set([...sound("أعلن", "يعلن", "تعلن"), ...sound("كشف", "يكشف", "تكشف")].map(f));
