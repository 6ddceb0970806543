// Statement extraction engine: finds reported statements (who said what, when) in ar/de/en news text.
import type {
  Candidate,
  ExtractInput,
  ExtractResult,
  Lang,
  ProposedSpeaker,
  ProposedStatement,
  StatementKind,
} from "./types";
import { findQuotes, interviewLine, quoteAt, splitSentences, type QuoteSpan } from "./text";
import { extractArabicSentence, makeArabicContext } from "./arabic";
import { extractLatin, makeLatinContext } from "./latin";
import { findDate, parseIsoDay } from "./dates";
import { nameTokens } from "./normalize";
import { SpeakerResolver, type ResolvedSpeaker } from "./resolve";

export type * from "./types";
export { parseIsoDay, findDate } from "./dates";

// A date that tells when something was said stands near its cue; reading at most this many characters
// per region keeps the work per statement bounded (regions can run to the end of a long sentence).
const DATE_REGION_MAX = 400;

export function extractStatements(input: ExtractInput): ExtractResult {
  const text = typeof input.text === "string" ? input.text : "";
  const lang: Lang = input.lang;
  if (text.trim().length === 0) return { statements: [], speakers: [] };
  const published = input.published ? parseIsoDay(input.published) : null;
  const knownSpeakers = input.knownSpeakers ?? [];
  const quotes = findQuotes(text, lang);
  const sentences = splitSentences(text, lang, quotes);
  const candidates: Candidate[] = [];
  if (lang === "ar") {
    const ctx = makeArabicContext(text, quotes, knownSpeakers);
    for (const s of sentences) candidates.push(...extractArabicSentence(ctx, s));
  } else {
    const ctx = makeLatinContext(text, lang, quotes, sentences);
    candidates.push(...extractLatin(ctx));
  }
  for (const s of sentences) {
    const line = interviewLine(text, s);
    if (!line) continue;
    candidates.push({
      kind: "indirect",
      start: line.content[0],
      end: line.content[1],
      cueStart: null,
      cueEnd: null,
      speaker: { type: "mention", start: line.speaker[0], end: line.speaker[1] },
      dateRegions: [],
      confidence: 0.7,
      sentenceStart: s.start,
      sentenceEnd: s.end,
    });
  }
  const kept = dedupe(candidates);
  const resolver = new SpeakerResolver(text, lang, knownSpeakers);
  const statements: ProposedStatement[] = [];
  // Speakers are filled in at the end: a descriptor resolved now may be named by a later sentence.
  const resolvedSpeakers: (ResolvedSpeaker | null)[] = [];
  const topicIndex = (input.knownTopics ?? []).map((t) => ({
    slug: t.slug,
    names: t.names.map((n) => nameTokens(n)).filter((x) => x.length > 0),
  }));

  for (const c of kept) {
    const { speaker: resolved, penalty } = resolver.resolve(c.speaker);
    const confidence = c.confidence - penalty;
    resolvedSpeakers.push(resolved);
    let saidOn: string | null = null;
    let dateUnresolved = false;
    for (const [a, b] of c.dateRegions) {
      // Dates inside the content belong to what was said, not to when.
      const regions: [number, number][] =
        b <= c.start || a >= c.end
          ? [[a, b]]
          : [
              [a, Math.min(b, c.start)],
              [Math.max(a, c.end), b],
            ];
      for (const [x, y] of regions) {
        const d = findDate(text, lang, x, Math.min(y, x + DATE_REGION_MAX), published);
        if (d) {
          saidOn = d.date;
          dateUnresolved ||= d.date === null;
          break;
        }
      }
      if (saidOn) break;
    }
    const sentTokens = topicIndex.length > 0 ? nameTokens(text.slice(c.sentenceStart, c.sentenceEnd)) : [];
    const topics = topicIndex.filter((t) => t.names.some((n) => containsRun(sentTokens, n))).map((t) => t.slug);
    statements.push({
      kind: kindOf(c, quotes, text),
      text: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      speaker: null,
      cue: c.cueStart !== null && c.cueEnd !== null ? text.slice(c.cueStart, c.cueEnd) : null,
      cueStart: c.cueStart,
      cueEnd: c.cueEnd,
      saidOn,
      dateUnresolved: saidOn === null && dateUnresolved,
      confidence: Math.round(Math.max(0.05, Math.min(1, confidence)) * 100) / 100,
      topics,
    });
  }
  statements.forEach((st, i) => {
    const r = resolvedSpeakers[i];
    if (r) st.speaker = { name: r.entity.name, start: r.start, end: r.end, known: r.entity.known, kind: r.entity.kind };
  });
  const used = new Set(statements.map((s) => s.speaker?.name).filter((x): x is string => !!x));
  const speakers: ProposedSpeaker[] = resolver
    .all()
    .filter((e) => used.has(e.name))
    .map((e) => ({ name: e.name, kind: e.kind, known: e.known, mentions: [...e.mentions] }));
  return { statements, speakers };
}

function containsRun(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

function kindOf(c: Candidate, quotes: QuoteSpan[], text: string): StatementKind {
  if (c.kind === "direct") return "direct";
  const qi = quoteAt(quotes, c.start);
  const q = qi >= 0 ? (quotes[qi] as QuoteSpan) : null;
  if (q && q.start === c.start && q.end >= c.end - 1) return "direct";
  // Any quotation inside the paraphrase makes it mixed.
  for (let p = c.start; p < c.end; p++) {
    const ch = text[p] as string;
    if ('«»„“”"‚‘›‹'.includes(ch) && quoteAt(quotes, p) >= 0) return "mixed";
  }
  return c.kind;
}

/** Keeps the best of overlapping candidates (more confident first, then longer); clusters keep it near-linear. */
function dedupe(cands: Candidate[]): Candidate[] {
  const byStart = [...cands].sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    const order = [...cluster].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start));
    const local: Candidate[] = [];
    for (const c of order) {
      const clash = local.some((k) => {
        const ov = Math.min(k.end, c.end) - Math.max(k.start, c.start);
        return ov > 0 && ov >= 0.5 * Math.min(k.end - k.start, c.end - c.start);
      });
      if (!clash) local.push(c);
    }
    kept.push(...local);
    cluster = [];
  };
  for (const c of byStart) {
    if (cluster.length > 0 && c.start >= clusterEnd) flush();
    cluster.push(c);
    clusterEnd = Math.max(clusterEnd, c.end);
  }
  flush();
  return kept.sort(
    (a, b) => Math.min(a.start, a.cueStart ?? a.start) - Math.min(b.start, b.cueStart ?? b.start) || a.start - b.start,
  );
}
