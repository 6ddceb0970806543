// Arabic reporting constructions: VSO/SVO cue verbs with أن/إن complements, NP-object cues (أدان، دعا),
// ḥāl participles (مؤكداً أن، معبراً عن), trailing "، حسبما أكدت X" and sources (بحسب، وفقاً لـ، نقلاً عن).
import type { Candidate, KnownSpeaker, SpeakerRef } from "./types";
import { nameTokens } from "./normalize";
import { GROUP_WORDS, ORG_WORDS, ROLE_WORDS, SpeakerIndex } from "./speakers";
import { cueFields, quoteAt, tokenize, trimSpan, type QuoteSpan, type Sentence, type Token } from "./text";
import {
  AUX,
  COMPLEMENTIZERS,
  CUES,
  NEEDS_PREP,
  NEGATIONS,
  ANNOUNCE,
  NAME_TITLES,
  NP_OBJECT_CUES,
  OBJECT_FIRST,
  OBJECT_PARTICIPLES,
  PARTICIPLES,
  RELATIVES,
  REPORTED_FROM,
  SOURCES,
  SPEAKER_STOP,
  TRAILERS,
  VERBAL_NOUNS,
  bare,
  f,
  isDefinite,
  type CueDef,
} from "./arabic-lexicon";
import {
  SPEAKER_WINDOW,
  appositionContent,
  isSpeakerish,
  mention,
  sentenceSubject,
  speakerPhrase,
  subjectBefore,
  type ArCtx,
} from "./arabic-speakers";

/** "قوله" in "نقلت الوكالة عن الوزير قوله: …": the source's words follow. */
const SAYING = new Set(["قوله", "قولها", "قولهم"].map(f));
const BETWEEN = f("بين");
const SUBJUNCTIVE = new Set(["أن", "لن", "كي", "لكي"].map(f));
const PRESENT = /^[يت]/u;
const PAST_WITH_T = new Set(["تابع", "تابعت", "تابعوا", "توقع", "توقعت", "توقعوا"].map(f));
const DEMONSTRATIVES = new Set(["ذلك", "هذا", "هذه", "تلك"].map(f));
const SAME = new Set(["نفسه", "ذاته"].map(f));
const TEMPORAL = new Set(["بعد", "قبل", "منذ", "حتى", "وبعد", "وقبل"].map(f));
/** Prepositions that open an adverbial after the cue ("اعتبرت في اختتام …"): what follows them is no subject. */
const PREPOSITIONS = new Set(["في", "خلال", "عبر", "أمام", "إلى", "على", "عن", "أثناء", "عقب", "لدى"].map(f));

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

/** Whether "عن" comes in toks[from, to) before a complementizer. */
function aboutBeforeClause(toks: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = toks[k] as Token;
    if (f(t.text) === f("عن")) return true;
    if (COMPLEMENTIZERS.has(f(t.text), t.text)) return false;
  }
  return false;
}
/** How far after a clause cue its complementizer may stand (the speaker phrase between them is bounded). */
const CLAUSE_WINDOW = 30;

/** Whether a word opens another reporting clause (a cue, a ḥāl participle or a source), which ends a speaker phrase. */
function startsClause(word: string): boolean {
  const b = bare(word);
  // "عبر" is as often "via" as "expressed": it does not end a speaker phrase.
  return (CUES.has(b) && !NEEDS_PREP.has(b)) || PARTICIPLES.has(b) || SOURCES.has(b);
}

/** The sentence and cue offsets every candidate of a cue carries. */
type CueBase = Pick<Candidate, "sentenceStart" | "sentenceEnd" | "cueStart" | "cueEnd">;

interface CueHit {
  tok: number;
  def: CueDef | null;
  participlePreps: string[] | null;
  source: boolean;
  trailing: boolean;
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
    // "…، كما شدد على أهمية …" is "also stressed": a clause or its preposition after the cue means it does not trail.
    const trailing =
      !!def &&
      ((TRAILERS.has(bare(prev)) && commaBefore(text, (toks[i - 1] as Token).start, sent.start)) ||
        (viaMa && commaBefore(text, (toks[i - 2] as Token).start, sent.start))) &&
      !clauseFollows(toks, i + 1, def);
    // Cues in relative clauses ("والذي عبّر عنه", "ما سماه") describe, they do not report; negated ones ("لا يدعو") neither.
    // "، فيما قال X إن" opens a clause ("while"); "فيما قاله" after a noun is relative.
    const whereas = prev === f("فيما") && (i < 2 || commaBefore(text, (toks[i - 1] as Token).start, sent.start));
    if (def && !trailing && !whereas && (RELATIVES.has(prev.replace(/^و/u, "")) || NEGATIONS.has(prev))) continue;
    // "كان يمكنه أن يقول": a present verb after أن/لن is what someone could say, not what they said.
    if (def && SUBJUNCTIVE.has(prev) && PRESENT.test(b) && !PAST_WITH_T.has(b)) continue;
    // "ويشير ذلك إلى": a demonstrative subject is a fact pointing somewhere, not a speaker.
    if (def && DEMONSTRATIVES.has(f(toks[i + 1]?.text ?? ""))) continue;
    // "بين" is "between" unless a speaker or a clause follows: "بيّن الوزير أن" / "علاقة بين الإصابة و…".
    if (def && f((toks[i] as Token).text) === BETWEEN) {
      const nx = toks[i + 1];
      if (!nx || !(COMPLEMENTIZERS.has(f(nx.text), nx.text) || isSpeakerish(ctx, toks, i + 1, toks.length) > 0))
        continue;
    }
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
  // The sentence's first statement without a speaker of its own takes the subject of the sentence's opening
  // verb or its topic; later ones continue the statement before them.
  const first = pend[0];
  if (first && first.cand.speaker.type === "continuation") {
    const cueTok = (hits[first.hit] as CueHit).tok;
    const subject = sentenceSubject(ctx, sent, toks, cueTok);
    if (subject && "end" in subject) {
      first.cand.speaker = subject;
      // "سعى الوزير خلال زيارته أمس …، مؤكداً": the main clause says when.
      first.cand.dateRegions = [...first.cand.dateRegions, [subject.end, (toks[cueTok] as Token).start]];
    }
  }
  // "ودعا في الوقت نفسه، …": a continuation that says it was said at the same time takes the date of the
  // statement before it (without that, "وأكدت أن" after "وقالت ميركل الخميس" keeps no date of its own).
  for (let k = 1; k < pend.length; k++) {
    const cur = (pend[k] as Pending).cand;
    const at = (hits[(pend[k] as Pending).hit] as CueHit).tok;
    const sameTime =
      f(toks[at + 1]?.text ?? "") === f("في") &&
      f(toks[at + 2]?.text ?? "") === f("الوقت") &&
      SAME.has(f(toks[at + 3]?.text ?? ""));
    if (cur.speaker.type === "continuation" && sameTime)
      cur.dateRegions = [...cur.dateRegions, ...(pend[k - 1] as Pending).cand.dateRegions];
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

/**
 * "وأفادت مصادر طبية بوقوع …": a one-letter preposition joined to a noun without the article, after a
 * speaker phrase (not right after the cue, where "بندر" would be a name, nor after a title, nor before "بن").
 */
function letterAfterSpeaker(ctx: ArCtx, toks: Token[], from: number, j: number, def: CueDef): string | undefined {
  if (j <= from) return undefined;
  const ft = f((toks[j] as Token).text);
  const pr = def.preps.find((p) => p.length === 1 && ft.startsWith(p) && ft.length >= 4);
  if (pr === undefined) return undefined;
  const prev = (toks[j - 1] as Token).text;
  if (NAME_TITLES.has(f(prev)) || ROLE_WORDS.ar.has(nameTokens(prev)[0] ?? "")) return undefined;
  if (f(toks[j + 1]?.text ?? "") === f("بن")) return undefined;
  return isSpeakerish(ctx, toks, from, j) > 0 ? pr : undefined;
}

/** "أعلنت المديرية العامة لكلية الملك فهد الأمنية، أرقام الطلبة …": the announced object after the subject's comma. */
function announcedAfterComma(ctx: ArCtx, sent: Sentence, toks: Token[], hit: CueHit, base: CueBase): Candidate | null {
  const cue = toks[hit.tok] as Token;
  if (!ANNOUNCE.has(bare(cue.text)) || isSpeakerish(ctx, toks, hit.tok + 1, toks.length) === 0) return null;
  for (let k = hit.tok + 2; k < toks.length && k < hit.tok + 1 + SPEAKER_WINDOW; k++) {
    const gap = ctx.text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start);
    if (/[.:؛]/u.test(gap)) return null;
    if (!/[،,]/u.test(gap)) continue;
    const sp = speakerPhrase(ctx, toks, hit.tok + 1, k, (toks[k - 1] as Token).end);
    if (!sp) return null;
    return {
      ...base,
      kind: "indirect",
      start: (toks[k] as Token).start,
      end: sent.end,
      speaker: sp,
      dateRegions: [[cue.start, (toks[k] as Token).start]],
      confidence: 0.6,
    };
  }
  return null;
}

/** Whether a complementizer comes within a few words from toks[from], with no punctuation before it. */
function complementizerSoon(text: string, toks: Token[], from: number): boolean {
  for (let k = from; k < toks.length && k < from + 5; k++) {
    const t = toks[k] as Token;
    if (k > from && /[،,.:؛]/u.test(text.slice((toks[k - 1] as Token).end, t.start))) return false;
    if (COMPLEMENTIZERS.has(f(t.text), t.text)) return true;
  }
  return false;
}

/** Whether a complementizer or one of the cue's prepositions comes within a few words after toks[from]. */
function clauseFollows(toks: Token[], from: number, def: CueDef): boolean {
  for (let k = from; k < toks.length && k < from + CLAUSE_WINDOW; k++) {
    const t = toks[k] as Token;
    const ft = f(t.text);
    if (COMPLEMENTIZERS.has(ft, t.text) || def.preps.includes(ft)) return true;
  }
  return false;
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

function analyse(ctx: ArCtx, sent: Sentence, toks: Token[], hit: CueHit): Candidate | null {
  const { text } = ctx;
  const cue = toks[hit.tok] as Token;
  const base = cueFields(sent, cue);
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
    // A quoted name on the way («عكاظ», an addressee, "لـ«المجلس الإسلامي في بريطانيا»" joined to its
    // preposition) is no content; a quotation after a colon always is.
    const attached = q > 0 && /[\p{L}\u0640]/u.test(text[q - 1] as string);
    if (q >= 0 && ((quoteWords(ctx, q) >= 3 && !attached) || /:/u.test(gap))) {
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
    // "بعد أن", "قبل أن": a time clause, which ends the search.
    if (COMPLEMENTIZERS.has(ft, t.text) && TEMPORAL.has(f((toks[j - 1] as Token).text))) break;
    if (COMPLEMENTIZERS.has(ft, t.text)) {
      comp = j;
      contentStart = t.end;
      // "إن «…»" : the quote is the content.
      break;
    }
    if (def.preps.length > 0) {
      // A one-letter preposition is read only before the article ("بالقرارات"), not inside a name ("بندر").
      const p =
        def.preps.find((pr) => ft === pr || (pr.length === 1 && ft.startsWith(pr + "ال") && ft.length > 4)) ??
        letterAfterSpeaker(ctx, toks, hit.tok + 1, j, def);
      // "أكد مصادر مطلعة على القضية أن …": a preposition inside the speaker phrase, with the clause still to come.
      if (
        p !== undefined &&
        j > hit.tok + 1 &&
        !REPORTED_FROM.has(bare(cue.text)) &&
        complementizerSoon(text, toks, j + 1)
      )
        continue;
      if (p !== undefined) {
        const nxt = toks[j + 1];
        // "نقلت صحيفة X عن مصدر مطلع أن …": the source after عن is the speaker, the content follows أن.
        if (REPORTED_FROM.has(bare(cue.text))) {
          const until = Math.min(toks.length, j + 1 + SPEAKER_WINDOW);
          for (let k = j + 2; k < until; k++) {
            const tk = toks[k] as Token;
            if (SAYING.has(f(tk.text))) {
              // "… عن الوزير قوله: «…»" / "قوله إن …".
              const sp = speakerPhrase(ctx, toks, j + 1, k, tk.start);
              const after = toks[k + 1];
              if (!sp) break;
              const q = firstQuoteIn(ctx, tk.end, after ? after.start : sent.end);
              const start =
                q >= 0 ? q : after && COMPLEMENTIZERS.has(f(after.text), after.text) ? after.end : (after?.start ?? -1);
              if (start < 0) break;
              return {
                ...base,
                kind: "indirect",
                start,
                end: sent.end,
                speaker: sp,
                dateRegions: [[cue.start, tk.start]],
                confidence: 0.8,
              };
            }
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
          // "نقل عن" without the source's words is "transport from", not a report.
          return null;
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
      if (m < 0) return announcedAfterComma(ctx, sent, toks, hit, base);
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
    // "أشاد «لوند» بمواقف …": a short quotation followed by more words is the speaker's name.
    const nx = toks[hit.tok + 1];
    if (quoteWords(ctx, q) <= 3 && nx && nx.start > q) {
      const qs = ctx.quotes[quoteAt(ctx.quotes, q)] as QuoteSpan;
      const nf = f(nx.text);
      const letter = def.preps.find((p) => p.length === 1 && nf.startsWith(p) && nf.length > 3);
      return {
        ...base,
        kind: "indirect",
        start: letter ? nx.start + 1 : nx.start,
        end: sent.end,
        speaker: mention(ctx, qs.start, qs.end),
        dateRegions: [[cue.start, nx.start]],
        confidence: 0.6,
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
    let sp = objectBetween ? null : speakerPhrase(ctx, toks, hit.tok + 1, comp, regionEnd);
    // "وقال «دي 3» إن …": the quoted name between the cue and إنّ speaks.
    if (!sp && !objectBetween) sp = quotedName(ctx, cue.end, regionEnd);
    // "قال الأمين العام لـ«…»، وهو …، الدكتور شجاع شافي:": a bare role is named by the titled apposition before the content.
    if (sp && sp.type === "mention" && roleOnly(ctx, sp.start, sp.end))
      sp = titledApposition(ctx, toks, hit.tok + 1, comp) ?? sp;
    // "وكانت حركة النهضة قد اعتبرت في اختتام أشغال المجلس أن": the subject stood before the verb.
    if (before && PREPOSITIONS.has(f((toks[hit.tok + 1] as Token | undefined)?.text ?? ""))) sp = null;
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
      // "نفى فريد (22 عاما)، المحترف …، تناوله …": the content follows the apposition's closing comma.
      const afterName = ctx.text.slice((toks[j - 1] as Token).end, toks[j]?.start ?? sent.end);
      if (/[(،,]/u.test(afterName)) j = appositionContent(ctx, toks, j, toks.length) || j;
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

function participle(ctx: ArCtx, sent: Sentence, toks: Token[], hit: CueHit, base: CueBase): Candidate | null {
  const preps = hit.participlePreps ?? [];
  const cue = toks[hit.tok] as Token;
  // "داعياً في الوقت نفسه إلى …": the adverbial is skipped.
  let o = hit.tok + 1;
  if (f(toks[o]?.text ?? "") === f("في") && f(toks[o + 1]?.text ?? "") === f("الوقت")) o += 3;
  // The participle qualifies the main clause's subject: after a comma, at the start of a sentence that
  // continues the last ("…بالدماء». مضيفاً «…»"), or right before its clause ("… داعش مشيراً إلى أن").
  const afterComma = commaBefore(ctx.text, cue.start, sent.start);
  const opens = onlyConjunctionBefore(ctx.text, sent.start, cue.start);
  const ownClause = (k: number): boolean => {
    const t = toks[k];
    return !!t && (COMPLEMENTIZERS.has(f(t.text), t.text) || (preps.includes(f(t.text)) && !!toks[k + 1]));
  };
  if (!afterComma && !opens && !ownClause(o)) return null;
  for (let j = hit.tok + 1; j <= Math.min(toks.length, hit.tok + 6); j++) {
    // j === toks.length checks the gap after the last word: "قائلا: «…»" ending the sentence.
    const t: Token = toks[j] ?? { text: "", start: sent.end, end: sent.end };
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
    if (j >= toks.length) break;
    if (j < o) continue;
    if (j === o && preps.some((p) => ft === p)) {
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
  // "داعياً الجميع للحضور", "محذراً السكان من …", "مشيداً بالانضباطية": the bare object is the content.
  const obj = toks[o];
  if (
    !obj ||
    !afterComma ||
    !OBJECT_PARTICIPLES.has(bare(cue.text)) ||
    /[.:؛]/u.test(ctx.text.slice(cue.end, obj.start))
  )
    return null;
  const fo = f(obj.text);
  if (SPEAKER_STOP.has(fo) || NEGATIONS.has(fo)) return null;
  const letter = preps.find((p) => p.length === 1 && fo.startsWith(p + "ال"));
  return {
    ...base,
    kind: "indirect",
    start: letter ? obj.start + 1 : obj.start,
    end: sent.end,
    speaker: { type: "continuation" },
    dateRegions: [],
    confidence: 0.5,
  };
}

/** Whether text[start, end) holds only definite words and roles: a title without a name ("الأمين العام"). */
function roleOnly(ctx: ArCtx, start: number, end: number): boolean {
  return tokenize(ctx.text, start, end)
    .slice(0, SPEAKER_WINDOW)
    .every((t) => isDefinite(t.text) || ROLE_WORDS.ar.has(nameTokens(t.text)[0] ?? ""));
}

/** The last comma-separated segment of toks[from, comp) when it opens with a title before a name ("، الدكتور فلان:"). */
function titledApposition(ctx: ArCtx, toks: Token[], from: number, comp: number): SpeakerRef | null {
  for (let k = comp - 1; k > from && k >= comp - 6; k--) {
    const gap = ctx.text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start);
    if (!/[،,]/u.test(gap)) continue;
    const t = toks[k] as Token;
    return NAME_TITLES.has(f(t.text)) && k + 1 < comp ? mention(ctx, t.start, (toks[comp - 1] as Token).end) : null;
  }
  return null;
}

/** A short quotation (a name) that is all that stands in text[from, to). */
function quotedName(ctx: ArCtx, from: number, to: number): SpeakerRef | null {
  const q = firstQuoteIn(ctx, from, Math.min(to, from + 4));
  if (q < 0 || quoteWords(ctx, q) > 3) return null;
  const qs = ctx.quotes[quoteAt(ctx.quotes, q)] as QuoteSpan;
  if (qs.end > to || /\S/u.test(ctx.text.slice(qs.end, to).replace(/[،,]/gu, ""))) return null;
  return mention(ctx, qs.start, qs.end);
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
