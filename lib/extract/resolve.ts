// Speaker resolution, shared by the three languages (issue 16). Each language module says where a
// statement's speaker is written (a mention, a pronoun, a back-reference, or nothing: a continuation);
// this step decides who that is:
// - a mention is cleaned of function words and split into its title/role and its name ("وزير الخارجية
//   الأردني" | "أيمن الصفدي", "Transportation Secretary" | "Mark Hollis"); the name is what is kept;
// - a known speaker is linked only when the mention is about them (their name heads the mention, after
//   titles), never because their name merely occurs inside it ("the spokesman of X");
// - pronouns and descriptors ("er", "she", "the minister", "المسؤول", "الوزارة") go to the nearest
//   compatible entity already named; an unnamed descriptor takes the name the text gives next
//   ("قال مسؤول … وقال المسؤول، وهو … خالد العتيبي");
// - continuations inherit the previous statement's speaker;
// - a function word, a preposition or an ordinal is never a speaker.
// Work per statement is bounded: mentions are a few words and the entity search looks at the last
// RECENT_ENTITIES entities only.
import type { KnownSpeaker, Lang, SpeakerKind, SpeakerRef } from "./types";
import { nameTokens } from "./normalize";
import { GROUP_WORDS, ORG_WORDS, ROLE_WORDS, SpeakerIndex, guessKind, knownKind } from "./speakers";
import { tokenize, type Token } from "./text";

export interface Entity {
  name: string;
  kind: SpeakerKind;
  known: boolean;
  /** Whether `name` is a proper name (not a bare descriptor such as "the minister"). */
  named: boolean;
  /** Folded tokens of the name and its aliases. */
  tokens: string[];
  /** Folded titles, roles and descriptor heads seen with this entity ("وزير", "minister", "spokesman"). */
  heads: Set<string>;
  mentions: Set<string>;
}

export interface ResolvedSpeaker {
  entity: Entity;
  start: number;
  end: number;
}

const words = (s: string): Set<string> =>
  new Set(
    s
      .split(/\s+/u)
      .filter(Boolean)
      .flatMap((w) => nameTokens(w)),
  );

/** Words that are never a speaker on their own (prepositions, ordinals, date and function words). */
const FUNCTION_WORDS: Record<Lang, Set<string>> = {
  ar: words(
    "إلى الى على عن في من مع أن إن أنه إنه بأن لأن كما قد لقد ثم حيث الذي التي الذين ما هذا هذه ذلك تلك هو هي هم الأول الأولى الثاني الثانية الثالث الأخير أمس اليوم غدا أيضا كذلك يوم صباح مساء خلال بعد قبل عند لدى حول ضد بين بشأن جهته جهتها ناحيته بدوره بدورها",
  ),
  de: words(
    "es man das dies dieses was wer wie so dass der die den dem des ein eine sich auch noch nur dann dort hier am im an auf aus bei mit nach von vor zu zum zur",
  ),
  en: words(
    "it this that these those there which who what when while then also the a an of to in on at for by with from as and but or",
  ),
};

/** Titles that stand right before a name ("الدكتور عبدالرحمن", "Dr. Maria"). */
const AR_HONORIFICS = words(
  "الدكتور د الدكتورة اللواء العميد العقيد المقدم الرائد الفريق الشيخ الشيخة الأمير الأميرة المهندس المهندسة السيد السيدة الأستاذ الأستاذة المستشار القاضي الملك الحاج سمو معالي سعادة فخامة سماحة السفير",
);
/** Words of a title phrase that are neither a name nor an organisation ("عام", "باسم", "الرسمي"). */
const AR_TITLE_FILLERS = words(
  "عام العام باسم الرسمي رسمي الإعلامي إعلامي الأعلى الأول صاحب السمو الملكي الناطق المتحدث الخبير خبير الأمين الأمين_العام نائب مساعد وكيل الوكيل رئيسة الرئيسة المديرة المدير منطقة محافظة مدينة لشؤون شؤون التنفيذي الأسبق السابق الحالي المكلف",
);
/** Indefinite descriptor heads: the words after them are adjectives, not a name ("مسؤول حكومي رفيع"). */
const AR_DESCRIPTOR_HEADS = words(
  "مسؤول مسؤولة مصدر مصادر دبلوماسي خبير شاهد شهود ناشط ناشطون ناشطين مراقب مراقبون متحدث",
);
const AR_NAME_LINKS = new Set(["آل", "ال", "بن", "ابن", "بنت", "أبو", "ابو", "أبي", "عبد"]);
const AR_PLACE_PREPOSITIONS = words("في من لدى إلى ب");
/** Days and months are capitalised but never a name. */
const CALENDAR_WORDS = words(
  "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Sonnabend Januar Februar März Juni Juli Oktober Dezember",
);
const LATIN_PARTICLES = new Set([
  "de",
  "von",
  "van",
  "der",
  "den",
  "al",
  "el",
  "bin",
  "ibn",
  "la",
  "le",
  "du",
  "da",
  "di",
  "zu",
  "ter",
  "ten",
]);
const LATIN_DETERMINERS = words("the a an der die das des dem den ein eine einer eines");
const PERSON_PRONOUNS: Record<Lang, Set<string>> = {
  ar: words("سموه سموها معاليه سعادته فخامته سماحته"),
  de: words("er"),
  en: words("he she him her"),
};
const ANY_PRONOUNS: Record<Lang, Set<string>> = { ar: new Set(), de: words("sie"), en: new Set() };
const GROUP_PRONOUNS: Record<Lang, Set<string>> = { ar: new Set(), de: new Set(), en: words("they them it") };
/** Organisation heads general enough to stand for any organisation named before: "the company", "die Organisation". */
const GENERIC_ORG_HEADS: Record<Lang, Set<string>> = {
  ar: words("المنظمة الحركة الجماعة الشركة الهيئة"),
  de: words("Organisation Unternehmen Konzern Gruppe Firma"),
  en: words("company group organization organisation firm"),
};
/** German function words that are no English words either ("man", "die", "will" are, so they are left out). */
const GERMAN_IN_ENGLISH = words(
  "der das dem den des ein eine sich auch noch nur dann dort hier dass wie von vom zum zur",
);
const FOREIGN_PRONOUNS = words("er sie es he she it they we ich wir");

/** How many of the most recently used entities a pronoun or descriptor may refer to. */
const RECENT_ENTITIES = 8;
/** How many of the latest entities a repeated name is compared with. */
const ENTITY_LOOKBACK = 200;

interface MentionParts {
  /** The name (or, without one, the whole cleaned mention) as offsets into the text. */
  start: number;
  end: number;
  named: boolean;
  /** Folded role/descriptor words of the mention. */
  heads: string[];
  /** Folded tokens of the whole cleaned mention, and where the name begins among them. */
  tokens: string[];
  nameAt: number;
  /** The whole cleaned mention, title included: what a statement's speaker offsets point at. */
  mentionStart: number;
  mentionEnd: number;
}

const fold = (t: string): string => nameTokens(t)[0] ?? "";
const isRoleWord = (lang: Lang, t: string): boolean => nameTokens(t).some((x) => ROLE_WORDS[lang].has(x));
const isOrgWord = (lang: Lang, t: string): boolean => nameTokens(t).some((x) => ORG_WORDS[lang].has(x));
const isGroupWord = (lang: Lang, t: string): boolean => nameTokens(t).some((x) => GROUP_WORDS[lang].has(x));

/** Splits a cleaned mention into title/role and name. */
export function splitMention(text: string, lang: Lang, start: number, end: number): MentionParts | null {
  const toks = tokenize(text, start, end).slice(0, 24);
  const folded = toks.map((t) => fold(t.text));
  const fw = FUNCTION_WORDS[lang];
  const own = (t: string): boolean =>
    PERSON_PRONOUNS[lang].has(t) || ANY_PRONOUNS[lang].has(t) || GROUP_PRONOUNS[lang].has(t);
  // A pronoun of another language ("er" in Arabic text) is no name either.
  // Function words of the other script's languages count too: mixed text must not name "أمس" or "the".
  const foreign =
    lang === "ar"
      ? [FUNCTION_WORDS.de, FUNCTION_WORDS.en]
      : lang === "de"
        ? [FUNCTION_WORDS.ar, FUNCTION_WORDS.en]
        : [FUNCTION_WORDS.ar, GERMAN_IN_ENGLISH];
  // An acronym is a name, whatever word it spells: "A WHO spokesperson", "die US-Regierung".
  const acronym = (k: number): boolean => lang !== "ar" && /^\p{Lu}{2,}$/u.test((toks[k] as Token).text);
  const skip = (k: number): boolean => {
    const t = folded[k] as string;
    if (acronym(k)) return false;
    return fw.has(t) || t.length === 0 || foreign.some((x) => x.has(t)) || (FOREIGN_PRONOUNS.has(t) && !own(t));
  };
  let a = 0;
  let b = toks.length;
  while (a < b && skip(a)) a++;
  while (b > a && skip(b - 1)) b--;
  if (a >= b) return null;
  const core = toks.slice(a, b);
  const parts = lang === "ar" ? arabicName(text, core) : latinName(text, lang, core);
  const heads = core
    .filter(
      (t) =>
        isRoleWord(lang, t.text) ||
        isOrgWord(lang, t.text) ||
        isGroupWord(lang, t.text) ||
        (lang === "ar" && AR_DESCRIPTOR_HEADS.has(fold(t.text))),
    )
    .map((t) => fold(t.text));
  const tokens = core.map((t) => fold(t.text));
  if (parts) {
    const nameAt = core.findIndex((t) => t.start >= parts[0]);
    return {
      start: parts[0],
      end: parts[1],
      named: true,
      heads,
      tokens,
      nameAt: Math.max(0, nameAt),
      mentionStart: (core[0] as Token).start,
      mentionEnd: (core[core.length - 1] as Token).end,
    };
  }
  // A descriptor keeps its article: "Der Trainer", "the ministry".
  const withArticle =
    a > 0 && LATIN_DETERMINERS.has(folded[a - 1] as string) ? (toks[a - 1] as Token).start : (core[0] as Token).start;
  const coreEnd = (core[core.length - 1] as Token).end;
  return {
    start: withArticle,
    end: coreEnd,
    named: false,
    heads,
    tokens,
    nameAt: 0,
    mentionStart: withArticle,
    mentionEnd: coreEnd,
  };
}

function gapHas(text: string, a: Token, b: Token, re: RegExp): boolean {
  return re.test(text.slice(a.end, b.start));
}

/** [start, end) of the personal or organisation name in an Arabic mention, or null for a bare descriptor. */
function arabicName(text: string, toks: Token[]): [number, number] | null {
  const f = toks.map((t) => fold(t.text));
  const raw = toks.map((t) => t.text.replace(/[\u064B-\u065F\u0670\u0640]/gu, ""));
  const definite = (i: number): boolean => /^(?:و|ف)?(?:ال|لل)/u.test(raw[i] as string);
  // A function word only when no letter but a conjunction was stripped to find it: "بان" (a name) folds to "ان".
  // "السفير على الصادق": after an honorific, "على" is the name علي.
  const functionWord = (i: number): boolean =>
    FUNCTION_WORDS.ar.has(f[i] as string) &&
    !/^ب/u.test(raw[i] as string) &&
    !(raw[i] === "على" && i > 0 && AR_HONORIFICS.has(f[i - 1] as string));
  const generic = (i: number): boolean => {
    const x = f[i] as string;
    return (
      ROLE_WORDS.ar.has(x) ||
      ORG_WORDS.ar.has(x) ||
      GROUP_WORDS.ar.has(x) ||
      AR_TITLE_FILLERS.has(x) ||
      AR_HONORIFICS.has(x) ||
      AR_DESCRIPTOR_HEADS.has(x) ||
      functionWord(i)
    );
  };
  // "لكرة القدم", "لشرطة منطقة": a prefixed noun governing a definite one is part of the title.
  const prepositional = (i: number): boolean => /^ل/u.test(raw[i] as string) && i + 1 < toks.length && definite(i + 1);
  // A place after a preposition ("في ألمانيا") is no name; a ل-prefixed word ("لقوى") is one only as a last resort.
  const afterPreposition = (i: number): boolean => i > 0 && AR_PLACE_PREPOSITIONS.has(f[i - 1] as string);
  // "غرفة جدة", "رئيس هيئة …": the word after an indefinite title or body word is its genitive, not a name.
  const genitive = (i: number): boolean =>
    i > 0 && !definite(i - 1) && (ORG_WORDS.ar.has(f[i - 1] as string) || ROLE_WORDS.ar.has(f[i - 1] as string));
  const nameStartAt = (i: number, strict = true): boolean =>
    !definite(i) &&
    !generic(i) &&
    !prepositional(i) &&
    !afterPreposition(i) &&
    !genitive(i) &&
    !(strict && /^ل/u.test(raw[i] as string)) &&
    (raw[i] as string).length >= 2 &&
    !/^\d/u.test(raw[i] as string);
  const nameEndFrom = (i: number): number => {
    let e = i + 1;
    while (e < toks.length) {
      if (gapHas(text, toks[e - 1] as Token, toks[e] as Token, /[،,(:]/u)) break;
      const x = f[e] as string;
      // After "آل", "بن", "أبو" the next word belongs to the name whatever it is ("آل الشيخ").
      const linked = AR_NAME_LINKS.has(fold(raw[e - 1] as string)) || AR_NAME_LINKS.has(raw[e - 1] as string);
      if (!linked && (ROLE_WORDS.ar.has(x) || AR_HONORIFICS.has(x) || functionWord(e) || ORG_WORDS.ar.has(x))) break;
      // "ويعمل", "وتابع": a verb joined by و ends the name.
      if (e - i >= 2 && /^و[يت]\S{3,}$/u.test(raw[e] as string)) break;
      e++;
    }
    return (toks[e - 1] as Token).end;
  };
  // After an honorific: "الدكتور عبدالرحمن اليوبي" (the last honorific followed by a name).
  for (let i = toks.length - 2; i >= 0; i--) {
    if (AR_HONORIFICS.has(f[i] as string) && nameStartAt(i + 1))
      return [(toks[i + 1] as Token).start, nameEndFrom(i + 1)];
  }
  const first = f[0] as string;
  if (AR_DESCRIPTOR_HEADS.has(first) && !definite(0)) return null;
  if (ROLE_WORDS.ar.has(first) || AR_TITLE_FILLERS.has(first) || AR_DESCRIPTOR_HEADS.has(first)) {
    for (const strict of [true, false])
      for (let i = 1; i < toks.length; i++)
        if (nameStartAt(i, strict)) return [(toks[i] as Token).start, nameEndFrom(i)];
    return null;
  }
  if (ORG_WORDS.ar.has(first) || GROUP_WORDS.ar.has(first)) {
    // An organisation is named by its whole phrase ("وزارة الخارجية السعودية"); a bare head is a descriptor.
    if (toks.length === 1) return null;
    return [(toks[0] as Token).start, (toks[toks.length - 1] as Token).end];
  }
  if (FUNCTION_WORDS.ar.has(first)) return null;
  return [(toks[0] as Token).start, nameEndFrom(0)];
}

/** [start, end) of the name in a German or English mention, or null for a bare descriptor. */
function latinName(text: string, lang: Lang, toks: Token[]): [number, number] | null {
  // Appositions: "Dr. Maria Chen, the state epidemiologist" / "the Federal Reserve chair, Jerome Powell".
  const parts: Token[][] = [[]];
  toks.forEach((t, i) => {
    if (i > 0 && gapHas(text, toks[i - 1] as Token, t, /[,(]/u)) parts.push([]);
    (parts[parts.length - 1] as Token[]).push(t);
  });
  const cap = (t: Token): boolean => /^\p{Lu}/u.test(t.text);
  const plain = (t: Token): boolean =>
    cap(t) &&
    !CALENDAR_WORDS.has(fold(t.text)) &&
    !isRoleWord(lang, t.text) &&
    !isOrgWord(lang, t.text) &&
    !LATIN_DETERMINERS.has(fold(t.text)) &&
    !FUNCTION_WORDS[lang].has(fold(t.text)) &&
    !isGroupWord(lang, t.text);
  // "Der Präsident der autonomen Region Tibet, Qiangba Puncog": a part that is all name, of two words or more, is the name.
  if (parts.length > 1) {
    const whole = parts.find((part) => part.length >= 2 && part.length <= 5 && part.every(plain));
    if (whole) return [(whole[0] as Token).start, (whole[whole.length - 1] as Token).end];
  }
  for (const part of parts) {
    const n = part.length;
    // A name run: plain capitalised words, with particles between them ("Thomas de Maizière").
    const runFrom = (i: number): number => {
      let e = i;
      while (
        e < n &&
        (plain(part[e] as Token) ||
          (e > i && LATIN_PARTICLES.has((part[e] as Token).text) && e + 1 < n && plain(part[e + 1] as Token)))
      )
        e++;
      return e;
    };
    const lead = runFrom(0);
    // "Patrick Kamanda von der …" / "Angela Merkel": a name opening the part, unless it only modifies a
    // following noun ("Federal Reserve chair", "World Health Organization").
    const after = part[lead];
    const opensPart = !after || FUNCTION_WORDS[lang].has(fold(after.text));
    if (opensPart && (lead >= 2 || (lead === 1 && n === 1)))
      return [(part[0] as Token).start, (part[lead - 1] as Token).end];
    // Trailing name after a role or a lower-case word: "Transportation Secretary Mark Hollis", "campaigner Lena Fischer".
    let s = n;
    while (s > 0 && (plain(part[s - 1] as Token) || (s < n && LATIN_PARTICLES.has((part[s - 1] as Token).text)))) s--;
    if (s < n && s > 0 && LATIN_PARTICLES.has((part[s] as Token).text)) s++;
    // Not after an organisation word ("Die Gewerkschaft Verdi") nor a function word ("analysts at Goldman Sachs").
    const before = part[s - 1];
    // German capitalises every noun: one capitalised word after a lower-case word is a noun ("auf pakistanischer
    // Seite"), unless a role names it ("Polizeisprecher Müller"); a name in apposition after it is the name.
    const germanNoun =
      lang === "de" &&
      part !== parts.at(-1) &&
      n - s === 1 &&
      before !== undefined &&
      !cap(before) &&
      !isRoleWord(lang, before.text);
    if (s < n && before && !germanNoun && !isOrgWord(lang, before.text) && !FUNCTION_WORDS[lang].has(fold(before.text)))
      return [(part[s] as Token).start, (part[n - 1] as Token).end];
    // A named organisation: an organisation word with a proper name beside it ("The World Health Organization").
    if (part.some((t) => isOrgWord(lang, t.text)) && part.some(plain)) {
      const from = LATIN_DETERMINERS.has(fold((part[0] as Token).text)) ? 1 : 0;
      if (from < n) return [(part[from] as Token).start, (part[n - 1] as Token).end];
    }
  }
  return null;
}

/** Where an Arabic mention is followed by its name in apposition: "المسؤول، وهو نائب الوزير خالد العتيبي،". */
function arabicApposition(text: string, end: number): [number, number] | null {
  const m = /^\s*[،,]\s*(?:و?هو|و?هي|و?الذي\s+يدعى|و?التي\s+تدعى|واسمه|واسمها)\s+([^،,.\n]{2,120})/u.exec(
    text.slice(end, end + 160),
  );
  if (!m || m[1] === undefined) return null;
  const s = end + m[0].length - m[1].length;
  return [s, s + m[1].trimEnd().length];
}

/** "سموه" (his highness) refers to a prince or sheikh: "الأمير سعود بن عبدالله". */
const HIGHNESS = words("سموه سموها");
const PRINCE_TITLES = words("الأمير الأميرة الشيخ الشيخة");
/** How far back (characters) "سموه" looks for the prince it refers to. */
const PRINCE_LOOKBACK = 400;

/** The last "الأمير …" / "الشيخ …" mention before `pos` (a bounded look-back), as mention parts with a name. */
function princeBefore(text: string, pos: number): MentionParts | null {
  const from = Math.max(0, pos - PRINCE_LOOKBACK);
  const toks = tokenize(text, from, pos);
  for (let i = toks.length - 2; i >= 0; i--) {
    // The title with its article ("الأمير فيصل"), not the governor's office after it ("أمير المنطقة").
    const t = toks[i] as Token;
    if (!t.text.startsWith("ال") || !PRINCE_TITLES.has(fold(t.text))) continue;
    let e = i + 1;
    while (e < toks.length && e < i + 7 && !gapHas(text, toks[e - 1] as Token, toks[e] as Token, /[،,.:؛(\-]/u)) e++;
    const parts = splitMention(text, "ar", t.start, (toks[e - 1] as Token).end);
    if (parts?.named) return parts;
  }
  return null;
}

export class SpeakerResolver {
  private readonly entities: Entity[] = [];
  /** Entities, most recently used last (bounded look-back for pronouns and descriptors). */
  private recent: Entity[] = [];
  private readonly knownEntities = new Map<number, Entity>();
  private last: ResolvedSpeaker | null = null;
  private readonly index: SpeakerIndex;

  constructor(
    private readonly text: string,
    private readonly lang: Lang,
    private readonly known: KnownSpeaker[],
  ) {
    this.index = new SpeakerIndex(known);
  }

  all(): Entity[] {
    return this.entities;
  }

  /** The speaker of one statement, in text order; `penalty` is what the guess costs in confidence. */
  resolve(ref: SpeakerRef): { speaker: ResolvedSpeaker | null; penalty: number } {
    let out: { speaker: ResolvedSpeaker | null; penalty: number };
    if (ref.type === "mention" || ref.type === "backref") out = this.mention(ref.start, ref.end);
    else if (ref.type === "pronoun") out = this.pronoun(ref.start, ref.end);
    else if (ref.type === "continuation")
      out = this.last ? { speaker: this.last, penalty: 0.1 } : { speaker: null, penalty: 0.3 };
    else out = { speaker: null, penalty: 0 };
    if (out.speaker) {
      this.last = out.speaker;
      this.touch(out.speaker.entity);
    }
    return out;
  }

  private touch(e: Entity): void {
    this.recent = this.recent.filter((x) => x !== e);
    this.recent.push(e);
    if (this.recent.length > RECENT_ENTITIES) this.recent.shift();
  }

  private pronoun(start: number, end: number): { speaker: ResolvedSpeaker | null; penalty: number } {
    const p = fold(this.text.slice(start, end));
    const want: ((e: Entity) => boolean) | null = PERSON_PRONOUNS[this.lang].has(p)
      ? (e) => e.kind === "person"
      : GROUP_PRONOUNS[this.lang].has(p)
        ? (e) => e.kind !== "person"
        : ANY_PRONOUNS[this.lang].has(p)
          ? () => true
          : null;
    // The nearest compatible speaker, named or not: "Finland's foreign minister said … “…,” she said".
    const pick = want ? this.nearest(want) : null;
    if (pick) return { speaker: { entity: pick, start, end }, penalty: 0.1 };
    // "وقال سموه" with no speaker before: the prince named earlier in the text, though he said nothing yet.
    const prince = this.lang === "ar" && HIGHNESS.has(p) ? princeBefore(this.text, start) : null;
    if (prince) return { speaker: { entity: this.entityFor(prince), start, end }, penalty: 0.1 };
    return this.last
      ? { speaker: { entity: this.last.entity, start, end }, penalty: 0.2 }
      : { speaker: null, penalty: 0.3 };
  }

  private nearest(ok: (e: Entity) => boolean): Entity | null {
    for (let i = this.recent.length - 1; i >= 0; i--) if (ok(this.recent[i] as Entity)) return this.recent[i] as Entity;
    return null;
  }

  private mention(start: number, end: number): { speaker: ResolvedSpeaker | null; penalty: number } {
    const parts = splitMention(this.text, this.lang, start, end);
    if (
      parts &&
      parts.tokens.length === 1 &&
      (PERSON_PRONOUNS[this.lang].has(parts.tokens[0] as string) ||
        GROUP_PRONOUNS[this.lang].has(parts.tokens[0] as string) ||
        ANY_PRONOUNS[this.lang].has(parts.tokens[0] as string))
    ) {
      return this.pronoun(parts.mentionStart, parts.mentionEnd);
    }
    // A function word, preposition or ordinal is no speaker: the statement continues the previous one.
    if (!parts) return this.last ? { speaker: this.last, penalty: 0.15 } : { speaker: null, penalty: 0.3 };
    const known = this.knownAt(parts);
    if (known) return { speaker: { entity: known, start: parts.mentionStart, end: parts.mentionEnd }, penalty: 0 };
    if (!parts.named) {
      const appo = this.lang === "ar" ? arabicApposition(this.text, end) : null;
      const named = appo ? splitMention(this.text, this.lang, appo[0], appo[1]) : null;
      if (named?.named) {
        // The descriptor's earlier, unnamed mentions were this person too: they take the name.
        const pending = this.nearest((e) => !e.named && !e.known && parts.heads.some((h) => e.heads.has(h)));
        const entity = pending ? this.rename(pending, named) : this.entityFor(named);
        return { speaker: { entity, start: named.mentionStart, end: named.mentionEnd }, penalty: 0 };
      }
      const head = parts.heads;
      // "U.S. officials" is not the "Health officials in the province" named before, nor "the provincial health
      // minister" "Finland's foreign minister", nor "the prime minister" "the defence minister": a descriptor's own
      // words, its titles too, must be the antecedent's.
      const modifiers = tokenize(this.text, parts.start, parts.end)
        .map((t) => fold(t.text))
        .filter((t) => !head.includes(t) && !LATIN_DETERMINERS.has(t) && !FUNCTION_WORDS[this.lang].has(t));
      let ante =
        head.length > 0
          ? this.nearest(
              (e) =>
                head.every((h) => e.heads.has(h) || e.tokens.includes(h)) &&
                modifiers.every((m) => e.tokens.includes(m)),
            )
          : null;
      // "The group", "the company", "المنظمة": the nearest organisation named before.
      if (!ante && head.some((h) => GENERIC_ORG_HEADS[this.lang].has(h)))
        ante = this.nearest(
          (e) => e.named && e.kind === "organization" && modifiers.every((m) => e.tokens.includes(m)),
        );
      if (ante) {
        ante.mentions.add(this.text.slice(parts.start, parts.end));
        return { speaker: { entity: ante, start: parts.mentionStart, end: parts.mentionEnd }, penalty: 0.1 };
      }
    }
    return { speaker: { entity: this.entityFor(parts), start: parts.mentionStart, end: parts.mentionEnd }, penalty: 0 };
  }

  /** The known speaker the mention is about: their alias at the start of the mention or of its name. */
  private knownAt(parts: MentionParts): Entity | null {
    if (this.index.size === 0) return null;
    // Titles before the alias are allowed ("الرئيس الفرنسي فرانسوا هولاند"); words of another phrase are not.
    const tries = new Set([0, parts.nameAt]);
    for (let i = 0; i < parts.tokens.length && i < 8; i++) {
      const t = parts.tokens[i] as string;
      // Titles only: "باسم", "of" and the like introduce someone else ("the spokesman of X").
      if (!(ROLE_WORDS[this.lang].has(t) || AR_HONORIFICS.has(t))) break;
      tries.add(i + 1);
    }
    for (const at of tries) {
      if (at >= parts.tokens.length) continue;
      const hit = this.index.matchAt(parts.tokens, at);
      if (!hit) continue;
      let e = this.knownEntities.get(hit.speaker);
      if (!e) {
        const sp = this.known[hit.speaker] as KnownSpeaker;
        const forms = [
          sp.name,
          ...(sp.aliases ?? []),
          ...Object.values(sp.names ?? {}).filter((x): x is string => !!x),
        ];
        e = {
          name: sp.name,
          kind: knownKind(sp, this.lang),
          known: true,
          named: true,
          tokens: forms.flatMap((x) => nameTokens(x)),
          heads: new Set(parts.heads),
          mentions: new Set(),
        };
        this.knownEntities.set(hit.speaker, e);
        this.entities.push(e);
      }
      e.mentions.add(this.text.slice(parts.start, parts.end));
      for (const h of parts.heads) e.heads.add(h);
      return e;
    }
    return null;
  }

  private entityFor(parts: MentionParts): Entity {
    const surface = this.text.slice(parts.start, parts.end).trim();
    const toks = nameTokens(surface);
    // "The governor told reporters … Governor Ellen Briggs said": the earlier, unnamed descriptor was this person.
    const roles = parts.named ? parts.heads.filter((h) => ROLE_WORDS[this.lang].has(h)) : [];
    if (roles.length > 0) {
      const pending = this.nearest(
        (e) => !e.named && !e.known && e.kind === "person" && roles.some((h) => e.heads.has(h)),
      );
      if (
        pending &&
        !this.recent.some((e) => e.named && !e.known && toks.length > 0 && toks.every((t) => e.tokens.includes(t)))
      )
        return this.rename(pending, parts);
    }
    // A shorter later mention of an earlier name ("Merkel" after "Angela Merkel") is the same entity.
    // Only the latest entities are compared, so the work per mention stays bounded on any text.
    for (let i = this.entities.length - 1; i >= Math.max(0, this.entities.length - ENTITY_LOOKBACK); i--) {
      const e = this.entities[i] as Entity;
      if (!e.known && e.named === parts.named && toks.length > 0 && toks.every((t) => e.tokens.includes(t))) {
        e.mentions.add(surface);
        for (const h of parts.heads) e.heads.add(h);
        return e;
      }
    }
    const kind = guessKind(this.text.slice(Math.min(parts.start, parts.end), parts.end), this.lang);
    const e: Entity = {
      name: surface,
      kind: parts.named ? kind : guessKind(surface, this.lang),
      known: false,
      named: parts.named,
      tokens: toks,
      heads: new Set(parts.heads),
      mentions: new Set([surface]),
    };
    if (parts.named && parts.heads.some((h) => ROLE_WORDS[this.lang].has(h))) e.kind = "person";
    this.entities.push(e);
    return e;
  }

  private rename(e: Entity, parts: MentionParts): Entity {
    const surface = this.text.slice(parts.start, parts.end).trim();
    e.name = surface;
    e.named = true;
    e.kind = "person";
    e.tokens.push(...nameTokens(surface));
    for (const h of parts.heads) e.heads.add(h);
    e.mentions.add(surface);
    return e;
  }
}
