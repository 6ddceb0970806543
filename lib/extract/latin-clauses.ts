// German content introduced without a verb of saying the cue list knows: a noun of saying before a comma ("teilt die
// Ansicht, X habe …") and a "dass" clause after the opening subject's verb ("war sich sicher, dass …"). Read by
// latin.ts for a sentence in which no cue was found; apart from it to keep each file under the size limit (issue 14).
import type { Candidate } from "./types";
import { cueFields, quoteAt, tokenize, type Sentence, type Token } from "./text";
import { DE_KONJ, isCap } from "./latin-lexicon";
import { clauseSubject, type LatinCtx } from "./latin-subjects";

/** The first 40 words of a sentence outside its quotations: each reader looks no further. */
function openingWords(ctx: LatinCtx, sent: Sentence): Token[] {
  return tokenize(ctx.text, sent.start, Math.min(sent.end, sent.start + 600))
    .filter((t) => quoteAt(ctx.quotes, t.start) < 0)
    .slice(0, 40);
}

/**
 * German: a noun of saying before a comma opens reported content: "X teilt die Ansicht, Clarkson habe …", "… bestand in
 * der Ankündigung, der Iran werde …", "Sie äußerte die Hoffnung, dass …". The content (after "dass") is a clause in
 * Konjunktiv or a "dass" clause; the sentence's subject speaks, else whoever spoke before.
 */
export function nounOfSaying(ctx: LatinCtx, sent: Sentence, near: boolean): Candidate | null {
  const { text } = ctx;
  const toks = openingWords(ctx, sent);
  for (let k = 1; k + 3 < toks.length; k++) {
    const noun = toks[k] as Token;
    if (
      !isCap(noun.text) ||
      !DE_SAYING_NOUN.test(noun.text.toLowerCase()) ||
      !/^\s*,\s*$/u.test(text.slice(noun.end, (toks[k + 1] as Token).start))
    )
      continue;
    const next = toks[k + 1] as Token;
    const dass = /^(?:dass|daß)$/u.test(next.text);
    if (!dass && !toks.slice(k + 1, k + 13).some((t) => DE_KONJ.has(t.text) || /^(?:hätte|wäre|würde)$/u.test(t.text)))
      return null;
    const own = clauseSubject(ctx, sent.start, noun.start);
    if (!own && !near) return null;
    return {
      ...cueFields(sent, noun),
      kind: "indirect",
      start: dass ? next.end : next.start,
      end: sent.end,
      speaker: own ?? { type: "continuation" },
      dateRegions: [[sent.start, next.start]],
      confidence: 0.55,
    };
  }
  return null;
}
/**
 * German: "X befürchtet/ist sich sicher/geht davon aus, dass …" with a verb the cue list lacks: the "dass" clause of a
 * sentence whose subject opens it (not "so dass", "ohne dass", "die Tatsache, dass").
 */
export function dassClause(ctx: LatinCtx, sent: Sentence): Candidate | null {
  const { text } = ctx;
  const toks = openingWords(ctx, sent);
  for (let k = 2; k + 3 < toks.length; k++) {
    const dass = toks[k] as Token;
    if (!/^(?:dass|daß)$/u.test(dass.text) || !/,\s*$/u.test(text.slice((toks[k - 1] as Token).end, dass.start)))
      continue;
    const before = (toks[k - 1] as Token).text;
    if (DE_DASS_NOT_REPORTING.test(before) || isCap(before)) return null;
    const own = clauseSubject(ctx, sent.start, dass.start);
    if (!own || (own.type !== "mention" && own.type !== "backref") || own.start > (toks[2] as Token).start) return null;
    return {
      ...cueFields(sent, dass),
      kind: "indirect",
      start: dass.end,
      end: sent.end,
      speaker: own,
      dateRegions: [[sent.start, dass.start]],
      confidence: 0.4,
    };
  }
  return null;
}
const DE_DASS_NOT_REPORTING = /^(?:so|ohne|als|statt|anstatt|dadurch|damit|sodass|außer|nur|bis|kaum|zu)$/u;

/** Nouns that name what someone said or thinks, compounds included ("Gegenbehauptung", "Regierungserklärung"). */
const DE_SAYING_NOUN =
  /(?:ansicht|auffassung|ankündigung|aussage|behauptung|begründung|botschaft|forderung|meinung|prognose|überzeugung|einschätzung|hoffnung|befürchtung|vermutung|warnung|drohung|erklärung|standpunkt|eindruck|vorwurf|hinweis|zusage|versicherung|feststellung|mitteilung|nachricht|meldung|argument|these)$/u;
