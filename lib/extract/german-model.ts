// German speakers, chosen by a learned ranker on top of the rules in latin.ts. The rules find where a statement is
// and write down a speaker (the subject of the cue, the source of a frame, or "whoever spoke before"); in German
// Wikinews that guess is wrong about one time in four, mostly for statements without a verb of saying. Each German
// candidate is offered a few speakers — the rules' own, the previous statement's, the sentence's subject, the
// capitalised phrases of the sentence and of the one before — and averaged ranking perceptrons over each option's
// features (its words and head, role/organisation/group words, the words around it, where it stands relative to the
// content and the cue) picks one. Four choices of the rules stand: a report they found to name no one ("Es wurde
// bekannt, dass …"), a continuation they gave to the subject of the sentence before, the source a frame names
// ("laut X", "nach Angaben X", "X zufolge"), and the text or earlier speaker "heißt es" points to.
// Trained by scripts/train-extract-de.ts on the train split of the German Wikinews quotation set; its weights
// (german-model.weights.json) derive from CC BY-NC-SA 4.0 data and keep that licence.
// Work per candidate is bounded: at most MAX_WORDS words of two sentences are read, MAX_RUNS + MAX_RUNS / 2 phrases
// are offered, and each feature is one hash lookup.
import { z } from "zod";
import type { Candidate, SpeakerRef } from "./types";
import { GROUP_WORDS, ORG_WORDS, ROLE_WORDS } from "./speakers";
import { cueFields, quoteAt, tokenize, type Sentence, type Token } from "./text";
import { DE_KONJ, DE_SUBJ_STOP } from "./latin-lexicon";
import { clauseSubject, type LatinCtx } from "./latin-subjects";
import weightsFile from "./german-model.weights.json";

export interface GermanModel {
  /** How likely a speaker option is right: the highest-scoring option becomes the candidate's speaker. */
  speaker(features: string[], option: SpeakerOption, options: SpeakerOption[], c: Candidate): number;
  /**
   * Training only (scripts/train-extract-de.ts): also offer each sentence the rules leave empty as a whole-sentence
   * candidate, so the ranker learns from statements without a verb of saying; such candidates are never returned.
   */
  offerWholeSentences?: boolean;
  /** Training only: sees each candidate with its options once its speaker is chosen. */
  observe?(c: Candidate, options: SpeakerOption[]): void;
}

const weightsFileSchema = z.object({
  licence: z.string().min(1),
  weights: z.record(z.string(), z.number()),
});
export type WeightsFile = z.infer<typeof weightsFileSchema>;

/** A linear scorer: the sum of the weights of the features present. */
export function linear(weights: ReadonlyMap<string, number>): (features: string[]) => number {
  return (features) => features.reduce((sum, f) => sum + (weights.get(f) ?? 0), 0);
}

export const GERMAN_MODEL: GermanModel = {
  speaker: linear(new Map(Object.entries(weightsFileSchema.parse(weightsFile).weights))),
};

/** A source frame names its source: "laut X", "nach Angaben X", "X zufolge" (its cue starts with one of these). */
const FRAME_WORDS = /^(?:laut|Laut|gemäß|Gemäß|nach|Nach|zufolge)\b/u;

/** The rules' own speaker (the first option) is replaced only by an option that outscores it by this much. */
const RULES_MARGIN = 2;

/** Words of a sentence read for its phrases: a run-on "sentence" of 100,000 words is read by its opening. */
const MAX_WORDS = 80;

/**
 * Sets each German candidate's speaker to the model's choice, in text order, and remembers the last written speaker,
 * which the next continuation inherits.
 */
export function chooseGermanSpeakers(ctx: LatinCtx, sent: Sentence, near: boolean, found: Candidate[]): Candidate[] {
  const model = ctx.deModel ?? GERMAN_MODEL;
  const whole = found.length === 0 && model.offerWholeSentences === true && sent.end - sent.start >= 20;
  for (const c of whole ? [wholeSentence(ctx, sent, near)] : found) {
    const options = speakerOptions(ctx, sent, near, c);
    let best: SpeakerOption | undefined;
    let bestScore = -Infinity;
    const framed = c.cueStart !== null && FRAME_WORDS.test(ctx.text.slice(c.cueStart, c.cueStart + 8));
    // "heißt es": the rules read the text it is written in, or the speaker before (when there is one); no phrase of
    // the clause speaks.
    const written = c.cueStart !== null && /^(?:heißt|hieß)\b/u.test(ctx.text.slice(c.cueStart, c.cueStart + 6));
    for (const o of options) {
      const sc =
        o.features.includes("rule|subjectBefore") ||
        (framed && o === options[0] && o.features.includes("t:rule")) ||
        (written && o === options[0] && o.end > o.start)
          ? Infinity
          : model.speaker(o.features, o, options, c) + (o === options[0] ? RULES_MARGIN : 0);
      if (sc > bestScore) [best, bestScore] = [o, sc];
    }
    if (best && c.speaker.type !== "none") c.speaker = best.ref;
    model.observe?.(c, options);
    if (!whole && (c.speaker.type === "mention" || c.speaker.type === "backref"))
      ctx.deLastSpeaker = { start: c.speaker.start, end: c.speaker.end };
  }
  return found;
}

/** A sentence offered whole (training only): Konjunktiv right after a statement continues it, else its subject speaks. */
function wholeSentence(ctx: LatinCtx, sent: Sentence, near: boolean): Candidate {
  // "Heutige Fahrzeuge seien …" continues whoever spoke before; "Die Medien sprechen von …" names its source first.
  const konj = tokenize(ctx.text, sent.start, Math.min(sent.end, sent.start + 1_200))
    .slice(0, MAX_WORDS)
    .some((t) => DE_KONJ.has(t.text) || /^(?:hätte|wäre|würde|könnte|müsste|sollte)$/u.test(t.text));
  const own = near && konj ? null : clauseSubject(ctx, sent.start, sent.end);
  return {
    ...cueFields(sent, null),
    kind: "indirect",
    start: sent.start,
    end: sent.end,
    speaker: own ?? { type: "continuation" },
    dateRegions: [],
    confidence: 0.35,
  };
}

/** One choice of speaker for a candidate: the rule's, the sentence's subject, a name in it, or the previous speaker. */
export interface SpeakerOption {
  ref: SpeakerRef;
  /** The words that would be read as the speaker ("" for a continuation with no speaker before). */
  start: number;
  end: number;
  features: string[];
}

const DE_DETS = /^(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem)$/iu;
const DE_NP_LINK = /^(?:von|vom|der|des|für|und)$/u;
/** At most this many capitalised runs of a sentence are offered as speakers. */
const MAX_RUNS = 8;

/** The options a candidate's speaker is chosen from, each with its features (bounded: a few runs per sentence). */
export function speakerOptions(ctx: LatinCtx, sent: Sentence, near: boolean, c: Candidate): SpeakerOption[] {
  const o = c.cueStart !== null ? "cue" : `conf:${c.confidence}`;
  const konj = /\b(?:sei|seien|habe|werde|könne|müsse|solle|wolle|hätte|wäre|würde)\b/u.test(
    ctx.text.slice(c.start, Math.min(c.end, c.start + 600)),
  );
  const out: SpeakerOption[] = [];
  const add = (type: string, ref: SpeakerRef, start: number, end: number): void => {
    if (out.some((x) => x.start === start && x.end === end && x.ref.type === ref.type)) {
      const same = out.find((x) => x.start === start && x.end === end);
      same?.features.push(`also:${type}`);
      return;
    }
    const f = [`t:${type}`, `t:${type}|${o}`, `t:${type}|konj:${konj}`, `t:${type}|near:${near}`];
    if (end > start) f.push(...npFeatures(ctx, type, start, end, c));
    else f.push(`t:${type}|empty`);
    out.push({ ref, start, end, features: f });
  };
  const r = c.speaker;
  if (r.type === "mention" || r.type === "backref" || r.type === "pronoun") {
    add("rule", r, r.start, r.end);
    // The rules' continuation of a sentence that named someone without a verb of saying (latin.ts): it stands.
    if (r.start < sent.start && c.cueStart === null) out[0]?.features.push("rule|subjectBefore");
  } else if (r.type === "none") add("none", r, 0, 0);
  const last = ctx.deLastSpeaker;
  add("prev", { type: "continuation" }, last?.start ?? 0, last?.end ?? 0);
  const subj = clauseSubject(ctx, sent.start, sent.end);
  if (subj && subj.type === "mention") add("subj", subj, subj.start, subj.end);
  // Capitalised runs of the sentence outside quotations ("Bundesverkehrsminister Manfred Stolpe", "der Polizei"), and
  // of the sentence before ("Der Iran streitet dies ab. Sein Programm diene …").
  capitalRuns(ctx, sent.start, sent.end, MAX_RUNS, (s0, e0) =>
    add("np", { type: "mention", start: s0, end: e0 }, s0, e0),
  );
  const prev = ctx.sentences[sentenceIndexBefore(ctx, sent.start)];
  if (prev && prev.end <= sent.start)
    capitalRuns(ctx, prev.start, prev.end, MAX_RUNS / 2, (s0, e0) =>
      add("pnp", { type: "mention", start: s0, end: e0 }, s0, e0),
    );
  return out;
}

/** Up to `max` runs of capitalised words (with "von", "der", "für" between them) in text[from, to), quotations left out. */
function capitalRuns(ctx: LatinCtx, from: number, to: number, max: number, each: (s: number, e: number) => void): void {
  const toks = tokenize(ctx.text, from, Math.min(to, from + 1_200))
    .slice(0, MAX_WORDS)
    .filter((t) => quoteAt(ctx.quotes, t.start) < 0);
  let runs = 0;
  for (let i = 0; i < toks.length && runs < max; i++) {
    const t = toks[i] as Token;
    if (!/^\p{Lu}/u.test(t.text) || (i === 0 && DE_SUBJ_STOP.has(t.text))) continue;
    let e = i + 1;
    while (
      e < toks.length &&
      e < i + 8 &&
      (/^\p{Lu}/u.test((toks[e] as Token).text) ||
        (DE_NP_LINK.test((toks[e] as Token).text) && /^\p{Lu}/u.test(toks[e + 1]?.text ?? ""))) &&
      !/[,;:.()]/u.test(ctx.text.slice((toks[e - 1] as Token).end, (toks[e] as Token).start))
    )
      e++;
    const s0 = i > 0 && DE_DETS.test((toks[i - 1] as Token).text) ? (toks[i - 1] as Token).start : t.start;
    each(s0, (toks[e - 1] as Token).end);
    runs++;
    i = e - 1;
  }
}

/** Index of the last sentence starting before `pos` (binary search; sentences are in text order). */
function sentenceIndexBefore(ctx: LatinCtx, pos: number): number {
  let lo = 0;
  let hi = ctx.sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ctx.sentences[mid] as Sentence).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Role words long enough to head a compound ("Bundesverkehrsminister", "Polizeisprecher"). */
const ROLE_SUFFIXES = [...ROLE_WORDS.de].filter((r) => r.length > 4);

function npFeatures(ctx: LatinCtx, type: string, start: number, end: number, c: Candidate): string[] {
  const toks = tokenize(ctx.text, start, Math.min(end, start + 300)).slice(0, 12);
  const words = toks.map((t) => t.text.toLowerCase());
  const head = words[words.length - 1] ?? "";
  const f = [`h:${head}`, `hs:${head.slice(-4)}`, `n:${Math.min(5, toks.length)}`];
  if (toks[0] && DE_DETS.test(toks[0].text)) f.push(`${type}|det`);
  const caps = toks.filter((t) => /^\p{Lu}/u.test(t.text)).length;
  f.push(`${type}|caps:${Math.min(3, caps)}`);
  for (const w of words) {
    if (ROLE_WORDS.de.has(w) || ROLE_SUFFIXES.some((r) => w.endsWith(r))) f.push(`${type}|role`);
    if (ORG_WORDS.de.has(w)) f.push(`${type}|org`);
    if (GROUP_WORDS.de.has(w)) f.push(`${type}|group`);
  }
  // The words around it: "sagte der Minister", "von der Polizei", "Die Medien sprechen".
  const before = tokenize(ctx.text, Math.max(0, start - 40), start).pop();
  const after = tokenize(ctx.text, end, Math.min(ctx.text.length, end + 40))[0];
  if (before && /^\p{Ll}/u.test(before.text)) f.push(`${type}|b:${before.text}`);
  else f.push(`${type}|b:${before ? "Cap" : "none"}`);
  if (after && /^\p{Ll}/u.test(after.text)) f.push(`${type}|a:${after.text}`);
  if (/[,;:]\s*$/u.test(ctx.text.slice(Math.max(0, start - 3), start))) f.push(`${type}|b:punct`);
  if (start <= c.sentenceStart + 1) f.push(`${type}|sentStart`);
  const pos = end <= c.start ? "before" : start >= c.end ? "after" : "inside";
  const dist = pos === "before" ? c.start - end : pos === "after" ? start - c.end : 0;
  f.push(`${type}|pos:${pos}`, `${type}|dist:${dist < 5 ? 0 : dist < 40 ? 1 : dist < 150 ? 2 : 3}`);
  f.push(`${type}|pos:${pos}|cue:${c.cueStart !== null}`, `${type}|h:${head}`);
  if (c.cueStart !== null) {
    const nearCue = Math.min(Math.abs(start - (c.cueEnd ?? c.cueStart)), Math.abs(c.cueStart - end));
    f.push(`${type}|cue:${nearCue < 3 ? 0 : nearCue < 30 ? 1 : 2}`);
  }
  return f;
}
