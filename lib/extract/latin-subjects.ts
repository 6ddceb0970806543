// German and English speaker noun phrases: the subject before or after a cue, a clause's or sentence's opening
// noun phrase, and the span-to-mention step (with back-references to an organisation), plus the small text-position
// scans (commas, quotations) that latin.ts and latin-source-frames.ts share. Separate from latin.ts to keep each
// file under the size limit (issue 14).
import type { Lang, SpeakerRef } from "./types";
import type { GermanModel } from "./german-model";
import { nameTokens } from "./normalize";
import { GROUP_WORDS, ORG_WORDS, ROLE_WORDS } from "./speakers";
import { quoteAt, tokenize, trimSpan, type QuoteSpan, type Sentence, type Token } from "./text";
import {
  DE_AUX,
  DE_KONJ,
  DE_MIDFIELD_ADVERBS,
  DE_MIDFIELD_SKIP,
  DE_NOMINATIVE_DET,
  DE_RELATIVE_PRONOUNS,
  DE_SUBJ_STOP,
  DE_VORFELD_DET,
  LEX,
  isCap,
} from "./latin-lexicon";

export interface LatinCtx {
  text: string;
  lang: Lang;
  quotes: QuoteSpan[];
  sentences: Sentence[];
  /** The German model (german-model.ts); its training script passes its own to collect what it learns from. */
  deModel?: GermanModel;
  /** The last speaker written out for a German statement, which a continuation inherits (german-model.ts). */
  deLastSpeaker?: { start: number; end: number };
}

export function commaBefore(text: string, pos: number, floor: number): boolean {
  for (let j = pos - 1; j >= floor; j--) {
    const c = text[j] as string;
    if (c === "," || c === "“" || c === "”" || c === '"' || c === "«" || c === "»") return true;
    if (!/\s/u.test(c)) return false;
  }
  return false;
}

export function firstQuoteIndex(quotes: QuoteSpan[], from: number): number {
  let lo = 0;
  let hi = quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((quotes[mid] as QuoteSpan).start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first quotation starting at or after `from`, if it also ends by `to` (quotes are sorted and disjoint). */
export function quoteBetween(ctx: LatinCtx, from: number, to: number): QuoteSpan | null {
  const q = ctx.quotes[firstQuoteIndex(ctx.quotes, from)];
  return q && q.end <= to ? q : null;
}

/** Offset of the last of `chars` in text[floor, pos), or -1. */
export function lastOfWithin(text: string, chars: string, pos: number, floor: number): number {
  if (pos <= floor) return -1;
  const window = text.slice(floor, pos);
  let last = -1;
  for (const c of chars) last = Math.max(last, window.lastIndexOf(c));
  return last < 0 ? -1 : floor + last;
}

/** Whether a German subject stands right after the finite cue: "der Minister", "ein Sprecher", a name of two words, "er"/"sie". */
export function clearSubjectAfter(toks: Token[], i: number, clauseEnd: number): boolean {
  let k = i + 1;
  while (k < toks.length && k < i + 4 && DE_MIDFIELD_SKIP.has((toks[k] as Token).text)) k++;
  // Only words before the content count: in "Glos hatte gesagt, die Fraktionen …" the content's subject is not the cue's.
  const a = toks[k]?.end !== undefined && toks[k]!.end <= clauseEnd ? toks[k] : undefined;
  const b = a && toks[k + 1] && toks[k + 1]!.end <= clauseEnd ? toks[k + 1] : undefined;
  if (!a) return false;
  if (/^(?:er|sie)$/u.test(a.text)) return true;
  if (DE_NOMINATIVE_DET.has(a.text) && b && isCap(b.text)) return true;
  return isCap(a.text) && !!b && isCap(b.text) && !DE_SUBJ_STOP.has(a.text) && !/^(?:Am|Im|In|Vor|Nach)$/u.test(a.text);
}

/**
 * Whether German text[from, to) is a subject with an apposition or relative clause, not content: "Der bayerische
 * CSU-Vorsitzende, Edmund Stoiber", "Elon Musk, der Milliardär hinter der Firma", "Zapatero, der der PSOE angehört".
 * The head is a noun phrase of at most eight words ending in a capitalised word, without a finite verb.
 */
export function subjectWithApposition(text: string, from: number, to: number): boolean {
  if (to - from > 240) return false;
  const parts = text.slice(from, to).split(",");
  if (parts.length < 2 || parts.length > 3) return false;
  const head = tokenize(parts[0] as string, 0, (parts[0] as string).length);
  const last = head.at(-1);
  if (head.length === 0 || head.length > 8 || !last || !isCap((head[0] as Token).text) || !isCap(last.text))
    return false;
  if (head.some((t) => DE_AUX.has(t.text) || DE_KONJ.has(t.text))) return false;
  const tail = parts.at(-1) as string;
  const apposition = tokenize(tail, 0, tail.length);
  const a = apposition[0];
  const b = apposition[1];
  if (!a || apposition.length > 14 || apposition.some((t) => DE_KONJ.has(t.text))) return false;
  // A name ("Edmund Stoiber"), a noun phrase ending in a noun ("der Milliardär hinter der Firma", "Manager von
  // Energie Cottbus"), or a relative clause ("der der Partei angehört": pronoun, then no noun).
  if (apposition.length <= 4 && apposition.every((t) => isCap(t.text))) return true;
  if ((isCap(a.text) || DE_NOMINATIVE_DET.has(a.text)) && isCap((apposition.at(-1) as Token).text)) return true;
  return DE_RELATIVE_PRONOUNS.has(a.text) && b !== undefined && !isCap(b.text);
}

/** Whether the words before a German cue (from the clause start) read as a subject: "Der Minister", "Angela Merkel". */
export function vorfeldIsSubject(text: string, toks: Token[], i: number, windowStart: number): boolean {
  const clauseStart = Math.max(windowStart, lastOfWithin(text, ",;:", (toks[i] as Token).start, windowStart) + 1);
  const vf = toks.slice(Math.max(0, i - 8), i).filter((t) => t.start >= clauseStart);
  if (vf.length === 0) return false;
  const first = vf[0] as Token;
  if (DE_VORFELD_DET.has(first.text) || /^(?:der|die|das|ein|eine)$/u.test(first.text))
    return vf.length >= 2 && isCap((vf[1] as Token).text);
  // A name or title of capitalised words only ("Angela Merkel", "Bundeskanzlerin Merkel"); one word is too weak
  // to outweigh a clear subject after the verb ("Davon geht …").
  return vf.length >= 2 && vf.length <= 6 && vf.every((t) => isCap(t.text) || /^(?:von|van|de|der|und)$/u.test(t.text));
}

/** Whether toks[k] opens an unambiguous German nominative: "er", "sie", "der Minister", "Volker Beck". */
function nominativeAhead(toks: Token[], k: number): boolean {
  const a = toks[k]?.text ?? "";
  const b = toks[k + 1]?.text ?? "";
  if (a === "er" || a === "sie" || (a === "der" && isCap(b))) return true;
  return isCap(a) && isCap(b) && !DE_SUBJ_STOP.has(a);
}

/**
 * Where a German name or noun phrase that goes on from toks[from] ends (exclusive): capitalised words, and "der",
 * "des", "von" between them ("Pressemitteilung des WFP", "Sprecher der Polizei"), at most `max` words.
 */
export function capitalRunEnd(toks: Token[], from: number, max: number, link = /^(?:der|des|von)$/u): number {
  let e = from;
  while (e < toks.length && e < from + max && (isCap((toks[e] as Token).text) || link.test((toks[e] as Token).text)))
    e++;
  return e;
}

/** "dafür", "darauf", "davon": a pronominal adverb ends a German noun phrase. */
const DE_PRONOMINAL_ADVERB = /^dar?(?:für|auf|von|mit|über|gegen|an|bei|zu|nach|in|aus|um|unter|hin)$/u;

/** Capitalised noun phrase right after the cue (inverted subject), stopped by prepositions and punctuation. */
export function npAfter(
  ctx: LatinCtx,
  lang: "de" | "en",
  toks: Token[],
  from: number,
  hardEnd: number,
): SpeakerRef | null {
  const { text } = ctx;
  const stop =
    lang === "de"
      ? /^(?:am|im|in|auf|bei|vor|gegenüber|zu|zum|zur|nach|mit|laut|heute|gestern|dazu|auch|bereits|weiter|außerdem|jedoch|aber|dem|den|einem|einer|so|noch|damals|später|zuvor|dann|nun|es|sich|ihm|ihr|ihnen|uns|am|daher|vergangene[nr]?|letzte[nr]?)$/u
      : /^(?:on|in|at|to|of|for|with|after|before|during|yesterday|today|last|this|that|on|told|who|when|while)$/u;
  // "Ebenso plädierte auch Volker Beck dafür", "äußerte sich Kofi Annan": midfield adverbs and "sich" stand between
  // the verb and its subject.
  // Only a plain nominative follows them: "er", "der …", a name; "jedoch das Auftreten …" may be an object.
  let k = from;
  while (lang === "de" && k < from + 3 && (DE_MIDFIELD_ADVERBS.has(toks[k]?.text ?? "") || toks[k]?.text === "sich"))
    k++;
  if (k > from && !nominativeAhead(toks, k)) k = from;
  // ("said one resident", "said another official": "one" and "another" open an English speaker too.)
  const det = lang === "de" ? /^(?:der|die|das|des|ein|eine|eines|einer)$/u : /^(?:the|a|an|one|another)$/u;
  const startTok = toks[k];
  if (!startTok || startTok.end > hardEnd) return null;
  // "said co-author Dr. Mei Tanaka": a lower-case role may open an English name.
  const lowerRole =
    lang === "en" &&
    /^[\p{Ll}-]+$/u.test(startTok.text) &&
    /-|^(?:co|spokes)/u.test(startTok.text) &&
    isCap(toks[k + 1]?.text ?? "");
  // "fordert al Huthi …", "sagte van Gaal": a name's particle may open it.
  const particle = /^(?:al|el|van|von|de|di|da|bin)$/u.test(startTok.text) && isCap(toks[k + 1]?.text ?? "");
  if (!(isCap(startTok.text) || det.test(startTok.text) || LEX[lang].pron.has(startTok.text) || lowerRole || particle))
    return null;
  if (LEX[lang].pron.has(startTok.text)) return { type: "pronoun", start: startTok.start, end: startTok.end };
  let e = k;
  while (e < toks.length && (toks[e] as Token).end <= hardEnd && e - k < 12) {
    const w = (toks[e] as Token).text;
    if (e > k && (stop.test(w) || (lang === "de" && isCap(startTok.text) && DE_PRONOMINAL_ADVERB.test(w)))) break;
    // "der Verfasser folgenden Kommentar": past its noun a German phrase goes on only by a genitive or "von".
    if (
      lang === "de" &&
      e > k + 1 &&
      isCap((toks[e - 1] as Token).text) &&
      /^\p{Ll}/u.test(w) &&
      !/^(?:der|des|von|vom|und|für|aus|zur|zum)$/u.test(w)
    )
      break;
    if (
      e > k &&
      /[,;:.]/u.test(text.slice((toks[e - 1] as Token).end, (toks[e] as Token).start)) &&
      !/^\p{Lu}/u.test(w)
    )
      break;
    e++;
  }
  if (e === k) return null;
  const s = startTok.start;
  const en = (toks[e - 1] as Token).end;
  return refFor(ctx, lang, s, en);
}

export function subjectRef(ctx: LatinCtx, lang: "de" | "en", s: number, e: number): SpeakerRef | null {
  const [a, b] = trimSpan(ctx.text, s, e, /[\s,;:.\-–—()"„“”«»]/u);
  if (b <= a) return null;
  const surface = ctx.text.slice(a, b);
  const words = surface.split(/\s+/u);
  if (words.length > 16) return null;
  // Needs a capitalised or determiner-led phrase; lower-case verbs or clauses are not subjects.
  // (After "but", a lower-case role or group may open it: "but opposition leader Paul Grant", "while analysts".)
  const lowerRole =
    words.length <= 6 && (/\s\p{Lu}/u.test(surface) || GROUP_WORDS.en.has((words[0] as string).toLowerCase()));
  if (
    lang === "en" &&
    !lowerRole &&
    !/^(?:\p{Lu}|the |a |an |its |his |her |their |he|she|they|one |another |some |several |many |two |three )/u.test(
      surface,
    )
  )
    return null;
  if (words.length === 1 && LEX[lang].pron.has(surface)) return { type: "pronoun", start: a, end: b };
  if (lang === "de" && /^(?:es|Es|man|Man|das|Das|dies|Dies)$/u.test(surface)) return null;
  // A German subject is a noun, a name, an article's phrase or a pronoun, never a lower-case adverb ("schon").
  if (lang === "de" && !/^(?:\p{Lu}|er$|sie$|(?:der|die|das|den|dem|des|ein|eine|einer|eines)\s)/u.test(surface))
    return null;
  // "der Finanzminister Hartmut Möllring am Dienstag in Hannover": the subject ends before a time ("in Berlin" may
  // belong to it: "Ein Regierungssprecher in Berlin").
  const adverbial = lang === "de" ? /\s(?:am|heute|gestern|bereits|erneut|vor|gegenüber)\s/u.exec(surface) : null;
  if (adverbial && adverbial.index > 0) return refFor(ctx, lang, a, a + adverbial.index);
  // "The minister, who visited the hospital, said", "The report, published by X, found": the relative clause or
  // participle after a comma is not the English subject's.
  const clause = lang === "en" ? /,\s+(?:who|which|whose|\p{Ll}+ed by|\p{Ll}+ing)\s/u.exec(surface) : null;
  if (clause && clause.index > 0) return refFor(ctx, lang, a, a + clause.index);
  // "President Joe Biden on Monday said": an English subject ends before a time too.
  const when =
    lang === "en"
      ? /\s(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|earlier|last (?:week|month|year|night))\b/u.exec(
          surface,
        )
      : null;
  if (when && when.index > 0) return refFor(ctx, lang, a, a + when.index);
  return refFor(ctx, lang, a, b);
}

function refFor(ctx: LatinCtx, lang: "de" | "en", s: number, e: number): SpeakerRef {
  const surface = ctx.text.slice(s, e);
  const m =
    lang === "de"
      ? /^(?:der|die|das|Der|Die|Das)\s+(\p{L}+)$/u.exec(surface)
      : /^(?:the|The)\s+(\p{L}+)$/u.exec(surface);
  if (m && m[1]) {
    const head = nameTokens(m[1])[0] ?? "";
    if (ORG_WORDS[lang].has(head)) return { type: "backref", start: s, end: e, head };
  }
  return { type: "mention", start: s, end: e };
}

/**
 * The subject of a German clause in text[from, to): its opening noun phrase, or after a fronted adverbial
 * and the verb, the first "der/die/das …" phrase or name of two words. Reads at most 14 words.
 */
export function clauseSubject(ctx: LatinCtx, from: number, to: number): SpeakerRef | null {
  const toks = tokenize(ctx.text, from, Math.min(to, from + 300))
    .filter((t) => quoteAt(ctx.quotes, t.start) < 0)
    .slice(0, 14);
  const lead = leadingNounPhrase(ctx, toks);
  if (lead) return lead;
  for (let k = 1; k < toks.length - 1; k++) {
    const a = toks[k] as Token;
    const b = toks[k + 1] as Token;
    const np =
      DE_NOMINATIVE_DET.has(a.text) && isCap(b.text)
        ? k
        : isCap(a.text) && isCap(b.text) && !DE_SUBJ_STOP.has(a.text)
          ? k
          : -1;
    if (np < 0) continue;
    let e = capitalRunEnd(toks, np + 1, 7);
    while (e > np + 1 && !isCap((toks[e - 1] as Token).text)) e--;
    const words = toks.slice(np, e).flatMap((t) => nameTokens(t.text));
    // A person or body: a title, an organisation or group word, or a name (no article).
    if (
      !DE_NOMINATIVE_DET.has(a.text) ||
      e - np >= 3 ||
      words.some((w) => ORG_WORDS.de.has(w) || ROLE_WORDS.de.has(w) || GROUP_WORDS.de.has(w))
    ) {
      return refFor(ctx, "de", a.start, (toks[e - 1] as Token).end);
    }
    return null;
  }
  return null;
}

/** A German sentence's opening noun phrase ("Die zentrale Wahlkommission", "Louis Gallois"), or null. */
export function leadingNounPhrase(ctx: LatinCtx, toks: Token[]): SpeakerRef | null {
  const first = toks[0];
  // "Das" and "Die" open a noun phrase when a noun follows ("Das Robert-Koch-Institut"), else they are pronouns.
  if (!first || (DE_SUBJ_STOP.has(first.text) && !(DE_VORFELD_DET.has(first.text) && toks[1] && isCap(toks[1].text))))
    return null;
  const det = DE_VORFELD_DET.has(first.text);
  let e = det ? 1 : 0;
  let caps = 0;
  while (e < toks.length && e < 8) {
    const w = (toks[e] as Token).text;
    if (isCap(w)) caps++;
    else if (!(det && caps === 0 && /^\p{Ll}/u.test(w) && /(?:e|en|er|es)$/u.test(w))) break; // "Die zentrale Wahlkommission"
    e++;
  }
  if (caps === 0 || (!det && caps < 2) || e >= toks.length) return null;
  if (/[,;:]/u.test(ctx.text.slice(first.start, (toks[e - 1] as Token).end))) return null;
  // A definite source ("Die Wahlkommission"), not "Eine solche Alternative".
  if (/^Ein/u.test(first.text)) return null;
  return refFor(ctx, "de", first.start, (toks[e - 1] as Token).end);
}
