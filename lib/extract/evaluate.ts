// Evaluation helpers shared by scripts/eval-extract.ts and the regression test.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { KnownSpeaker, ProposedStatement } from "./types";
import { extractStatements } from "./index";
import { nameTokens } from "./normalize";

export interface GoldSpan {
  start: number;
  end: number;
}

/** One-to-one matching: a proposal matches a gold span when they overlap by at least half the gold span. */
export function matchSpans<G extends GoldSpan, P extends GoldSpan>(gold: G[], proposed: P[]): [G, P][] {
  const pairs: { g: number; p: number; ov: number }[] = [];
  gold.forEach((g, gi) => {
    proposed.forEach((p, pi) => {
      const ov = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (ov > 0 && ov >= 0.5 * (g.end - g.start)) pairs.push({ g: gi, p: pi, ov });
    });
  });
  pairs.sort((a, b) => b.ov - a.ov);
  const ug = new Set<number>();
  const up = new Set<number>();
  const out: [G, P][] = [];
  for (const x of pairs) {
    if (ug.has(x.g) || up.has(x.p)) continue;
    ug.add(x.g);
    up.add(x.p);
    out.push([gold[x.g] as G, proposed[x.p] as P]);
  }
  return out;
}

export interface Scores {
  gold: number;
  proposed: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  speakerAcc: number;
  speakerPairs: number;
  dateAcc: number | null;
  datePairs: number;
  datedRight: string | null;
}

export function prf(gold: number, proposed: number, matched: number): { precision: number; recall: number; f1: number } {
  const precision = proposed ? matched / proposed : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

// ---- Demo article ---------------------------------------------------------------------------------------

export const DEMO_PUBLISHED = "2016-11-19"; // a Saturday: أمس → Fri 18 Nov, الخميس → Thu 17 Nov (both before publication)
const DEMO_EXPECTED_DATES: Record<string, string> = { "أمس": "2016-11-18", "الخميس": "2016-11-17" };

interface DemoGoldSpeaker {
  kind: string;
  names: Record<string, string>;
  aliases: string[];
}
interface DemoGold {
  speakers: Record<string, DemoGoldSpeaker>;
  statements: { speaker: string; start: number; end: number; kind: string; relativeDate: string | null }[];
}

export function sharedDir(): string {
  return path.resolve(process.cwd(), "..", "shared");
}

export function loadDemo(): { text: string; gold: DemoGold } | null {
  const dir = path.join(sharedDir(), "data", "seed");
  const tf = path.join(dir, "aleppo-article.ar.txt");
  const gf = path.join(dir, "statements.gold.json");
  if (!existsSync(tf) || !existsSync(gf)) return null;
  return { text: readFileSync(tf, "utf8"), gold: JSON.parse(readFileSync(gf, "utf8")) as DemoGold };
}

/** The gold speakers as the app's database holds them after seeding: English name as canonical name. */
export function demoKnownSpeakers(gold: DemoGold): KnownSpeaker[] {
  return Object.entries(gold.speakers).map(([key, s]) => ({
    name: s.names.en ?? key,
    kind: s.kind,
    aliases: s.aliases,
    names: s.names,
  }));
}

export function evaluateDemo(withKnown: boolean): Scores | null {
  const demo = loadDemo();
  if (!demo) return null;
  const { text, gold } = demo;
  const known = withKnown ? demoKnownSpeakers(gold) : [];
  const res = extractStatements({ text, lang: "ar", published: DEMO_PUBLISHED, knownSpeakers: known });
  const pairs = matchSpans(gold.statements, res.statements);
  let spk = 0;
  let dates = 0;
  let dated = 0;
  let datedRight = 0;
  for (const [g, p] of pairs) {
    const gs = gold.speakers[g.speaker];
    if (gs && p.speaker && speakerMatchesDemo(p, gs, withKnown)) spk++;
    const expected = g.relativeDate ? (DEMO_EXPECTED_DATES[g.relativeDate] ?? null) : null;
    if (p.saidOn === expected) dates++;
    if (expected) {
      dated++;
      if (p.saidOn === expected) datedRight++;
    }
  }
  const totalDated = gold.statements.filter((g) => g.relativeDate).length;
  return {
    gold: gold.statements.length,
    proposed: res.statements.length,
    matched: pairs.length,
    ...prf(gold.statements.length, res.statements.length, pairs.length),
    speakerAcc: pairs.length ? spk / pairs.length : 0,
    speakerPairs: pairs.length,
    dateAcc: pairs.length ? dates / pairs.length : 0,
    datePairs: pairs.length,
    datedRight: `${datedRight}/${totalDated}${dated < totalDated ? " (some unmatched)" : ""}`,
  };
}

function speakerMatchesDemo(p: ProposedStatement, gs: DemoGoldSpeaker, withKnown: boolean): boolean {
  const sp = p.speaker;
  if (!sp) return false;
  if (withKnown) return sp.known && sp.name === (gs.names.en ?? "");
  // Without a known list: the proposed name must contain one of the gold names/aliases (or be contained in one).
  const prop = nameTokens(sp.name);
  return [...Object.values(gs.names), ...gs.aliases].some((n) => {
    const toks = nameTokens(n);
    return toks.length > 0 && (toks.every((t) => prop.includes(t)) || (prop.length > 0 && prop.every((t) => toks.includes(t))));
  });
}

// ---- German Wikinews ------------------------------------------------------------------------------------

interface DeArticle {
  id: string;
  date: string;
  text: string;
  split: string;
}
interface DeQuote {
  article_id: string;
  type: string;
  isNested: boolean;
  speaker: string;
  speaker_char_spans: [number, number][];
  quote_char_spans: [number, number][];
}

export function loadGerman(): { articles: DeArticle[]; quotes: DeQuote[] } | null {
  const dir = path.join(sharedDir(), "data", "extraction-dev", "de-wikinews");
  const a = path.join(dir, "articles.jsonl");
  const q = path.join(dir, "quotations.jsonl");
  if (!existsSync(a) || !existsSync(q)) return null;
  const lines = (f: string): string[] => readFileSync(f, "utf8").split("\n").filter((l) => l.trim());
  return { articles: lines(a).map((l) => JSON.parse(l) as DeArticle), quotes: lines(q).map((l) => JSON.parse(l) as DeQuote) };
}

const DE_STOP = new Set(["der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "von", "vom", "und", "für", "im", "in", "am", "zur", "zum"]);

/**
 * German speaker correctness: the proposed mention span overlaps a gold speaker span, or the proposed
 * name shares a content token (≥3 letters, not an article/preposition) with the gold speaker string.
 */
export function germanSpeakerMatches(p: ProposedStatement, q: DeQuote): boolean {
  const sp = p.speaker;
  if (!sp) return false;
  if (q.speaker_char_spans.some(([s, e]) => Math.min(e, sp.end) > Math.max(s, sp.start))) return true;
  const gt = new Set(nameTokens(q.speaker).filter((t) => t.length >= 3 && !DE_STOP.has(t)));
  return nameTokens(sp.name).some((t) => gt.has(t));
}

export interface GermanErrors {
  missed: { article: string; type: string; text: string }[];
  spurious: { article: string; text: string }[];
  wrongSpeaker: { article: string; gold: string; proposed: string }[];
}

/** Gold span = first start to last end of the quotation's spans. */
export function evaluateGerman(split: string, opts: { nonNestedOnly?: boolean; collect?: GermanErrors } = {}): Scores | null {
  const data = loadGerman();
  if (!data) return null;
  const byArticle = new Map<string, DeQuote[]>();
  for (const q of data.quotes) {
    if (opts.nonNestedOnly && q.isNested) continue;
    const l = byArticle.get(q.article_id) ?? [];
    l.push(q);
    byArticle.set(q.article_id, l);
  }
  let gold = 0;
  let proposed = 0;
  let matched = 0;
  let spk = 0;
  let spkPairs = 0;
  for (const a of data.articles) {
    if (a.split !== split) continue;
    const qs = (byArticle.get(a.id) ?? []).map((q) => ({
      q,
      start: Math.min(...q.quote_char_spans.map((s) => s[0])),
      end: Math.max(...q.quote_char_spans.map((s) => s[1])),
    }));
    const res = extractStatements({ text: a.text, lang: "de", published: a.date });
    const pairs = matchSpans(qs, res.statements);
    gold += qs.length;
    proposed += res.statements.length;
    matched += pairs.length;
    for (const [g, p] of pairs) {
      if (!g.q.speaker.trim()) continue;
      spkPairs++;
      if (germanSpeakerMatches(p, g.q)) spk++;
      else opts.collect?.wrongSpeaker.push({ article: a.id, gold: g.q.speaker, proposed: `${p.speaker?.name ?? "∅"} @ ${p.text.slice(0, 60)}` });
    }
    if (opts.collect) {
      const mg = new Set(pairs.map(([g]) => g));
      const mp = new Set(pairs.map(([, p]) => p));
      for (const g of qs) if (!mg.has(g)) opts.collect.missed.push({ article: a.id, type: g.q.type, text: a.text.slice(Math.max(0, g.start - 80), g.start) + "[[" + a.text.slice(g.start, g.end) + "]]" });
      for (const p of res.statements) if (!mp.has(p)) opts.collect.spurious.push({ article: a.id, text: `${p.speaker?.name ?? "∅"} | ${p.cue ?? ""} | ${p.text}` });
    }
  }
  return {
    gold,
    proposed,
    matched,
    ...prf(gold, proposed, matched),
    speakerAcc: spkPairs ? spk / spkPairs : 0,
    speakerPairs: spkPairs,
    dateAcc: null,
    datePairs: 0,
    datedRight: null,
  };
}
