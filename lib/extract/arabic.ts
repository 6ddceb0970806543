// Arabic reporting constructions: VSO/SVO cue verbs with أن/إن complements, NP-object cues (أدان، دعا),
// ḥāl participles (مؤكداً أن، معبراً عن), trailing "، حسبما أكدت X" and sources (بحسب، وفقاً لـ، نقلاً عن).
import type { Candidate, KnownSpeaker, SpeakerRef } from "./types";
import { foldToken, nameTokens } from "./normalize";
import { GROUP_WORDS, ORG_WORDS, ROLE_WORDS, SpeakerIndex } from "./speakers";
import { quoteAt, trimSpan, type QuoteSpan, type Sentence, type Token } from "./text";
import { tokenize } from "./text";

type CueType = "clause" | "object" | "participle";

interface CueDef {
  type: CueType;
  /** Prepositions that introduce the content (folded), e.g. عن for أعلن عن. */
  preps: string[];
}

const f = (s: string): string => foldToken(s, false);
const sound = (past: string, ...present: string[]): string[] => [
  past,
  past + "ت",
  past + "وا",
  past + "ا",
  past + "تا",
  past + "ن",
  ...present,
];

const CUES = new Map<string, CueDef>();
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
addCue(sound("أفاد", "يفيد", "تفيد"), "clause");
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
// ḥāl participles continue the current speaker; only those with a content complement start a statement.
const PARTICIPLES = new Map<string, string[]>();
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

const FOLDED_COMPLEMENTIZERS = new Set(
  ["أن", "إن", "أنه", "أنها", "إنه", "إنها", "أنهم", "إنهم", "بأن", "بأنه", "بأنها", "وأن"].map(f),
);
/** أن/إن and their forms; "بأن" only with its hamza, since folded it is the name "بان" (بان كي مون). */
const COMPLEMENTIZERS = {
  has: (folded: string, raw?: string): boolean =>
    FOLDED_COMPLEMENTIZERS.has(folded) && !(folded === f("بأن") && raw !== undefined && !/[أإ]/u.test(raw)),
};
// Complementizers whose pronoun is part of the clause's subject in gold-style spans are still cut: "أنه وقعت" → "وقعت".
const SOURCES = new Set(["بحسب", "حسب", "وفق", "وفقا", "طبقا", "نقلا"].map(f));
const TRAILERS = new Set(["حسبما", "كما", "وفقما", "بحسبما"].map(f));
const RELATIVES = new Set(["الذي", "التي", "الذين", "اللذين", "اللتين", "ما", "مما", "عما", "لما", "فيما"].map(f));
const AUX = new Set(
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
const SPEAKER_STOP = new Set(
  [
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
    "بشدة",
    "بقوة",
    "أيضا",
    "أيضاً",
    "مجددا",
    "مجدداً",
    "كذلك",
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
  ].map(f),
);
const ADVERBS = new Set(
  [
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
    "بشدة",
    "بقوة",
    "أيضا",
    "أيضاً",
    "مجددا",
    "مجدداً",
    "كذلك",
    "صباح",
    "مساء",
  ].map(f),
);
// "في بيان / في تصريح …" closes the speaker phrase; a plain "في <place>" may belong to it ("الدفاع المدني في حلب").
const EVENT_NOUNS = new Set(
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
const DEF_BACKREF = ORG_WORDS.ar;
const REPORTED_FROM = new Set(sound("نقل").map(f));
const OBJECT_FIRST = new Set(sound("وصف", "يصف", "تصف").map(f));
// Clause cues that also take a verbal noun as their object, and the verbal nouns that open such content.
const NP_OBJECT_CUES = new Set(
  [...sound("أكد", "يؤكد", "تؤكد"), ...sound("شدد"), ...sound("جدد"), ...sound("أبدى"), ...sound("بين")].map(f),
);
const VERBAL_NOUNS = new Set(
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
    "أن",
  ]
    .flatMap((w) => [w, "ال" + w])
    .map((w) => nameTokens(w)[0] ?? ""),
);

/** Index of the first verbal noun in toks[from, to) that can open the content of "أكد …", or -1. */
function verbalNounObject(toks: Token[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const w = (toks[k] as Token).text;
    // "وأهمية" (and the importance) continues a list; "وقوف" is itself the noun.
    const conjoined = /^[وف]/u.test(f(w)) && f(w) !== f("وقوف");
    if (VERBAL_NOUNS.has(nameTokens(w)[0] ?? "") && !conjoined) return k;
  }
  return -1;
}
const NEEDS_PREP = new Set(sound("عبر", "يعبر").map(f));

/** Whether "عن" comes in toks[from, to) before a complementizer. */
function aboutBeforeClause(toks: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = toks[k] as Token;
    if (f(t.text) === f("عن")) return true;
    if (COMPLEMENTIZERS.has(f(t.text), t.text)) return false;
  }
  return false;
}
const NEGATIONS = new Set(["لا", "ولا", "لم", "ولم", "لن", "ولن", "ليس"].map(f));
const ISSUED = new Set(["صادر", "الصادر", "صادرة", "الصادرة"].map(f));
const PERFECT_PARTICLES = new Set(["قد", "لقد", "وقد", "فقد"].map(f));
// Verbal nouns that open the content of a stance verb: "جددت الوزارة التأكيد على …", "أعرب عن قلقه".
const CONTENT_NOUNS = new Set(
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
// Speaker phrases are read in a bounded window after their cue, so the work per cue is constant and
// extraction stays linear however long a sentence is (no real speaker phrase runs to 24 words).
const SPEAKER_WINDOW = 24;
/** How far after a clause cue its complementizer may stand (the speaker phrase between them is bounded). */
const CLAUSE_WINDOW = 30;

/** Whether a word opens another reporting clause (a cue, a ḥāl participle or a source), which ends a speaker phrase. */
function startsClause(word: string): boolean {
  const b = bare(word);
  // "عبر" is as often "via" as "expressed": it does not end a speaker phrase.
  return (CUES.has(b) && !NEEDS_PREP.has(b)) || PARTICIPLES.has(b) || SOURCES.has(b);
}

interface ArCtx {
  text: string;
  quotes: QuoteSpan[];
  known: SpeakerIndex;
  /** Folded tokens of earlier speaker mentions, to recognise a bare surname later ("العبدالله"). */
  seenNameTokens: Set<string>;
}

interface CueHit {
  tok: number;
  def: CueDef | null;
  participlePreps: string[] | null;
  source: boolean;
  trailing: boolean;
}

/** Strips a leading و/ف from a token for lexicon look-up. */
function bare(t: string): string {
  const x = f(t);
  if (x.length > 2 && (x.startsWith("و") || x.startsWith("ف"))) {
    const y = x.slice(1);
    if (CUES.has(y) || PARTICIPLES.has(y) || SOURCES.has(y) || TRAILERS.has(y)) return y;
  }
  return x;
}

export function extractArabicSentence(ctx: ArCtx, sent: Sentence): Candidate[] {
  const { text, quotes } = ctx;
  const toks = tokenize(text, sent.start, sent.end).filter((t) => quoteAt(quotes, t.start) < 0);
  const hits: CueHit[] = [];
  for (let i = 0; i < toks.length; i++) {
    const b = bare((toks[i] as Token).text);
    const prev = i > 0 ? f((toks[i - 1] as Token).text) : "";
    const def = CUES.get(b) ?? null;
    const part = PARTICIPLES.get(b) ?? null;
    const source = SOURCES.has(b);
    if (!def && !part && !source) continue;
    // "عبّر" reports only with its "عن" ("عبّر الوزير عن قلقه"), before any أنّ; "عبر الفيديو … إن" is "via".
    if (def && NEEDS_PREP.has(b) && !aboutBeforeClause(toks, i + 1, Math.min(toks.length, i + 1 + CLAUSE_WINDOW)))
      continue;
    // "…، حسبما أكدت X" / "…، بحسب ما أفادت X": the cue trails its content.
    const viaMa = prev === f("ما") && i > 1 && SOURCES.has(bare((toks[i - 2] as Token).text));
    const trailing =
      !!def &&
      ((TRAILERS.has(bare(prev)) && commaBefore(text, (toks[i - 1] as Token).start, sent.start)) ||
        (viaMa && commaBefore(text, (toks[i - 2] as Token).start, sent.start)));
    // Cues in relative clauses ("والذي عبّر عنه", "ما سماه") describe, they do not report; negated ones ("لا يدعو") neither.
    if (def && !trailing && (RELATIVES.has(prev.replace(/^و/u, "")) || NEGATIONS.has(prev))) continue;
    hits.push({ tok: i, def, participlePreps: part, source, trailing });
  }
  const out: Candidate[] = [];
  type Pending = { cand: Candidate; hit: number };
  const pend: Pending[] = [];
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h] as CueHit;
    const c = analyse(ctx, sent, toks, hit);
    if (c) pend.push({ cand: c, hit: h });
  }
  // Each statement ends where the clause of the next statement begins.
  for (let k = 0; k < pend.length; k++) {
    const cur = pend[k] as Pending;
    const next = pend[k + 1];
    if (next && next.cand.start > cur.cand.start) {
      const boundary = clauseStart(ctx, sent, toks, hits[next.hit] as CueHit, next.cand);
      if (boundary > cur.cand.start && boundary < cur.cand.end) cur.cand.end = boundary;
    }
    const [s, e] = trimSpan(text, cur.cand.start, cur.cand.end);
    if (e - s < 3) continue;
    cur.cand.start = s;
    cur.cand.end = e;
    out.push(cur.cand);
  }
  return out;
}

/** Offset of the last of `chars` in text[floor, pos), or -1. */
function lastOfWithin(text: string, chars: string, pos: number, floor: number): number {
  for (let j = pos - 1; j >= floor; j--) if (chars.includes(text[j] as string)) return j;
  return -1;
}

/** Whether text[from, to) holds nothing but spaces and at most a lone "و" (the cue opens its sentence). */
function onlyConjunctionBefore(text: string, from: number, to: number): boolean {
  let j = from;
  while (j < to && /\s/u.test(text[j] as string)) j++;
  if (j < to && text[j] === "و") j++;
  while (j < to && /\s/u.test(text[j] as string)) j++;
  return j >= to;
}

function commaBefore(text: string, pos: number, floor: number): boolean {
  for (let j = pos - 1; j >= floor; j--) {
    const c = text[j] as string;
    if (c === "،" || c === ",") return true;
    if (!/\s/u.test(c)) return false;
  }
  return false;
}

/** Start of the clause holding a later cue: the comma before it, or the cue/speaker itself. */
function clauseStart(ctx: ArCtx, sent: Sentence, toks: Token[], hit: CueHit, cand: Candidate): number {
  const cue = toks[hit.tok] as Token;
  let from = cue.start;
  if (cand.speaker.type !== "none" && "start" in cand.speaker && cand.speaker.start < from) from = cand.speaker.start;
  // Walk back over auxiliaries ("وكانت", "من جهته", "حيث", "كما") to the previous comma.
  let j = hit.tok - 1;
  while (j >= 0) {
    const t = toks[j] as Token;
    if (t.end > from) {
      j--;
      continue;
    }
    const between = ctx.text.slice(t.end, from);
    if (/[،,:;؛]/u.test(between)) break;
    if (AUX.has(bare(t.text)) || AUX.has(f(t.text)) || TRAILERS.has(bare(t.text))) {
      from = t.start;
      j--;
      continue;
    }
    break;
  }
  for (let p = from - 1; p >= sent.start; p--) {
    const c = ctx.text[p] as string;
    if (c === "،" || c === "," || c === "؛" || c === ";") return p;
    if (!/\s/u.test(c)) break;
  }
  return from;
}

function isSpeakerish(ctx: ArCtx, toks: Token[], i: number, limit: number): number {
  // Returns the length (in tokens) of a speaker phrase starting at i, or 0.
  const folded = toks.slice(i, Math.min(limit, i + SPEAKER_WINDOW)).map((t) => nameTokens(t.text)[0] ?? "");
  const k = ctx.known.matchAt(folded, 0);
  if (k) return k.len;
  const first = folded[0] ?? "";
  if (!first || SPEAKER_STOP.has(f((toks[i] as Token).text))) return 0;
  let len = 0;
  while (i + len < limit && len < 8 && !SPEAKER_STOP.has(f((toks[i + len] as Token).text))) len++;
  if (
    ORG_WORDS.ar.has(first) ||
    GROUP_WORDS.ar.has(first) ||
    ROLE_WORDS.ar.has(first) ||
    ctx.seenNameTokens.has(first) ||
    f((toks[i] as Token).text) === f("آل")
  ) {
    // A definite bare noun ("المنظمة") is the whole subject; a following definite noun is the object.
    if (/^(?:و|ف)?ال/u.test((toks[i] as Token).text) && ORG_WORDS.ar.has(first)) return 1;
    return Math.min(len, subjectLength(ctx, toks, i, i + len));
  }
  // VSO with an adverb/date right after a short subject: "أدان شتاينماير بشدة".
  const delim = toks[i + len];
  if (len >= 1 && len <= 3 && delim && ADVERBS.has(f(delim.text))) return len;
  return 0;
}

const NAME_LINKS = new Set(["بن", "بنت", "ابن", "آل", "أبو", "أبي", "أم", "عبد"].map(f));
const isDefinite = (w: string): boolean => /^(?:و|ف)?(?:ال|لل)/u.test(f(w));
const isNisba = (w: string): boolean => /^(?:ال)?\S{2,}(?:ي|ية|يه)$/u.test(f(w));

/**
 * Where the subject of a verb whose object follows ends ("طالب مصطفى | المجتمع الدولي بـ…",
 * "دعا الأمين العام للأمم المتحدة بان كي مون | أطراف النزاع"): a title with its genitives and
 * adjectives, then at most one name. Bounded by `limit`.
 */
function subjectLength(ctx: ArCtx, toks: Token[], i: number, limit: number): number {
  const word = (k: number): string => (toks[k] as Token).text;
  const folded = (k: number): string => nameTokens(word(k))[0] ?? "";
  let k = i;
  // A name already seen, with its links: "آل الشيخ", "عبدالله بن زايد".
  const nameRun = (from: number): number => {
    let e = from;
    let bare = 0;
    while (e < limit) {
      const w = word(e);
      if (SPEAKER_STOP.has(f(w)) || NAME_STOPS.has(f(w))) break;
      if (NAME_LINKS.has(f(w))) {
        e += 2;
        continue;
      }
      if (ctx.seenNameTokens.has(folded(e))) {
        e++;
        continue;
      }
      // An unseen name: bare words, or one family name with the article right after the first name.
      if (!isDefinite(w) && bare < 3 && !ROLE_WORDS.ar.has(folded(e)) && !ORG_WORDS.ar.has(folded(e))) {
        bare++;
        e++;
        continue;
      }
      if (isDefinite(w) && e === from + 1 && bare === 1 && isNisba(w)) {
        e++;
        continue;
      }
      break;
    }
    return Math.min(e, limit);
  };
  if (ctx.seenNameTokens.has(folded(k)) || f(word(k)) === f("آل")) return Math.max(1, nameRun(k) - i);
  const head = word(k);
  const headDefinite = isDefinite(head);
  k++;
  // The title's genitive (after an indefinite head) and its adjectives: "وزير الخارجية الأردني", "الأمين العام للأمم المتحدة".
  let genitiveTaken = headDefinite;
  while (k < limit) {
    const w = word(k);
    if (!genitiveTaken && isDefinite(w)) {
      genitiveTaken = true;
      k++;
      continue;
    }
    if (isDefinite(w) && (isNisba(w) || /^لل/u.test(f(w)) || AUX_TITLE.has(f(w)))) {
      k++;
      continue;
    }
    if (/^لل/u.test(f(w)) || f(w) === f("باسم")) {
      k++;
      if (f(w) === f("باسم")) genitiveTaken = false;
      continue;
    }
    if (ORG_WORDS.ar.has(folded(k)) && !isDefinite(w)) {
      k++;
      genitiveTaken = false;
      continue;
    }
    if (ROLE_WORDS.ar.has(folded(k))) {
      k++;
      genitiveTaken = isDefinite(w);
      continue;
    }
    break;
  }
  if (k < limit && !isDefinite(word(k))) k = nameRun(k);
  return Math.max(1, k - i);
}
const NAME_STOPS = new Set(["ما", "من", "الذي", "التي", "أن", "إن", "هذا", "هذه", "كل", "جميع"].map(f));
const AUX_TITLE = new Set(["العام", "المتحدة", "الرسمي", "الإعلامي", "الأعلى"].map(f));

function analyse(ctx: ArCtx, sent: Sentence, toks: Token[], hit: CueHit): Candidate | null {
  const { text } = ctx;
  const cue = toks[hit.tok] as Token;
  const base = { sentenceStart: sent.start, sentenceEnd: sent.end, cueStart: cue.start, cueEnd: cue.end };
  // Trailing cue: "<content>، حسبما أكدت X."
  if (hit.trailing) {
    const trailer = toks[hit.tok - 1] as Token;
    // commaBefore found the comma right before the trailer, so this look-back is short.
    const commaAt = lastOfWithin(text, "،,", trailer.start, sent.start);
    const spk = speakerPhrase(ctx, toks, hit.tok + 1, toks.length, sent.end);
    if (!spk) return null;
    return {
      ...base,
      kind: "indirect",
      start: sent.start,
      end: commaAt,
      speaker: spk,
      dateRegions: [[cue.start, sent.end]],
      confidence: 0.75,
    };
  }
  if (hit.source) {
    // "بحسب X" / "وفقاً لـX" / "نقلاً عن X": needs a speaker-like phrase, content is the rest of the sentence.
    const spkLen = isSpeakerish(ctx, toks, hit.tok + 1, toks.length);
    const next = toks[hit.tok + 1];
    if (!next || spkLen === 0) return null;
    const firstFold = nameTokens(next.text)[0] ?? "";
    const window = Math.min(toks.length, hit.tok + 1 + SPEAKER_WINDOW);
    if (!(
      ORG_WORDS.ar.has(firstFold) ||
      GROUP_WORDS.ar.has(firstFold) ||
      ROLE_WORDS.ar.has(firstFold) ||
      ctx.known.matchAt(
        toks.slice(hit.tok + 1, window).map((t) => nameTokens(t.text)[0] ?? ""),
        0,
      )
    ))
      return null;
    let spkEnd = hit.tok + 1;
    while (spkEnd < window && !/[،,]/u.test(text.slice((toks[spkEnd - 1] as Token).end, (toks[spkEnd] as Token).start)))
      spkEnd++;
    const spStart = next.start;
    const spEnd = (toks[spkEnd - 1] as Token).end;
    const atStart = onlyConjunctionBefore(text, sent.start, cue.start);
    if (atStart) {
      let cs = spkEnd < toks.length ? (toks[spkEnd] as Token).start : sent.end;
      const ft = toks[spkEnd];
      if (ft && (f(ft.text) === f("فإن") || COMPLEMENTIZERS.has(f(ft.text), ft.text))) cs = ft.end;
      return {
        ...base,
        kind: "indirect",
        start: cs,
        end: sent.end,
        speaker: mention(ctx, spStart, spEnd),
        dateRegions: [],
        confidence: 0.65,
      };
    }
    if (!commaBefore(text, cue.start, sent.start)) return null;
    const end = lastOfWithin(text, "،,", cue.start, sent.start); // the comma commaBefore found: a short look-back
    return {
      ...base,
      kind: "indirect",
      start: sent.start,
      end: Math.max(end, sent.start),
      speaker: mention(ctx, spStart, spEnd),
      dateRegions: [],
      confidence: 0.65,
    };
  }
  if (hit.participlePreps) {
    return participle(ctx, sent, toks, hit, base);
  }
  const def = hit.def as CueDef;
  // Find the complementizer (أن/إن/quote/colon/preposition) within a bounded window. A clause cue's
  // speaker phrase may hold commas, a date and an addressee: "قال وزير … فلان، اليوم (الخميس)، إنّ".
  const limit = Math.min(toks.length, hit.tok + (def.type === "clause" ? CLAUSE_WINDOW : 14));
  let comp = -1;
  let contentStart = -1;
  for (let j = hit.tok + 1; j <= limit; j++) {
    // j === toks.length checks the gap after the last word (a closing quote there).
    const t: Token = toks[j] ?? { text: "", start: sent.end, end: sent.end };
    const gap = text.slice((toks[j - 1] as Token).end, t.start);
    // Object cues take a noun phrase that may itself contain a quote ("ما سماه «…»"); only clause cues open on a quote.
    const q = def.type === "clause" ? firstQuoteIn(ctx, (toks[j - 1] as Token).end, t.start) : -1;
    // A quoted name on the way («عكاظ», an addressee) is no content; a quotation after a colon always is.
    if (q >= 0 && (quoteWords(ctx, q) >= 3 || /:/u.test(gap))) {
      comp = j;
      contentStart = q;
      break;
    }
    if (/:/u.test(gap)) {
      comp = j;
      contentStart = t.start;
      break;
    }
    if (j >= toks.length) break;
    if (j > hit.tok + 1 && (def.type === "clause" ? /[.]/u.test(gap) || startsClause(t.text) : /[،,.]/u.test(gap)))
      break;
    const ft = f(t.text);
    if (COMPLEMENTIZERS.has(ft, t.text)) {
      comp = j;
      contentStart = t.end;
      // "إن «…»" : the quote is the content.
      break;
    }
    if (def.preps.length > 0) {
      // A one-letter preposition is read only before the article ("بالقرارات"), not inside a name ("بندر").
      const p = def.preps.find((pr) => ft === pr || (pr.length === 1 && ft.startsWith(pr + "ال") && ft.length > 4));
      if (p !== undefined) {
        const nxt = toks[j + 1];
        // "نقلت صحيفة X عن مصدر مطلع أن …": the source after عن is the speaker, the content follows أن.
        if (REPORTED_FROM.has(bare(cue.text))) {
          const until = Math.min(toks.length, j + 1 + SPEAKER_WINDOW);
          for (let k = j + 2; k < until; k++) {
            const tk = toks[k] as Token;
            if (!COMPLEMENTIZERS.has(f(tk.text), tk.text)) continue;
            const sp = speakerPhrase(ctx, toks, j + 1, k, tk.start);
            if (!sp) break;
            return {
              ...base,
              kind: "indirect",
              start: tk.end,
              end: sent.end,
              speaker: sp,
              dateRegions: [[cue.start, tk.start]],
              confidence: 0.8,
            };
          }
        }
        // "أشار إلى أن" → content after أن; "أعلن عن توقف" → content after عن.
        if (nxt && COMPLEMENTIZERS.has(f(nxt.text), nxt.text)) {
          comp = j + 1;
          contentStart = nxt.end;
        } else {
          comp = j;
          contentStart = p.length === 1 && ft !== p ? t.start + 1 : t.end;
        }
        break;
      }
    }
  }
  if (comp < 0 && def.type === "clause") {
    // Direct quote straight after the cue: "وقال «…»".
    const q = firstQuoteIn(ctx, cue.end, Math.min(sent.end, cue.end + 3));
    if (q < 0) {
      // "وأكد المكرمي استمرار الجولات …": a verbal noun as the object is the content.
      const m = NP_OBJECT_CUES.has(bare(cue.text))
        ? verbalNounObject(toks, hit.tok + 1, Math.min(toks.length, hit.tok + 8))
        : -1;
      if (m < 0) return null;
      const subject = m > hit.tok + 1 ? speakerPhrase(ctx, toks, hit.tok + 1, m, (toks[m] as Token).start) : null;
      const before = subject ? null : subjectBefore(ctx, sent, toks, hit.tok);
      return {
        ...base,
        kind: "indirect",
        start: (toks[m] as Token).start,
        end: sent.end,
        speaker: subject ?? before ?? { type: "continuation" },
        dateRegions: [[cue.start, (toks[m] as Token).start]],
        confidence: subject ? 0.7 : 0.55,
      };
    }
    comp = hit.tok + 1;
    contentStart = q;
  }
  let speaker: SpeakerRef;
  let confidence: number;
  let dateRegion: [number, number];
  const before = subjectBefore(ctx, sent, toks, hit.tok);
  if (comp >= 0) {
    const compTok = toks[comp] as Token | undefined;
    const regionEnd = compTok ? Math.min(compTok.start, contentStart) : contentStart;
    // "ووصفت الهجوم بأنه …": what stands between is the object unless it reads as a speaker.
    const objectBetween = OBJECT_FIRST.has(bare(cue.text)) && isSpeakerish(ctx, toks, hit.tok + 1, comp) === 0;
    const sp = objectBetween ? null : speakerPhrase(ctx, toks, hit.tok + 1, comp, regionEnd);
    speaker = sp ?? before ?? { type: "continuation" };
    dateRegion = [
      before && before.type !== "continuation" && "start" in before ? before.start : cue.start,
      contentStart,
    ];
    confidence = sp ? 0.85 : before ? 0.75 : 0.6;
  } else {
    // NP-object cue: "أدان X أمس الجرائم…" or continuation "ودعت نظام الأسد إلى…".
    const spLen = before ? 0 : isSpeakerish(ctx, toks, hit.tok + 1, toks.length);
    if (spLen > 0) {
      speaker = mention(ctx, (toks[hit.tok + 1] as Token).start, (toks[hit.tok + spLen] as Token).end);
      let j = hit.tok + spLen + 1;
      const skipLimit = Math.min(toks.length, j + SPEAKER_WINDOW);
      while (j < skipLimit && SPEAKER_STOP.has(f((toks[j] as Token).text)) && f((toks[j] as Token).text) !== f("في"))
        j++;
      const t = toks[j];
      if (!t) return null;
      contentStart = t.start;
      confidence = 0.75;
    } else {
      speaker = before ?? { type: "continuation" };
      const t = toks[hit.tok + 1];
      if (!t) return null;
      contentStart = t.start;
      confidence = before ? 0.7 : 0.55;
    }
    dateRegion = [before && "start" in before ? before.start : cue.start, contentStart];
  }
  return {
    ...base,
    kind: "indirect",
    start: contentStart,
    end: sent.end,
    speaker,
    dateRegions: [dateRegion],
    confidence,
  };
}

function participle(
  ctx: ArCtx,
  sent: Sentence,
  toks: Token[],
  hit: CueHit,
  base: Pick<Candidate, "sentenceStart" | "sentenceEnd" | "cueStart" | "cueEnd">,
): Candidate | null {
  const preps = hit.participlePreps ?? [];
  const cue = toks[hit.tok] as Token;
  // Only after a comma: the participle qualifies the main clause's subject.
  if (!commaBefore(ctx.text, cue.start, sent.start)) return null;
  for (let j = hit.tok + 1; j < Math.min(toks.length, hit.tok + 6); j++) {
    const t = toks[j] as Token;
    const ft = f(t.text);
    const q = firstQuoteIn(ctx, (toks[j - 1] as Token).end, t.start);
    if (q >= 0)
      return {
        ...base,
        kind: "indirect",
        start: q,
        end: sent.end,
        speaker: { type: "continuation" },
        dateRegions: [],
        confidence: 0.6,
      };
    if (COMPLEMENTIZERS.has(ft, t.text)) {
      return {
        ...base,
        kind: "indirect",
        start: t.end,
        end: sent.end,
        speaker: { type: "continuation" },
        dateRegions: [],
        confidence: 0.6,
      };
    }
    if (j === hit.tok + 1 && preps.some((p) => ft === p)) {
      // "معبراً عن أمله في أن …": the content is the prepositional object.
      const nxt = toks[j + 1];
      if (!nxt) return null;
      if (COMPLEMENTIZERS.has(f(nxt.text), nxt.text))
        return {
          ...base,
          kind: "indirect",
          start: nxt.end,
          end: sent.end,
          speaker: { type: "continuation" },
          dateRegions: [],
          confidence: 0.6,
        };
      return {
        ...base,
        kind: "indirect",
        start: nxt.start,
        end: sent.end,
        speaker: { type: "continuation" },
        dateRegions: [],
        confidence: 0.55,
      };
    }
  }
  return null;
}

/** SVO subject before the cue within its clause: "وكانت المنظمة دعت". */
function subjectBefore(ctx: ArCtx, sent: Sentence, toks: Token[], cueTok: number): SpeakerRef | null {
  let j = cueTok - 1;
  // "وكان المركز … قد حذّر": the particle stands between the subject and its verb.
  if (j >= 0 && PERFECT_PARTICLES.has(f((toks[j] as Token).text))) j--;
  const parts: Token[] = [];
  while (j >= 0 && parts.length < 6) {
    const t = toks[j] as Token;
    const next = toks[j + 1] as Token;
    if (/[،,:;؛.]/u.test(ctx.text.slice(t.end, next.start))) break;
    if (AUX.has(f(t.text)) || AUX.has(bare(t.text))) break;
    parts.unshift(t);
    j--;
  }
  if (parts.length === 0) return null;
  const first = parts[0] as Token;
  const folded = parts.map((t) => nameTokens(t.text)[0] ?? "");
  const head = folded[0] ?? "";
  const known = ctx.known.matchAt(folded, 0);
  if (
    known ||
    ORG_WORDS.ar.has(head) ||
    GROUP_WORDS.ar.has(head) ||
    ROLE_WORDS.ar.has(head) ||
    ctx.seenNameTokens.has(head)
  ) {
    return mention(ctx, first.start, (parts[parts.length - 1] as Token).end);
  }
  return null;
}

/** Speaker phrase in toks[from,to): drops dates, adverbs and "في بيان" tails; splits off a trailing "وناشطون". */
function speakerPhrase(ctx: ArCtx, toks: Token[], from: number, until: number, hardEnd: number): SpeakerRef | null {
  const to = Math.min(until, from + SPEAKER_WINDOW);
  let s = from;
  while (s < to && (AUX.has(f((toks[s] as Token).text)) || SPEAKER_STOP.has(f((toks[s] as Token).text)))) s++;
  // After an addressee "لـ”عين اليوم”" comes the speaker's title: skip the outlet's words up to it.
  if (s > from && /^لـ?$/u.test(f((toks[s - 1] as Token).text))) {
    let k = s;
    while (
      k < to &&
      k < s + 4 &&
      !ROLE_WORDS.ar.has(nameTokens((toks[k] as Token).text)[0] ?? "") &&
      !ORG_WORDS.ar.has(nameTokens((toks[k] as Token).text)[0] ?? "")
    )
      k++;
    if (k < to && k < s + 4) s = k;
  }
  // "في تصريح صحفي", "خلال مؤتمر": the occasion, not a speaker.
  if (s < to && EVENT_NOUNS.has(nameTokens((toks[s] as Token).text)[0] ?? "")) return null;
  // "تقرير صادر عن مؤسسة النقد": the issuer speaks.
  for (let k = s; k + 1 < to && k < s + 4; k++) {
    if (ISSUED.has(f((toks[k] as Token).text)) && f((toks[k + 1] as Token).text) === f("عن")) {
      s = k + 2;
      break;
    }
  }
  let e = s;
  while (e < to && (toks[e] as Token).end <= hardEnd) {
    const ft = f((toks[e] as Token).text);
    if ((SPEAKER_STOP.has(ft) || CONTENT_NOUNS.has(ft)) && ft !== f("في")) break;
    if (ft === f("في") && EVENT_NOUNS.has(nameTokens((toks[e + 1] as Token | undefined)?.text ?? "")[0] ?? "")) break;
    if (ft === f("في") && e + 1 < to && EVENT_NOUNS.has(f((toks[e + 1] as Token).text))) break;
    // A comma ends the phrase, unless a second title follows it: "مدير إدارة المجالس، رئيس اللجنة … المهندس فلان".
    // Nor after a bare role, when the name follows as an apposition: "الأمين العام ، بان كي مون ،".
    if (
      e > s &&
      /[،,]/u.test(ctx.text.slice((toks[e - 1] as Token).end, (toks[e] as Token).start)) &&
      !ROLE_WORDS.ar.has(nameTokens((toks[e] as Token).text)[0] ?? "") &&
      !bareRoleBefore(toks, s, e, ft)
    )
      break;
    // A coordinated group/known speaker starts a second entity: keep the first.
    if (e > s && ft.startsWith("و")) {
      const rest = nameTokens((toks[e] as Token).text.slice(1))[0] ?? "";
      if (GROUP_WORDS.ar.has(rest)) break;
    }
    e++;
  }
  if (e <= s) return null;
  return mention(ctx, (toks[s] as Token).start, (toks[e - 1] as Token).end);
}

const ROLE_ADJECTIVES = new Set(["العام", "الرسمي", "التنفيذي", "الاعلامي", "الإعلامي"].map(f));

/** Whether toks[s,e) is a role alone ("الأمين العام", "المتحدث الرسمي") and the word after the comma (folded ft) may start a name. */
function bareRoleBefore(toks: Token[], s: number, e: number, ft: string): boolean {
  if (e - s > 2 || !ROLE_WORDS.ar.has(nameTokens((toks[s] as Token).text)[0] ?? "")) return false;
  for (let k = s + 1; k < e; k++) if (!ROLE_ADJECTIVES.has(f((toks[k] as Token).text))) return false;
  return (
    !SPEAKER_STOP.has(ft) &&
    !CONTENT_NOUNS.has(ft) &&
    !AUX.has(ft) &&
    !/^(?:ال|لل|في|من|عن|على|إلى|الى|خلال|اليوم|أمس|امس|وهو|وهي|وهم|الذي|التي)/u.test(ft)
  );
}

function mention(ctx: ArCtx, start: number, end: number): SpeakerRef {
  const surface = ctx.text.slice(start, end);
  const toks = nameTokens(surface);
  for (const t of toks) if (t.length > 2 && !ROLE_WORDS.ar.has(t) && !ORG_WORDS.ar.has(t)) ctx.seenNameTokens.add(t);
  const head = toks[0] ?? "";
  // A lone definite organisation noun ("المنظمة") points back to the last organisation named.
  if (toks.length === 1 && /^(?:و|ف)?ال/u.test(surface) && DEF_BACKREF.has(head))
    return { type: "backref", start, end, head };
  return { type: "mention", start, end };
}

function quoteWords(ctx: ArCtx, start: number): number {
  const q = ctx.quotes[quoteAt(ctx.quotes, start)];
  return q ? tokenize(ctx.text, q.start, Math.min(q.end, q.start + 200)).length : 0;
}

function firstQuoteIn(ctx: ArCtx, from: number, to: number): number {
  for (let p = from; p <= to && p < ctx.text.length; p++) {
    const qi = quoteAt(ctx.quotes, p);
    if (qi >= 0) return (ctx.quotes[qi] as QuoteSpan).start;
  }
  return -1;
}

export function makeArabicContext(text: string, quotes: QuoteSpan[], known: KnownSpeaker[]): ArCtx {
  return { text, quotes, known: new SpeakerIndex(known), seenNameTokens: new Set() };
}
