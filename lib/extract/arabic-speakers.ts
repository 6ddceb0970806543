// Arabic speaker phrases: reading who speaks around a cue (after it in VSO, before it in SVO), where a subject
// ends, and turning a span into a mention or a back-reference. Separate from arabic.ts, which finds the cues and
// their content, to keep each file under the size limit (issue 14).
import type { SpeakerRef } from "./types";
import { nameTokens } from "./normalize";
import { GROUP_WORDS, ORG_WORDS, ROLE_WORDS, SpeakerIndex } from "./speakers";
import type { QuoteSpan, Sentence, Token } from "./text";
import {
  ADVERBS,
  AUX,
  AUX_TITLE,
  CONTENT_NOUNS,
  DEF_BACKREF,
  EVENT_NOUNS,
  ISSUED,
  NAME_LINKS,
  NAME_TITLES,
  COUNTRIES,
  NAME_STOPS,
  PERFECT_PARTICLES,
  CUES,
  ROLE_ADJECTIVES,
  SOURCES,
  SPEAKER_STOP,
  TOPIC_PARTICLES,
  bare,
  f,
  isDefinite,
  isNisba,
} from "./arabic-lexicon";

// Speaker phrases are read in a bounded window after their cue, so the work per cue is constant and
// extraction stays linear however long a sentence is (no real speaker phrase runs to 24 words).
export const SPEAKER_WINDOW = 24;

export interface ArCtx {
  text: string;
  quotes: QuoteSpan[];
  known: SpeakerIndex;
  /** Folded tokens of earlier speaker mentions, to recognise a bare surname later ("العبدالله"). */
  seenNameTokens: Set<string>;
}

export function isSpeakerish(ctx: ArCtx, toks: Token[], i: number, limit: number): number {
  // Returns the length (in tokens) of a speaker phrase starting at i, or 0.
  const folded = toks.slice(i, Math.min(limit, i + SPEAKER_WINDOW)).map((t) => nameTokens(t.text)[0] ?? "");
  const k = ctx.known.matchAt(folded, 0);
  if (k) return k.len;
  const first = folded[0] ?? "";
  if (!first || SPEAKER_STOP.has(f((toks[i] as Token).text))) return 0;
  // "أدانت البحرين التفجير": a state is the whole subject ("الولايات المتحدة" two words).
  if (COUNTRIES.has(first))
    return first === nameTokens("الولايات")[0] && folded[1] === nameTokens("المتحدة")[0] ? 2 : 1;
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
  return appositionClosed(ctx, toks, i, limit);
}

/**
 * "نفى فريد (22 عاما)، المحترف مع نادي شاختار، تناوله …": a name of one to three words, then a parenthesis or an
 * apposition that a comma closes; the name is the subject and the content follows the closing comma. Returns the
 * name's length in tokens, or 0.
 */
function appositionClosed(ctx: ArCtx, toks: Token[], i: number, limit: number): number {
  for (let n = 1; n <= 3 && i + n < limit; n++) {
    const gap = ctx.text.slice((toks[i + n - 1] as Token).end, (toks[i + n] as Token).start);
    if (!/[(،,]/u.test(gap)) continue;
    return appositionContent(ctx, toks, i + n, limit) > 0 ? n : 0;
  }
  return 0;
}

/** The token after the comma that closes an apposition opening at `from` (within 16 words, three left), or 0. */
export function appositionContent(ctx: ArCtx, toks: Token[], from: number, limit: number): number {
  let first = 0;
  for (let k = from + 1; k < limit && k < from + 16; k++) {
    const g = ctx.text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start);
    if (!/[،,]/u.test(g) || /\(/u.test(g)) continue;
    // "(22 عاما)، المحترف مع نادي …، تناوله": a definite noun after the first comma goes on with the apposition.
    if (!first && /^(?:و)?ال/u.test((toks[k] as Token).text)) {
      first = k;
      continue;
    }
    return k + 3 <= limit ? k : 0;
  }
  return first && first + 3 <= limit ? first : 0;
}

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

/** SVO subject before the cue within its clause: "وكانت المنظمة دعت". */
export function subjectBefore(ctx: ArCtx, sent: Sentence, toks: Token[], cueTok: number): SpeakerRef | null {
  let j = cueTok - 1;
  // "وكان المركز … قد حذّر": the particle stands between the subject and its verb.
  if (j >= 0 && PERFECT_PARTICLES.has(f((toks[j] as Token).text))) j--;
  const all: Token[] = [];
  // A long subject is read whole only up to its clause's start ("وكان نائب قائد … جون ديفيز قد قال");
  // otherwise its last words are tried, as before.
  let atClauseStart = false;
  while (j >= 0 && all.length < LONG_SUBJECT) {
    const t = toks[j] as Token;
    const next = toks[j + 1] as Token;
    if (/[،,:;؛.]/u.test(ctx.text.slice(t.end, next.start)) || AUX.has(f(t.text)) || AUX.has(bare(t.text))) {
      atClauseStart = true;
      break;
    }
    all.unshift(t);
    j--;
  }
  if (j < 0) atClauseStart = true;
  const tries = all.length > SHORT_SUBJECT ? [atClauseStart ? all : null, all.slice(-SHORT_SUBJECT)] : [all];
  for (const parts of tries) {
    if (!parts || parts.length === 0) continue;
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
  }
  return null;
}
const SHORT_SUBJECT = 6;
const LONG_SUBJECT = 12;

/** Speaker phrase in toks[from,to): drops dates, adverbs and "في بيان" tails; splits off a trailing "وناشطون". */
export function speakerPhrase(
  ctx: ArCtx,
  toks: Token[],
  from: number,
  until: number,
  hardEnd: number,
): SpeakerRef | null {
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
  // "وأعلنت كل من البحرين وسلطنة عمان": "each of" introduces the speakers.
  if (s + 2 < to && f((toks[s] as Token).text) === f("كل") && f((toks[s + 1] as Token).text) === f("من")) s += 2;
  // "وشددت، وفقاً لما نقلته وكالة …، على أن": a source inserted after the verb, not its subject.
  if (s < to && SOURCES.has(bare((toks[s] as Token).text))) return null;
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
    // After a title that always precedes a name, "على" is the name علي: "السفير على الصادق".
    const nameAfterTitle = ft === f("على") && e > s && NAME_TITLES.has(f((toks[e - 1] as Token).text));
    if ((SPEAKER_STOP.has(ft) || CONTENT_NOUNS.has(ft)) && ft !== f("في") && !nameAfterTitle) break;
    if (ft === f("في") && EVENT_NOUNS.has(nameTokens((toks[e + 1] as Token | undefined)?.text ?? "")[0] ?? "")) break;
    if (ft === f("في") && e + 1 < to && isEventNoun((toks[e + 1] as Token).text)) break;
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

/** An occasion noun, also with a possessive suffix: "بيان", "كلمته", "حديثها", "تصريحاته". */
function isEventNoun(word: string): boolean {
  const x = f(word);
  const stem = x.replace(/ت(?:ه|ها|هم)$/u, "ة");
  return EVENT_NOUNS.has(x) || EVENT_NOUNS.has(f(stem === x ? x.replace(/(?:ه|ها|هم)$/u, "") : stem));
}

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

export function mention(ctx: ArCtx, start: number, end: number): SpeakerRef {
  const surface = ctx.text.slice(start, end);
  const toks = nameTokens(surface);
  for (const t of toks) if (t.length > 2 && !ROLE_WORDS.ar.has(t) && !ORG_WORDS.ar.has(t)) ctx.seenNameTokens.add(t);
  const head = toks[0] ?? "";
  // A lone definite organisation noun ("المنظمة") points back to the last organisation named.
  if (toks.length === 1 && /^(?:و|ف)?ال/u.test(surface) && DEF_BACKREF.has(head))
    return { type: "backref", start, end, head };
  return { type: "mention", start, end };
}

/**
 * The subject of a sentence's opening verb ("سعى وزير الدفاع الأميركي آشتون كارتر …، مؤكداً أن") or its
 * topic ("أما فضل البوعينين المحلل الاقتصادي فقد … وقال:"), for the first cue of a sentence that names no
 * speaker of its own. Reads at most a few words at the start of the sentence.
 */
export function sentenceSubject(ctx: ArCtx, sent: Sentence, toks: Token[], cueTok: number): SpeakerRef | null {
  if (!toks[0] || /\S/u.test(ctx.text.slice(sent.start, (toks[0] as Token).start))) return null;
  // "من جهته، شكر المدرب …": the turn marker before the verb is skipped.
  let v = 0;
  while (v < 3 && v < cueTok && (AUX.has(f((toks[v] as Token).text)) || AUX.has(bare((toks[v] as Token).text)))) v++;
  // "ولا يزال جوني منير بعيداً عن …، ويقول:": "still" is a verb whose subject follows it.
  if (NEGATIONS_OF_ZAL.has(f(toks[v]?.text ?? "")) && ZAL.has(f(toks[v + 1]?.text ?? ""))) v++;
  const first = toks[v];
  if (!first || cueTok < v + 2) return null;
  const f0 = f(first.text);
  if (TOPIC_PARTICLES.has(f0)) {
    // The topic ends at its "ف" clause: "فقد", "فإن", "فقال"; not at a name that starts with ف ("فضل").
    // The cue may be the "ف" word itself: "أما الشاعر ( سلطان الغنامي ) فأكد".
    for (let k = v + 2; k <= cueTok && k < v + 10; k++) {
      const w = f((toks[k] as Token).text);
      const tail = w.slice(1);
      if (!w.startsWith("ف") || !(PERFECT_PARTICLES.has(w) || w === f("فإن") || CUES.has(tail))) continue;
      return mention(ctx, (toks[v + 1] as Token).start, (toks[k - 1] as Token).end);
    }
    return null;
  }
  // The opening word must be a verb: not a name, title, body, preposition, particle or definite noun.
  const head = nameTokens(first.text)[0] ?? "";
  if (
    isDefinite(first.text) ||
    SPEAKER_STOP.has(f0) ||
    AUX.has(f0) ||
    AUX.has(bare(first.text)) ||
    ROLE_WORDS.ar.has(head) ||
    ORG_WORDS.ar.has(head) ||
    GROUP_WORDS.ar.has(head) ||
    ctx.seenNameTokens.has(head)
  )
    return null;
  const len = isSpeakerish(ctx, toks, v + 1, cueTok) || bareNameBeforePreposition(ctx, toks, v + 1, cueTok);
  if (len === 0) return null;
  return mention(ctx, (toks[v + 1] as Token).start, (toks[v + len] as Token).end);
}

const NEGATIONS_OF_ZAL = new Set(["لا", "ولا", "ما", "وما"].map(f));
const ZAL = new Set(["يزال", "تزال", "يزالون", "زال", "زالت"].map(f));
const SUBJECT_END = new Set(["مع", "في", "على", "إلى", "عن", "من", "خلال", "أمام", "لدى"].map(f));

/** "وبحث محلب مع الوزير …": one to three bare words (a name) followed by a preposition or a comma. */
function bareNameBeforePreposition(ctx: ArCtx, toks: Token[], i: number, limit: number): number {
  let k = i;
  while (k < limit && k < i + 3) {
    const t = toks[k] as Token;
    const ft = f(t.text);
    // A family name alone may carry the article: "وأوضح القريني عن …".
    const familyName = k === i && isDefinite(t.text) && isNisba(t.text) && SUBJECT_END.has(f(toks[k + 1]?.text ?? ""));
    if ((isDefinite(t.text) && !familyName) || SPEAKER_STOP.has(ft) || SUBJECT_END.has(ft) || NAME_STOPS.has(ft)) break;
    // An accusative predicate ends the name: "جوني منير بعيداً".
    if (k > i && /\u064B/u.test(t.text)) return k - i;
    k++;
    if (/[،,]/u.test(ctx.text.slice(t.end, (toks[k] as Token | undefined)?.start ?? t.end))) return k - i;
  }
  const next = toks[k];
  return k > i && next && SUBJECT_END.has(f(next.text)) ? k - i : 0;
}
