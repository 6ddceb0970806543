// German and English reporting constructions: quotes with cues before/after, "X sagte, …"/"X said (that) …",
// trailing ", sagte X"/", X said", source frames (laut, zufolge, nach Angaben, according to), and German
// free indirect speech (Konjunktiv I sentences continuing the previous speaker).
import type { Candidate, Lang, SpeakerRef } from "./types";
import { cueFields, quoteAt, tokenize, trimSpan, type QuoteSpan, type Sentence, type Token } from "./text";
import {
  DE_BEKANNT_AUX,
  DE_CLAUSE_JOIN,
  DE_CONDITIONAL_LEAD,
  DE_KONJ,
  DE_KONJ2,
  DE_MIDFIELD_ADVERBS,
  DE_NEGATION,
  DE_NOMINATIVE_DET,
  DE_OBJECT_CUES,
  DE_PASSIVE_AUX,
  DE_PASSIVE_REPORTS,
  DE_QUOTING_CUES,
  DE_PREPOSITIONAL_CUES,
  DE_RELATIVE_PRONOUNS,
  DE_SUBORDINATORS,
  DE_SEPARABLE,
  DE_SO_NOT_SOURCE,
  DE_SUBJ_STOP,
  EN_BARE_COMPLEMENT,
  EN_COLON_CUES,
  EN_PARAPHRASE,
  EN_PARTICLE,
  EN_PARTICIPLES,
  LEX,
  isAdjective,
  isCap,
  type Lex,
} from "./latin-lexicon";
import {
  capitalRunEnd,
  clauseSubject,
  clearSubjectAfter,
  commaBefore,
  firstQuoteIndex,
  lastOfWithin,
  leadingNounPhrase,
  npAfter,
  quoteBetween,
  subjectWithApposition,
  subjectRef,
  vorfeldIsSubject,
  type LatinCtx,
} from "./latin-subjects";
import { anaphoricReport, reportsOf, sourceFrame } from "./latin-source-frames";
import { chooseGermanSpeakers } from "./german-model";
import { dassClause, nounOfSaying } from "./latin-clauses";

export type { LatinCtx };

export function makeLatinContext(text: string, lang: Lang, quotes: QuoteSpan[], sentences: Sentence[]): LatinCtx {
  return { text, lang, quotes, sentences };
}

// Every look around a cue is a bounded window, so the work per cue is constant and extraction stays linear
// however long a "sentence" is (1 MB of "said said …" is one sentence with 200,000 cues). A speaker more than
// LOOKBACK_TOKENS words or LOOKBACK_CHARS characters before its verb is not one a reader would attribute.
const LOOKBACK_TOKENS = 48;
const LOOKBACK_CHARS = 1_000;
/** How far a separable verb's particle may follow it ("teilte … mit"). */
const PARTICLE_WINDOW = 40;

export function extractLatin(ctx: LatinCtx): Candidate[] {
  const out: Candidate[] = [];
  const lang = ctx.lang === "en" ? "en" : "de";
  let prevStatementSentence = -10;
  ctx.sentences.forEach((sent, si) => {
    const prev = ctx.sentences[si - 1];
    const back = lang === "de" && prev ? anaphoricReport(ctx, sent, prev) : null;
    if (back) {
      // The previous sentence is what "Dies" reports: it replaces what was read from that sentence alone.
      while (out.length > 0 && (out[out.length - 1] as Candidate).start >= (prev as Sentence).start) out.pop();
      out.push(...chooseGermanSpeakers(ctx, sent, si - prevStatementSentence <= 1, [back]));
      prevStatementSentence = si;
      return;
    }
    const found = sentenceCandidates(ctx, lang, sent);
    // "WASHINGTON (Reuters) - The United States …": a wire dateline is not what anyone said.
    const dateline = DATELINE.exec(ctx.text.slice(sent.start, sent.start + 80));
    if (dateline) for (const c of found) if (c.start === sent.start) c.start += dateline[0].length;
    const near = si - prevStatementSentence <= 1;
    let continues = false;
    if (found.length === 0 && lang === "de") {
      const said = nounOfSaying(ctx, sent, near) ?? dassClause(ctx, sent);
      if (said) found.push(said);
    }
    if (found.length === 0 && lang === "de") {
      const free = freeIndirect(ctx, sent, near);
      if (free) found.push(free);
      continues = free !== null && near && free.cueStart === null && free.speaker.type === "continuation";
    }
    if (found.length === 0 && lang === "en") {
      const saying = participleAfterClause(ctx, sent);
      if (saying) found.push(saying);
    }
    if (found.length === 0) {
      const q = standaloneQuote(ctx, sent, near);
      if (q) found.push(q);
    }
    // German: a continuation right after a sentence that named someone without a verb of saying
    // ("Das Robert-Koch-Institut sieht keine Gefahr. Lediglich Personen … seien …", "Hier sparte der
    // Bundespräsident nicht mit Kritik: „…“") belongs to that sentence's subject, not to an older speaker.
    if (
      lang === "de" &&
      found.length === 1 &&
      (found[0] as Candidate).speaker.type === "continuation" &&
      (found[0] as Candidate).cueStart === null
    ) {
      const c = found[0] as Candidate;
      const own = c.kind === "direct" ? clauseSubject(ctx, sent.start, c.start) : null;
      const prevSent = ctx.sentences[si - 1];
      const previous = !own && !near && prevSent ? clauseSubject(ctx, prevSent.start, prevSent.end) : null;
      if (own ?? previous) c.speaker = (own ?? previous) as SpeakerRef;
    }
    // English: "The airline blamed the delays on a glitch. It said …": a pronoun after a sentence that reported
    // nothing takes that sentence's subject.
    if (lang === "en" && !near && prev) {
      for (const c of found) if (c.speaker.type === "pronoun") c.speaker = englishSubject(ctx, prev) ?? c.speaker;
    }
    if (found.length > 0) prevStatementSentence = si;
    const trimmed: Candidate[] = [];
    for (const c of found) {
      const [s, e] = trimSpan(ctx.text, c.start, c.end);
      if (e - s >= 3) trimmed.push({ ...c, start: s, end: e });
    }
    // German: reported speech that runs on in the next sentence ("X wies den Vorwurf zurück: … sei richtig. Die Kassen
    // brächten …") is one statement in the annotation; the previous sentence's statement takes this one in.
    const last = out[out.length - 1];
    if (continues && trimmed.length === 1 && last && mergeable(ctx, last, sent, si)) {
      last.end = (trimmed[0] as Candidate).end;
      last.sentenceEnd = sent.end;
      return;
    }
    // German: the ranker of german-model.ts chooses each speaker among the rules' guess and the phrases around it.
    out.push(...(lang === "de" ? chooseGermanSpeakers(ctx, sent, near, trimmed) : trimmed));
  });
  return out;
}

/** Whether a statement ends the sentence right before sentence si, so that sentence may continue it. */
function mergeable(ctx: LatinCtx, last: Candidate, sent: Sentence, si: number): boolean {
  const prev = ctx.sentences[si - 1];
  if (!prev || last.sentenceEnd !== prev.end || last.kind !== "indirect") return false;
  // Only free indirect speech runs on: a statement with its own verb of saying ends with its sentence (measured on train).
  if (last.cueStart !== null) return false;
  return /^[\s.!?“”"«»)]*$/u.test(ctx.text.slice(last.end, prev.end)) && sent.start - prev.end <= 3;
}

function sentenceCandidates(ctx: LatinCtx, lang: "de" | "en", sent: Sentence, depth = 0): Candidate[] {
  const { text } = ctx;
  const all = tokenize(text, sent.start, sent.end);
  const toks = all.filter((t) => quoteAt(ctx.quotes, t.start) < 0);
  const lex = LEX[lang];
  const out: Candidate[] = [];
  // Source frames first: "Laut X", "Nach Angaben X", "X zufolge", "According to X".
  const frame = sourceFrame(ctx, lang, sent, toks);
  // "Ein Sprecher …, sagte …, nach neuesten Erkenntnissen habe …": a frame inside a cue's content is not the source.
  // (The last comma before the frame is found once: the check stays linear in the sentence.)
  const commaBeforeFrame = frame?.cueStart != null ? text.lastIndexOf(",", frame.cueStart) : -1;
  const cueBeforeFrame =
    commaBeforeFrame > sent.start && toks.some((t, k) => k > 0 && t.end <= commaBeforeFrame && SAY_VERBS.test(t.text));
  if (frame && !cueBeforeFrame) return [frame];
  const reports = lang === "de" ? reportsOf(ctx, sent, toks) : null;
  if (reports) return [reports];
  const closing = lang === "en" ? closingAttribution(text, toks) : -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    const w = t.text;
    const lw = w.toLowerCase();
    if (lang === "de" && lw === "wonach" && i + 3 < toks.length) {
      // "Berichte, wonach …": the content follows; the source is the preceding noun phrase.
      out.push({
        ...cueFields(sent, t),
        kind: "indirect",
        start: t.end,
        end: sent.end,
        speaker: { type: "continuation" },
        dateRegions: [],
        confidence: 0.5,
      });
      break;
    }
    if (lang === "en" && lw === "quoted") {
      const quoted = quotedAsSaying(ctx, sent, toks, i);
      if (quoted) {
        out.push(quoted);
        continue;
      }
    }
    // English cues are lower-case words: "the United States" holds no "states".
    let isCue = lang === "en" ? lex.cues.has(lw) && (w === lw || i === 0) : lex.cues.has(lw) || lex.cues.has(w);
    if (!isCue) {
      // "…, so X.": not "…, so um … zu", "…, so dass", nor the "so" that answers a conditional ("Wenn …, so …").
      if (
        lang === "de" &&
        lw === "so" &&
        commaBefore(text, t.start, sent.start) &&
        !DE_SO_NOT_SOURCE.has(toks[i + 1]?.text ?? "") &&
        !DE_CONDITIONAL_LEAD.has(toks[0]?.text ?? "")
      )
        isCue = true;
      else continue;
    }
    if (lang === "de" && isCap(w) && i === 0 && lw !== "so") continue; // "Sagt …" imperative/question forms are rare in news
    if (lang === "en" && EN_COLON_CUES.has(lw) && !/^\s*:/u.test(text.slice(t.end, t.end + 3))) continue;
    // "The new study suggests …, the researchers said.": a closing attribution names who says the whole.
    if (lang === "en" && i < closing) continue;
    // "gab es", "gibt es": there was/is, not a statement.
    if (lang === "de" && /^(?:gab|gibt|gaben|geht|ging)$/u.test(lw) && toks[i + 1]?.text === "es") continue;
    // "bekannt" reports only as "wie … bekannt gab/wurde" or "bekannt (gegeben|geworden …), dass": not "ist nicht bekannt",
    // "bekannt als", "wurde bekannt, als …".
    if (lang === "de" && lw === "bekannt" && !deBekanntReports(text, toks, i)) continue;
    const parts = lex.particles[lw] ?? [];
    const preposition = lang === "de" ? DE_PREPOSITIONAL_CUES[lw] : undefined;
    if (parts.length > 0 || preposition) {
      const rest = toks.slice(i + 1, i + 1 + PARTICLE_WINDOW);
      // A separable particle closes its clause ("gab … bekannt, dass", "teilte … mit."): "gab einen Kommentar zu dem
      // Vorfall ab" has no "zu" particle; "gab die Behörde nicht bekannt" reports nothing.
      const closes = (k: number): boolean => {
        const x = rest[k] as Token;
        if (!DE_SEPARABLE.has(x.text)) return true;
        if (lang === "de" && x.text === "bekannt" && rest[k - 1]?.text === "nicht") return false;
        const next = rest[k + 1]?.start ?? sent.end;
        return (
          next >= sent.end ||
          DE_CLAUSE_JOIN.has(rest[k + 1]?.text ?? "") ||
          /[,.;:!?“”„"»«()–-]/u.test(text.slice(x.end, Math.min(next, x.end + 4)))
        );
      };
      // "rief: „…“": a colon right after the verb opens its content, particle or not; "called the decision
      // “regrettable”": a quotation soon after "called" is what was said.
      const colonNext =
        /^\s*:/u.test(text.slice(t.end, t.end + 3)) ||
        (lang === "en" && /^call/u.test(lw) && quoteBetween(ctx, t.end, toks[i + 6]?.end ?? sent.end) !== null);
      // A participle that ends its clause has its preposition before it: "wurden … als unrealistisch bezeichnet"
      // with its auxiliary (not "sah Gelb-Rot", "die für X sprechen", "die von X spricht").
      const clauseFinal = lang === "de" && lw.endsWith("t") && /^\s*(?:[,.;:!?]|$)/u.test(text.slice(t.end, t.end + 2));
      const before = clauseFinal ? toks.slice(Math.max(0, i - PARTICLE_WINDOW), i) : [];
      const prepositionBefore =
        before.some((x) => lex.aux.has(x.text)) &&
        before.some((x) => (parts.includes(x.text) && !DE_SEPARABLE.has(x.text)) || x.text === preposition);
      if (
        !colonNext &&
        !prepositionBefore &&
        !rest.some((x, k) => (parts.includes(x.text) && closes(k)) || x.text === preposition)
      )
        continue;
    }
    // A paraphrased position ("Investors fear …", "The opposition wants …") yields to an attribution later
    // in the sentence ("…, its leader told Reuters", "…, according to analysts").
    if (lang === "en" && EN_PARAPHRASE.has(lw) && laterAttribution(text, lex, toks, i)) continue;
    const cand = cueCandidate(ctx, lang, sent, toks, i);
    if (cand) {
      out.push(cand);
      const more = lang === "en" ? participleContinuation(ctx, sent, toks, i + 1) : null;
      if (more && more.start > cand.start && more.cueStart !== null) {
        cand.end = Math.min(
          cand.end,
          lastOfWithin(text, ",", more.cueStart, cand.start) > cand.start
            ? lastOfWithin(text, ",", more.cueStart, cand.start)
            : cand.end,
        );
        out.push(more);
      }
      if (lang === "en" && depth < 2) out.push(...englishSecondClause(ctx, sent, toks, cand, depth));
      break;
    }
  }
  return out.length === 0 && frame ? [frame] : out;
}

/**
 * English: a second statement in the same sentence ends the first. "…, but opposition leader Paul Grant said …" is
 * read as a sentence of its own; "… and said the country …" continues the same speaker.
 */
function englishSecondClause(
  ctx: LatinCtx,
  sent: Sentence,
  toks: Token[],
  first: Candidate,
  depth: number,
): Candidate[] {
  const { text } = ctx;
  for (let k = 1; k < toks.length - 2; k++) {
    const t = toks[k] as Token;
    if (t.start <= first.start) continue;
    const gap = text.slice((toks[k - 1] as Token).end, t.start);
    const cueAhead = (from: number, within: number): number => {
      for (let m = from; m < toks.length && m < from + within; m++) {
        const w = (toks[m] as Token).text;
        if (EN_SECOND_CLAUSE_CUES.has(w)) return m;
      }
      return -1;
    };
    if ((/,/u.test(gap) && /^(?:but|while|whereas)$/u.test(t.text)) || /;/u.test(gap)) {
      const from = /;/u.test(gap) ? k : k + 1;
      if (cueAhead(from, 8) < 0) continue;
      first.end = Math.min(first.end, (toks[k - 1] as Token).end);
      return sentenceCandidates(ctx, "en", { start: (toks[from] as Token).start, end: sent.end }, depth + 1);
    }
    if (t.text === "and" && EN_SECOND_CLAUSE_CUES.has((toks[k + 1] as Token).text)) {
      const cue = toks[k + 1] as Token;
      const next = toks[k + 2] as Token;
      const start = next.text === "that" ? (toks[k + 3]?.start ?? sent.end) : next.start;
      if (start >= sent.end) return [];
      first.end = Math.min(first.end, (toks[k - 1] as Token).end);
      return [
        {
          ...cueFields(sent, cue),
          kind: "indirect",
          start,
          end: sent.end,
          speaker: { type: "continuation" },
          dateRegions: [[cue.start, start]],
          confidence: 0.6,
        },
      ];
    }
  }
  return [];
}
/**
 * "The spokesman Karim Haddad dismissed the threat, saying …", "Officials disagreed, calling the drills …": a clause
 * without a verb of saying, then a participle of saying; the clause's subject speaks.
 */
function participleAfterClause(ctx: LatinCtx, sent: Sentence): Candidate | null {
  const toks = tokenize(ctx.text, sent.start, Math.min(sent.end, sent.start + 1_200))
    .filter((t) => quoteAt(ctx.quotes, t.start) < 0)
    .slice(0, 80);
  let verb = toks.findIndex((t, k) => k >= 1 && k <= 12 && /^\p{Ll}+ed$/u.test(t.text));
  if (verb < 1) return null;
  // "The minister has rejected …": the auxiliary is no part of the subject.
  while (verb > 1 && LEX.en.aux.has((toks[verb - 1] as Token).text)) verb--;
  for (let k = verb + 1; k < toks.length - 2; k++) {
    const t = toks[k] as Token;
    if (!EN_CLAUSE_PARTICIPLES.has(t.text) || !commaBefore(ctx.text, t.start, sent.start)) continue;
    const speaker = subjectRef(ctx, "en", sent.start, (toks[verb - 1] as Token).end);
    if (!speaker) return null;
    const next = toks[k + 1] as Token;
    const q = quoteBetween(ctx, t.end, sent.end);
    const quoted = q !== null && /^\s*[:,]?\s*$/u.test(ctx.text.slice(t.end, q.start));
    const start = quoted ? q.start : next.text === "that" ? (toks[k + 2]?.start ?? sent.end) : next.start;
    if (start >= sent.end) return null;
    return {
      ...cueFields(sent, t),
      kind: quoted ? "direct" : "indirect",
      start,
      end: quoted ? q.end : sent.end,
      speaker,
      dateRegions: [[sent.start, start]],
      confidence: 0.6,
    };
  }
  return null;
}
/** The subject of an English sentence: its words before the first past-tense verb or auxiliary ("The airline"). */
function englishSubject(ctx: LatinCtx, sent: Sentence): SpeakerRef | null {
  const toks = tokenize(ctx.text, sent.start, Math.min(sent.end, sent.start + 400)).slice(0, 12);
  const verb = toks.findIndex((t, k) => k >= 1 && (/^\p{Ll}+ed$/u.test(t.text) || LEX.en.aux.has(t.text)));
  if (verb < 1 || LEX.en.subjStop.has((toks[0] as Token).text)) return null;
  const ref = subjectRef(ctx, "en", sent.start, (toks[verb - 1] as Token).end);
  return ref && ref.type !== "pronoun" ? ref : null;
}
/** English verbs that may follow their content and precede their subject: "…, said the minister". */
const EN_INVERTING = new Set(
  "said says added wrote writes told asked noted explained continued insisted warned declared replied argued".split(
    " ",
  ),
);
const EN_CLAUSE_PARTICIPLES = new Set(["saying", "adding", "warning", "arguing", "insisting", "noting", "calling"]);
/** Plain verbs of saying, whose content may hold a source frame of its own ("sagte, nach neuesten Erkenntnissen …"). */
const SAY_VERBS =
  /^(?:sagte|sagten|sagt|erklärte|erklärten|betonte|betonten|teilte|teilten|berichtete|berichteten|schrieb|schrieben|meinte|meinten|fügte|fügten|ergänzte|ergänzten|versicherte|said|told|says)$/u;

/** Index of the comma's next token in a closing English attribution: "…, the researchers said." (else -1). */
function closingAttribution(text: string, toks: Token[]): number {
  const n = toks.length;
  for (let k = Math.max(1, n - 6); k < n; k++) {
    if (!/,/u.test(text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start))) continue;
    const rest = toks.slice(k);
    const said = rest.findIndex((t) => /^(?:said|says|added|told)$/u.test(t.text));
    // "…, the researchers said." / "…, said the researchers.": only a name or description and the verb.
    if (said >= 0 && rest.length <= 6 && rest.slice(0, said).every((t) => !EN_SECOND_CLAUSE_CUES.has(t.text))) return k;
  }
  return -1;
}
const EN_SECOND_CLAUSE_CUES = new Set(["said", "says", "added", "warned", "told", "argued", "insisted", "noted"]);

const EN_WEEKDAY = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/u;

/** A wire dateline opening a sentence: "WASHINGTON (Reuters) - ", "BERLIN (dpa) – ". */
const DATELINE = /^\p{Lu}[\p{Lu} .'’-]{1,40}(?:,\s*\p{Lu}[\p{L} .]{1,30})?\s*(?:\([^()]{1,30}\)\s*)?[-–—]\s+/u;

/** Whether German "bekannt" (token i) reports: "Wie X heute bekannt gab, …", "Es wurde bekannt, dass …" (bounded look-around). */
function deBekanntReports(text: string, toks: Token[], i: number): boolean {
  for (let k = Math.max(0, i - 3); k < i; k++) if (DE_NEGATION.has((toks[k] as Token).text.toLowerCase())) return false;
  for (let k = Math.max(0, i - 8); k < i; k++) if ((toks[k] as Token).text.toLowerCase() === "wie") return true;
  let k = i;
  while (k + 1 < toks.length && k < i + 2 && DE_BEKANNT_AUX.has((toks[k + 1] as Token).text)) k++;
  const end = (toks[k] as Token).end;
  return /^\s*,?\s*(?:dass|daß)\s/u.test(text.slice(end, end + 12));
}

/** Whether a reporting verb or "according to" follows a comma later in the sentence (a bounded look-ahead). */
function laterAttribution(text: string, lex: Lex, toks: Token[], i: number): boolean {
  let comma = false;
  for (let k = i + 1; k < toks.length && k < i + PARTICLE_WINDOW; k++) {
    const t = toks[k] as Token;
    if (/,/u.test(text.slice((toks[k - 1] as Token).end, t.start))) comma = true;
    const lw = t.text.toLowerCase();
    if (comma && ((lex.cues.has(lw) && !EN_PARAPHRASE.has(lw)) || lw === "according")) return true;
  }
  return false;
}

/** ", adding that …" / ", noting …": a second statement of the same speaker in the same sentence. */
function participleContinuation(ctx: LatinCtx, sent: Sentence, toks: Token[], from: number): Candidate | null {
  for (let k = from; k < toks.length; k++) {
    const t = toks[k] as Token;
    if (!EN_PARTICIPLES.has(t.text.toLowerCase()) || !commaBefore(ctx.text, t.start, sent.start)) continue;
    const next = toks[k + 1];
    const start = next && next.text === "that" ? next.end : (next?.start ?? t.end);
    if (toks.length - k < 4) return null;
    return {
      ...cueFields(sent, t),
      kind: "indirect",
      start,
      end: sent.end,
      speaker: { type: "continuation" },
      dateRegions: [],
      confidence: 0.6,
    };
  }
  return null;
}

function cueCandidate(ctx: LatinCtx, lang: "de" | "en", sent: Sentence, toks: Token[], i: number): Candidate | null {
  const { text } = ctx;
  const cue = toks[i] as Token;
  const lex = LEX[lang];
  const b = cueFields(sent, cue);
  const firstInWindow = Math.max(0, i - LOOKBACK_TOKENS);
  const windowStart = Math.max(
    sent.start,
    firstInWindow > 0 ? (toks[firstInWindow] as Token).start : sent.start,
    cue.start - LOOKBACK_CHARS,
  );
  // A quotation opening the sentence, then its speaker and the cue: "“…,” the UN envoy, Martin Griffiths, told …" /
  // "„…“, sagte X". Its speaker is what stands between the quotation and the cue, else the phrase after the cue.
  const lead = ctx.quotes[firstQuoteIndex(ctx.quotes, sent.start)];
  if (
    lead &&
    lead.start - sent.start <= 2 &&
    lead.end <= cue.start &&
    cue.start - lead.end <= 200 &&
    tokenize(text, lead.start, lead.end).length >= 3
  ) {
    const [a, e] = trimSpan(text, lead.end, cue.start, /[\s,;:.\-–—()"„“”«»]/u);
    const spk = e > a ? subjectRef(ctx, lang, a, e) : npAfter(ctx, lang, toks, i + 1, sent.end);
    if (spk)
      return {
        ...b,
        kind: "direct",
        start: lead.start,
        end: lead.end,
        speaker: spk,
        dateRegions: [[cue.start, sent.end]],
        confidence: 0.9,
      };
  }
  // Trailing cue: "<content>, sagte X." / "“…,” X said." / "<content>, so X."
  const comma = lastOfWithin(text, ",”“", cue.start, windowStart);
  // Words after the cue up to the next comma: few after a trailing cue ("…, the bank said yesterday."),
  // many when the cue opens its content ("The mayor's spokesperson, Lisa Grant, said the city would …").
  let restAfterCue = 0;
  for (let k = i + 1; k < toks.length && restAfterCue < 8; k++) {
    if (/[,;:]/u.test(text.slice((toks[k - 1] as Token).end, (toks[k] as Token).start))) break;
    restAfterCue++;
  }
  // At most 8 words, read from a bounded slice (this runs for every cue).
  const shortLead = (end: number): boolean => end - sent.start <= 160 && tokenize(text, sent.start, end).length <= 8;
  // "Zuvor hatte X, Baitullah Mehsud, erklärt, die Taliban …": a comma right after a German cue opens its content.
  const contentRightAfter = lang === "de" && restAfterCue === 0 && i + 1 < toks.length;
  if (
    comma >= 0 &&
    !contentRightAfter &&
    !(lang === "en" && restAfterCue >= 4 && shortLead(comma)) &&
    !contentFollowsCue(ctx, sent, toks, i)
  ) {
    const between = text.slice(comma + 1, cue.start);
    let firstBetween = i;
    while (firstBetween > firstInWindow && (toks[firstBetween - 1] as Token).start >= comma) firstBetween--;
    const btw = toks.slice(firstBetween, i);
    // ", sagte X" / ", said X"; English inverts only plain verbs of saying ("The governor, speaking …, signalled").
    const inverted = btw.length === 0 && (lang === "de" || EN_INVERTING.has(cue.text));
    const enSubj = lang === "en" && btw.length > 0 && btw.length <= 5 && !/[,;]/u.test(between);
    const wie = lang === "de" && btw.length >= 1 && (btw[0] as Token).text.toLowerCase() === "wie";
    // "Der CSU-Vorsitzende, Edmund Stoiber, warf der SPD … vor": the comma closes the subject's apposition.
    const apposition = lang === "de" && inverted && subjectWithApposition(text, sent.start, comma);
    if ((inverted || enSubj) && !wie && !apposition && comma - sent.start > 3) {
      const contentEnd = comma;
      let spk: SpeakerRef | null;
      let contentEnd2 = contentEnd;
      // "…, so Gamkrelids, Schuld daran …": after "so" the speaker ends at the next comma.
      const soEnd = cue.text === "so" ? text.indexOf(",", cue.end) : -1;
      if (inverted) spk = npAfter(ctx, lang, toks, i + 1, soEnd > 0 && soEnd < sent.end ? soEnd : sent.end);
      else spk = subjectRef(ctx, lang, (btw[0] as Token).start, cue.start);
      if (!spk && inverted && lang === "en") {
        // "<content>, the Federal Reserve chair, Jerome Powell, said on Wednesday.": the speaker holds a comma.
        let first = lastOfWithin(text, ",", comma, windowStart);
        // "…, the Federal Reserve chair, Jerome Powell, said": the apposition's head is one comma further back.
        const head = first > sent.start ? lastOfWithin(text, ",", first, windowStart) : -1;
        if (
          head > sent.start + 3 &&
          tokenize(text, head, comma).length <= 10 &&
          /^\s*(?:the|a|an|its|his|her|their|\p{Lu})/u.test(text.slice(head + 1, first))
        )
          first = head;
        if (first > sent.start + 3 && tokenize(text, first, comma).length <= 10) {
          spk = subjectRef(ctx, lang, first + 1, comma);
          if (spk) contentEnd2 = first;
        }
      }
      if (spk) {
        const q = quoteBetween(ctx, sent.start, contentEnd2 + 1);
        const direct = q !== null && q.start - sent.start <= 2 && q.end >= contentEnd2 - 1;
        // An attribution set in the middle, "Der Präsident sei, so X, schuld daran, dass …": the content goes on after it.
        const goesOn =
          inverted && spk.type === "mention" && spk.start > cue.start && attributionInterposed(ctx, sent, spk.end);
        return {
          ...b,
          kind: direct && !goesOn ? "direct" : "indirect",
          start: sent.start,
          end: goesOn ? sent.end : direct && q ? q.end : contentEnd2,
          speaker: spk,
          dateRegions: [[cue.start, sent.end]],
          confidence: direct ? 0.9 : 0.75,
        };
      }
    }
  }
  // Cue then content: "X sagte, …" / "X sagte: „…“" / "X said (that) …" / "Am Montag sagte X, …".
  let j = i + 1;
  let contentStart = -1;
  let afterCueSpeakerEnd = cue.end;
  const limit = Math.min(toks.length, i + 14);
  for (; j <= limit; j++) {
    const prevEnd = (toks[j - 1] as Token).end;
    const nextStart = j < toks.length ? (toks[j] as Token).start : sent.end;
    const gap = text.slice(prevEnd, nextStart);
    const q = quoteBetween(ctx, prevEnd, nextStart);
    // English "said the findings were “a wake-up call”": the quotation closes a clause that starts after the cue.
    const quoteInClause =
      lang === "en" &&
      q !== null &&
      j - i >= 3 &&
      !/[,:]/u.test(text.slice(cue.end, q.start)) &&
      EN_BARE_COMPLEMENT.has(cue.text) &&
      !/^call/u.test(cue.text); // "called the decision “regrettable”": the quotation is what was said
    if (q && j - i <= 8 && !quoteInClause) {
      contentStart = q.start;
      afterCueSpeakerEnd = prevEnd;
      break;
    }
    // "1,200 jobs": a comma between digits is part of the number.
    const numberComma = gap === "," && /\d$/u.test((toks[j - 1] as Token).text) && /^\d/u.test(toks[j]?.text ?? "");
    if (/[,:]/u.test(gap) && !numberComma) {
      if (j >= toks.length) break;
      // "sagte Olli Rehn, EU-Erweiterungskommissar: „…“": a comma before the speaker's role and a colon.
      if (lang === "de" && !/:/u.test(gap) && roleBeforeColon(ctx, toks, j)) continue;
      // "Lammert würdigte die Bundeswehr als ein Kind des Kalten Krieges, das half, …": after an object cue and its
      // object, a relative or subordinate clause belongs to the object; the act itself is what is reported.
      if (lang === "de" && /,/u.test(gap) && objectClauseAfter(toks, i, j)) break;
      // "Police said the suspect, a 34-year-old man, was arrested": a comma inside a bare complement.
      if (
        lang === "en" &&
        !/:/u.test(gap) &&
        j - i >= 2 &&
        EN_BARE_COMPLEMENT.has(cue.text) &&
        (!isCap((toks[i + 1] as Token).text) || EN_WEEKDAY.test((toks[i + 1] as Token).text))
      )
        break;
      contentStart = nextStart;
      afterCueSpeakerEnd = prevEnd;
      break;
    }
    if (lang === "en" && j < toks.length && (toks[j] as Token).text === "that" && j - i <= 6) {
      contentStart = (toks[j] as Token).end;
      afterCueSpeakerEnd = prevEnd;
      break;
    }
  }
  if (contentStart < 0 && lang === "en") {
    // "He said the talks had failed": bare complement after said/told X.
    const lw = cue.text.toLowerCase();
    if (EN_BARE_COMPLEMENT.has(lw)) {
      let k = i + 1;
      if (EN_PARTICLE[lw] && toks[k]?.text === "for") k++;
      if (lw === "told" || lw === "tells")
        while (
          k < toks.length &&
          k < i + 4 &&
          /^(?:the|a|an|reporters|journalists|\p{Lu}\S*)$/u.test((toks[k] as Token).text)
        )
          k++;
      while (
        k < toks.length &&
        /^(?:on|in|last|yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/iu.test(
          (toks[k] as Token).text,
        )
      )
        k++;
      const nt = toks[k];
      if (nt && toks.length - k >= 3 && (k > i + 1 || !/^(?:to|for|of|by|with|as)$/u.test(nt.text))) {
        contentStart = nt.start;
        afterCueSpeakerEnd = k > i + 1 ? (toks[k - 1] as Token).end : cue.end;
      }
    }
  }
  let reported = false;
  if (contentStart < 0 && lang === "de" && DE_OBJECT_CUES.has(cue.text)) {
    // "X forderte eine Überprüfung …": the reported act itself, from after the cue.
    reported = true;
    contentStart = cue.end;
    // "Als Grund nannte Erdoğan Teziç die Verabschiedung …": the subject may follow the verb, before its object.
    afterCueSpeakerEnd = sent.end;
  }
  if (contentStart < 0) return null;
  if (lang === "de") {
    const d = /^\s*(?:dass|daß)\s/u.exec(text.slice(contentStart, contentStart + 6));
    if (d) contentStart += d[0].length;
  }
  // Speaker: after the cue (inversion) or the subject before it.
  let speaker: SpeakerRef | null = null;
  const firstBefore = i > 0 ? (toks[0] as Token) : undefined;
  // "Relativierend fügt Gall hinzu", "Sinngemäß hofft Musk": an adverb alone before the verb is no subject.
  let leadStop = firstBefore
    ? lex.subjStop.has(firstBefore.text) || (lang === "de" && i === 1 && DE_ADVERB_FORM.test(firstBefore.text))
    : true;
  // German V2: "Davon geht Slobodan Samardzic … aus", "… berichtete der Physiker Sebastian Pflugbeil": when a
  // subject clearly follows the verb and what precedes it is no noun phrase of its own, the subject is after.
  if (
    lang === "de" &&
    !leadStop &&
    clearSubjectAfter(toks, i, afterCueSpeakerEnd) &&
    !vorfeldIsSubject(text, toks, i, windowStart) &&
    !commaClosesApposition(text, sent, cue)
  )
    leadStop = true;
  if (leadStop || firstBefore === undefined) speaker = npAfter(ctx, lang, toks, i + 1, afterCueSpeakerEnd);
  if (!speaker && firstBefore) {
    // Skip a leading adverbial up to the finite verb in V2 clauses; otherwise the subject runs from the clause start.
    // Only the window is read: a subject starting before it has more words than subjectRef accepts anyway.
    let s = firstBefore.start;
    const beforeToks = toks.slice(firstInWindow, i);
    // "Da es keine Verordnung gibt, hat der VfGH entschieden": a clause before the auxiliary; the subject follows it.
    const clauseAux =
      lang === "de" && DE_SUBORDINATORS.has(firstBefore.text.toLowerCase())
        ? beforeToks.findIndex((t, k) => k > 0 && lex.aux.has(t.text) && commaBefore(text, t.start, sent.start))
        : -1;
    const auxIdx = clauseAux >= 0 ? clauseAux : beforeToks.findIndex((t) => lex.aux.has(t.text));
    const subjectAfterAux = (leadStop || clauseAux >= 0) && auxIdx >= 0;
    if (subjectAfterAux) {
      // "will heute Außenminister Straw … bekannt geben": an adverb before the subject is not part of it.
      let k = auxIdx + 1;
      while (k < beforeToks.length - 1 && DE_MIDFIELD_ADVERBS.has((beforeToks[k] as Token).text)) k++;
      s = beforeToks[k]?.start ?? cue.start;
    }
    // "Während Shakira erklärte, …": the cue ends the clause a subordinator opens; its subject follows the subordinator.
    else if (
      lang === "de" &&
      i >= 2 &&
      DE_SUBORDINATORS.has(firstBefore.text.toLowerCase()) &&
      i <= 16 &&
      !/,/u.test(text.slice(firstBefore.end, cue.start)) &&
      /^\s*(?:(?:hat|hatte|hatten|habe|haben|ist|war|sei|wurde|worden)\s*)?,/u.test(text.slice(cue.end, cue.end + 12))
    )
      s = (toks[1] as Token).start;
    // "…; Die Nachrichtenseite Business Insider berichtete": a semicolon ends the clause before the subject.
    const semicolon = lastOfWithin(text, ";", cue.start, Math.max(s, windowStart));
    if (semicolon > s) s = semicolon + 1;
    const e = auxIdx >= 0 && !subjectAfterAux ? (beforeToks[auxIdx] as Token).start : cue.start;
    const lastComma = lastOfWithin(text, ",", cue.start, Math.max(s, windowStart));
    // "X, Sprecher von Y, sagte": keep the whole apposition; a clause comma ("Nachdem …, sagte X") is skipped.
    // "Wie der Vorsitzende Richter, Ottmar Breidling, ausführte, …": after "Wie" the commas hold an apposition.
    const wieLead =
      lang === "de" &&
      firstBefore.text === "Wie" &&
      i <= 16 &&
      /^(?:\p{Lu}|der$|die$|das$|ein$|eine$|sein$|seine$|ihr$|ihre$)/u.test(toks[1]?.text ?? "") &&
      lastComma > s;
    if (wieLead) s = (toks[1] as Token).start;
    else if (lastComma > s && leadStop && !subjectAfterAux) s = lastComma + 1;
    speaker = s >= windowStart ? subjectRef(ctx, lang, s, e) : null;
  }
  if (!speaker) speaker = npAfter(ctx, lang, toks, i + 1, afterCueSpeakerEnd);
  // "Es wurde bekannt, dass …", "Ihm wird vorgeworfen, …": a passive report names no speaker, yet reports.
  if (
    !speaker &&
    lang === "de" &&
    DE_PASSIVE_REPORTS.has(cue.text) &&
    toks.slice(Math.max(0, i - 3), i).some((t) => DE_PASSIVE_AUX.has(t.text))
  )
    speaker = { type: "none" };
  if (!speaker) return null;
  // "Nun heißt es im Abschlussbericht, …", "In der Resolution … heißt es, …": the text it is written in speaks;
  // "Als Begründung heißt es, …" names none and continues the speaker before.
  if (lang === "de" && /^(?:heißt|hieß)$/u.test(cue.text))
    speaker = writtenIn(ctx, toks, i, windowStart, afterCueSpeakerEnd) ?? { type: "continuation" };
  // "Die Forderungen wurden von Minister X als unrealistisch bezeichnet": a passive's agent speaks.
  if (lang === "de") speaker = passiveAgent(ctx, toks, i, windowStart) ?? speaker;
  // "Reuters zitiert Solana mit den Worten, …": who quotes is the outlet; the one quoted speaks.
  if (lang === "de" && DE_QUOTING_CUES.has(cue.text))
    speaker = quotedAfter(ctx, toks, i, afterCueSpeakerEnd) ?? speaker;
  return {
    ...b,
    kind: "indirect",
    // A reported act ("Spiegel Online berichtet vom Einsturz …") is the whole sentence, its speaker included.
    start: reported ? sent.start : contentStart,
    end: sent.end,
    speaker,
    dateRegions: [[sent.start, contentStart]],
    confidence: (speaker.type === "mention" ? 0.8 : 0.65) - (reported ? 0.25 : 0),
  };
}
/** The noun phrase of at most six words that is all of text[from, to) up to a colon ("und der Ministerpräsident X:"). */
function nameBeforeColon(ctx: LatinCtx, from: number, to: number): SpeakerRef | null {
  const colon = ctx.text.lastIndexOf(":", to);
  if (colon < from || to - from > 160) return null;
  let toks = tokenize(ctx.text, from, colon);
  if (/^(?:und|Und|auch|Auch|sowie)$/u.test(toks[0]?.text ?? "")) toks = toks.slice(1);
  const first = toks[0];
  if (!first || toks.length > 6 || !isCap((toks.at(-1) as Token).text)) return null;
  const nounPhrase = toks.every(
    (t) =>
      isCap(t.text) || DE_NOMINATIVE_DET.has(t.text) || isAdjective(t.text) || /^(?:von|der|des|und)$/u.test(t.text),
  );
  return nounPhrase && !DE_SUBJ_STOP.has(first.text) ? subjectRef(ctx, "de", first.start, colon) : null;
}

/** Whether toks[j] starts a short capitalised role that a colon ends: "EU-Erweiterungskommissar: „…“". */
function roleBeforeColon(ctx: LatinCtx, toks: Token[], j: number): boolean {
  for (let k = j; k < toks.length && k < j + 5; k++) {
    const t = toks[k] as Token;
    if (k === j && !isCap(t.text)) return false;
    const gap = ctx.text.slice(t.end, toks[k + 1]?.start ?? t.end + 2);
    if (/:/u.test(gap)) return true;
    if (/[,;.]/u.test(gap)) return false;
  }
  return false;
}

/** "Der Bürgermeister, Henning Scherf (SPD), warnte …": the comma right before a German cue closes the subject's apposition. */
function commaClosesApposition(text: string, sent: Sentence, cue: Token): boolean {
  const comma = lastOfWithin(text, ",", cue.start, Math.max(sent.start, cue.start - 240));
  return (
    comma > sent.start &&
    /^\s*$/u.test(text.slice(comma + 1, cue.start)) &&
    subjectWithApposition(text, sent.start, comma)
  );
}

/**
 * Whether the comma before token j opens a clause on the object of a German object cue at i, not its content: a
 * relative pronoun followed by a small word ("das half", "die von … sprachen") or a subordinator ("weil", "um").
 */
function objectClauseAfter(toks: Token[], i: number, j: number): boolean {
  const cue = toks[i] as Token;
  const next = toks[j];
  if (!DE_OBJECT_CUES.has(cue.text) || j - i < 3 || !next) return false;
  if (DE_SUBORDINATORS.has(next.text)) return true;
  const after = toks[j + 1];
  return DE_RELATIVE_PRONOUNS.has(next.text) && after !== undefined && !isCap(after.text) && !DE_KONJ.has(after.text);
}

/**
 * The agent of a German passive report: "von/vom X" after "wurde(n)/wird/werden" and before the participle cue at i,
 * or opening the clause ("Von der Opposition wurde … kritisiert").
 */
function passiveAgent(ctx: LatinCtx, toks: Token[], i: number, windowStart: number): SpeakerRef | null {
  // The clause of the cue only: "…, die von der BCI gegründet wurde, hat … bekannt gegeben" is no passive.
  const clauseStart = Math.max(windowStart, lastOfWithin(ctx.text, ",;", (toks[i] as Token).start, windowStart) + 1);
  const clause = toks.slice(Math.max(0, i - LOOKBACK_TOKENS), i).filter((t) => t.start >= clauseStart);
  const aux = clause.findIndex((t) => /^(?:wurde|wurden|wird|werden)$/u.test(t.text));
  if (aux < 0 || !(toks[i] as Token).text.endsWith("t")) return null;
  const v = clause.findIndex((t, k) => /^(?:von|vom|Von|Vom)$/u.test(t.text) && (k > aux || k === 0));
  // "In einem Bericht von ndr.de werden die Vorkehrungen als „extrem“ bezeichnet": no agent; the text it is in.
  if (v < 0) return writtenIn(ctx, toks, i, windowStart, (toks[i] as Token).start);
  let k = v + 1;
  if (/^(?:der|dem|den|des|einem|einer|seinen|ihren)$/u.test(clause[k]?.text ?? "")) k++;
  const first = clause[k];
  if (!first || !isCap(first.text)) return null;
  const e = capitalRunEnd(clause, k + 1, clause.length);
  return subjectRef(ctx, "de", first.start, (clause[e - 1] as Token).end);
}

/** The phrase after "in"/"im"/"auf" around "heißt es": "im Abschlussbericht", "in einer Erklärung der Behörde". */
function writtenIn(ctx: LatinCtx, toks: Token[], i: number, windowStart: number, end: number): SpeakerRef | null {
  // Only the words around the cue are read (its window and the dozen after it): linear in a long sentence.
  for (let k = Math.max(0, i - LOOKBACK_TOKENS); k < toks.length && k < i + 12 && (toks[k] as Token).end <= end; k++) {
    const t = toks[k] as Token;
    if (t.start < windowStart || k === i || !/^(?:in|im|In|Im|auf|Auf)$/u.test(t.text)) continue;
    let h = k + 1;
    if (/^(?:der|dem|einer|einem|dieser|diesem|seinem|seiner|ihrem|ihrer)$/u.test(toks[h]?.text ?? "")) h++;
    const first = toks[h];
    if (!first || !(isCap(first.text) || /-\p{Lu}/u.test(first.text))) continue; // "documenta-Homepage"
    const e = capitalRunEnd(toks, h + 1, 5);
    // With its article when it has one ("der documenta-Homepage"): a phrase may open in lower case.
    return subjectRef(ctx, "de", (toks[h > k + 1 ? k + 1 : h] as Token).start, (toks[e - 1] as Token).end);
  }
  return null;
}

/** The one quoted after "zitiert": "zitiert Solana mit den Worten", "zitierte den Fraktionschef der Grünen:". */
function quotedAfter(ctx: LatinCtx, toks: Token[], i: number, end: number): SpeakerRef | null {
  let k = i + 1;
  if (/^(?:den|dem|die|der|einen|eine|ein|einem)$/u.test(toks[k]?.text ?? "")) k++;
  const first = toks[k];
  if (!first || first.end > end || !isCap(first.text)) return null;
  let e = k + 1;
  while (
    e < toks.length &&
    e < k + 8 &&
    (toks[e] as Token).end <= end &&
    (isCap((toks[e] as Token).text) || /^(?:von|der|des)$/u.test((toks[e] as Token).text)) &&
    !/[,;:„“"]/u.test(ctx.text.slice((toks[e - 1] as Token).end, (toks[e] as Token).start))
  )
    e++;
  return subjectRef(ctx, "de", first.start, (toks[e - 1] as Token).end);
}

/** "Reuters quoted the minister as saying (that) …": the one quoted speaks, not the outlet. */
function quotedAsSaying(ctx: LatinCtx, sent: Sentence, toks: Token[], i: number): Candidate | null {
  for (let k = i + 2; k + 1 < toks.length && k <= i + 10; k++) {
    if ((toks[k] as Token).text !== "as" || (toks[k + 1] as Token).text !== "saying") continue;
    const one = toks[i + 1] as Token;
    const speaker: SpeakerRef | null =
      k === i + 2 && /^(?:him|her|them)$/u.test(one.text)
        ? { type: "pronoun", start: one.start, end: one.end }
        : subjectRef(ctx, "en", one.start, (toks[k - 1] as Token).end);
    // "as saying: “…”": the quotation; else the words after "saying (that)".
    const q = quoteBetween(ctx, (toks[k + 1] as Token).end, sent.end);
    const next = toks[k + 2];
    const start =
      q && /^\s*[:,]?\s*$/u.test(ctx.text.slice((toks[k + 1] as Token).end, q.start))
        ? q.start
        : next?.text === "that"
          ? (toks[k + 3]?.start ?? sent.end)
          : (next?.start ?? sent.end);
    if (!speaker || start >= sent.end) return null;
    const direct = q !== null && start === q.start;
    return {
      ...cueFields(sent, toks[i] as Token),
      kind: direct ? "direct" : "indirect",
      start,
      end: direct ? q.end : sent.end,
      speaker,
      dateRegions: [[sent.start, start]],
      confidence: direct ? 0.9 : 0.75,
    };
  }
  return null;
}

/** Capitalised adverbs by their form: "Relativierend", "Sinngemäß", "Möglicherweise", "Ausdrücklich". */
const DE_ADVERB_FORM = /^\p{Lu}\p{Ll}+(?:end|lich|weise|mäßig|gemäß)$/u;

/** Whether a comma closes the attribution ending at `from` and at least three more words of the sentence follow it. */
function attributionInterposed(ctx: LatinCtx, sent: Sentence, from: number): boolean {
  const rest = /^\s*(?:weiter|zufolge|further)?\s*,/u.exec(ctx.text.slice(from, Math.min(sent.end, from + 20)));
  return rest !== null && tokenize(ctx.text, from + rest[0].length, Math.min(sent.end, from + 200)).length >= 3;
}

/**
 * Whether the content follows the cue and its speaker, so that a comma before the cue closes no content:
 * "Im Brief, den er schickte, erklärt er: „…“", "Gegenüber „AP“ sagte X, der Y: „…“". A colon or a
 * quotation of three words or more within 14 words of the cue, or ", dass" at its first comma.
 */
function contentFollowsCue(ctx: LatinCtx, sent: Sentence, toks: Token[], i: number): boolean {
  let commaSeen = false;
  for (let k = i + 1; k <= Math.min(toks.length, i + 14); k++) {
    const prevEnd = (toks[k - 1] as Token).end;
    const nextStart = k < toks.length ? (toks[k] as Token).start : sent.end;
    const q = quoteBetween(ctx, prevEnd, nextStart);
    if (q && tokenize(ctx.text, q.start, Math.min(q.end, q.start + 200)).length >= 3) return true;
    if (/:/u.test(ctx.text.slice(prevEnd, q ? q.start : nextStart)) && (q !== null || toks.length - k >= 3))
      return true;
    // "X, der …, sagte Reportern, dass …": the first comma after the cue opens a "dass" clause.
    if (!commaSeen && /,/u.test(ctx.text.slice(prevEnd, nextStart))) {
      commaSeen = true;
      if (k < toks.length && k - i <= 5 && /^(?:dass|daß)$/u.test((toks[k] as Token).text)) return true;
    }
  }
  return false;
}

/** German free indirect speech: a Konjunktiv I sentence right after a statement continues its speaker. */
function freeIndirect(ctx: LatinCtx, sent: Sentence, near: boolean): Candidate | null {
  const toks = tokenize(ctx.text, sent.start, sent.end).filter((t) => quoteAt(ctx.quotes, t.start) < 0);
  if (toks.length < 3) return null;
  const first = (toks[0] as Token).text;
  // "Demnach/Danach …" attributes the sentence to the source just named.
  // "Danach" is mostly "afterwards": only with Konjunktiv I does it attribute.
  if (
    (first === "Demnach" || (first === "Danach" && toks.some((t) => DE_KONJ.has(t.text) && !DE_KONJ2.has(t.text)))) &&
    toks.length > 3
  ) {
    return {
      ...cueFields(sent, toks[0] as Token),
      kind: "indirect",
      start: (toks[1] as Token).start,
      end: sent.end,
      speaker: { type: "continuation" },
      dateRegions: [],
      confidence: 0.5,
    };
  }
  const konj1 = toks.some((t) => DE_KONJ.has(t.text) && !DE_KONJ2.has(t.text));
  const konj2 = toks.some((t) => DE_KONJ2.has(t.text) || /^(?:hätte|wäre|würde)$/u.test(t.text));
  // Reportive "soll(en) … haben/sein/worden/werden/bleiben": hearsay with the source left implicit.
  const hearsay =
    toks.some((t) => /^(?:soll|sollen)$/u.test(t.text)) &&
    /\b(?:haben|sein|worden|werden|bleiben)\W*$/u.test(ctx.text.slice(Math.max(sent.start, sent.end - 64), sent.end));
  if (!(konj1 || (near && hearsay) || (near && konj2))) return null;
  // Far from any statement, the sentence's own subject is the best guess ("Die Wahlkommission hatte …, das Gericht sei …").
  const own = near ? null : leadingNounPhrase(ctx, toks);
  return {
    ...cueFields(sent, null),
    kind: "indirect",
    start: sent.start,
    end: sent.end,
    speaker: own ?? { type: "continuation" },
    dateRegions: [],
    confidence: near ? 0.45 : 0.35,
  };
}
/** A sentence that is (almost) entirely a quotation, right after a statement, continues that speaker. */
function standaloneQuote(ctx: LatinCtx, sent: Sentence, near: boolean): Candidate | null {
  // The longest quotation of at least four words (shorter ones are mostly names, titles, scare quotes).
  let best: QuoteSpan | null = null;
  for (let i = firstQuoteIndex(ctx.quotes, sent.start); i < ctx.quotes.length; i++) {
    const q = ctx.quotes[i] as QuoteSpan;
    if (q.start >= sent.end) break;
    if (q.end > sent.end) continue;
    if (tokenize(ctx.text, q.start, Math.min(q.end, q.start + 200)).length < 2) continue;
    if (!best || q.end - q.start > best.end - best.start) best = q;
  }
  if (!best) return null;
  const whole = best.start - sent.start <= 1 && best.end >= sent.end - 2;
  // A title or name in quotation marks inside a sentence ("die Kampagne „Ein Schiff für Gaza“", "der „Red Bull
  // Racing Teams“"): seven words at most, no punctuation of its own, after an article or a noun.
  const before = /(\p{L}+)\W*$/u.exec(ctx.text.slice(Math.max(sent.start, best.start - 40), best.start))?.[1] ?? "";
  if (
    !whole &&
    tokenize(ctx.text, best.start, Math.min(best.end, best.start + 200)).length <= 7 &&
    !/[.,!?;:]/u.test(ctx.text.slice(best.start + 1, best.end - 1)) &&
    (/^(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|the|a|an)$/u.test(before) || isCap(before))
  )
    return null;
  // Under four words only a whole sentence right after a statement: "“Everything is gone.”", not a title or name.
  if (tokenize(ctx.text, best.start, Math.min(best.end, best.start + 200)).length < 4 && !(whole && near)) return null;
  const colon = /:\s*$/u.test(ctx.text.slice(sent.start, best.start));
  if (!whole && !colon && !near) return null;
  // "BKA-Präsident Ziercke: „…“": a name or role alone before the colon speaks.
  const named = colon && ctx.lang === "de" ? nameBeforeColon(ctx, sent.start, best.start) : null;
  return {
    ...cueFields(sent, null),
    kind: "direct",
    start: best.start,
    end: best.end,
    speaker: named ?? { type: "continuation" },
    dateRegions: [],
    confidence: whole && near ? 0.5 : 0.4,
  };
}
