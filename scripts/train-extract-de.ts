// npx tsx scripts/train-extract-de.ts [--cv]
// Trains the German speaker ranker of lib/extract/german-model.ts on the train split of
// ../shared/data/extraction-dev/de-wikinews and writes lib/extract/german-model.weights.json (CC BY-NC-SA 4.0, as
// the data it derives from). Deterministic: a seeded shuffle, a fixed number of epochs. The dev split is not read.
// - Groups: for each candidate whose span matches a gold quotation with a scored speaker (evaluate.ts's rules), its
//   speaker options, each right or not under the speaker rule (a continuation is right when the speaker it inherits
//   is). Candidates are the rules' and, for more examples of statements without a verb of saying, each sentence the
//   rules leave empty offered whole. Groups without a right option teach nothing and are left out.
// - Two passes: the first reads continuations as inheriting the rules' written speakers, the second as inheriting
//   the first ranker's choices (as at run time); the ranker is trained on the second.
// - --cv: the whole extractor on train, each article read with a ranker trained on the other folds, beside the rules
//   alone: the figures to compare variants by without looking at dev.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadGerman, prf, score as scoreDocs, speakerRight, type EvalDoc, type Scores } from "@/lib/extract/evaluate";
import { GERMAN_MODEL, linear, type WeightsFile } from "@/lib/extract/german-model";
import { extractLatin, makeLatinContext } from "@/lib/extract/latin";
import { findQuotes, splitSentences } from "@/lib/extract/text";
import type { Candidate } from "@/lib/extract/types";

const EPOCHS = 12;
const FOLDS = 5;
const SEED = 16;
const SEEDS = 5;
/** Weights smaller than this are left out of the file. */
const MIN_WEIGHT = 0.05;
const OUT = path.join(import.meta.dirname, "..", "lib", "extract", "german-model.weights.json");

interface Group {
  doc: number;
  options: { features: string[]; right: boolean }[];
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The gold quotation a span matches (evaluate.ts's match rule), if any. */
function matchOf(doc: EvalDoc, c: Candidate) {
  return doc.gold.find((g) => {
    const ov = Math.min(g.end, c.end) - Math.max(g.start, c.start);
    return ov > 0 && ov >= 0.5 * (g.end - g.start) && ov >= 0.3 * (c.end - c.start);
  });
}

/** Reads the split as extraction does, with `ranker` choosing speakers, and records the labelled option groups. */
function collect(docs: EvalDoc[], ranker: Map<string, number> | null): Group[] {
  const groups: Group[] = [];
  const rank = ranker ? linear(ranker) : () => 0; // all 0: the first option, the rules' own speaker, is kept
  docs.forEach((doc, di) => {
    const quotes = findQuotes(doc.text, "de");
    const ctx = makeLatinContext(doc.text, "de", quotes, splitSentences(doc.text, "de", quotes));
    const inherited = (): string =>
      ctx.deLastSpeaker ? doc.text.slice(ctx.deLastSpeaker.start, ctx.deLastSpeaker.end) : "";
    ctx.deModel = {
      speaker: (features) => rank(features),
      offerWholeSentences: true,
      observe: (c, options) => {
        const g = matchOf(doc, c);
        if (!g?.scoreSpeaker) return;
        const labelled = options.map((o) => ({
          features: o.features,
          right: speakerRight(o.ref.type === "continuation" ? inherited() : doc.text.slice(o.start, o.end), g),
        }));
        if (labelled.some((o) => o.right)) groups.push({ doc: di, options: labelled });
      },
    };
    extractLatin(ctx);
  });
  return groups;
}

/** SEEDS averaged ranking perceptrons (each over its own shuffle order), averaged: steadier than one order. */
function train(groups: Group[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (let k = 0; k < SEEDS; k++)
    for (const [f, v] of trainOne(groups, SEED + k)) sum.set(f, (sum.get(f) ?? 0) + v / SEEDS);
  return sum;
}

/** Averaged ranking perceptron: the best-scoring right option should outscore the chosen one. */
function trainOne(groups: Group[], seed: number): Map<string, number> {
  const w = new Map<string, number>();
  const acc = new Map<string, number>(); // sum over steps of step × update, for the averaging trick
  let step = 1;
  const rand = mulberry32(seed);
  const order = groups.map((_, i) => i);
  const score = linear(w);
  const bump = (features: string[], by: number): void => {
    for (const f of features) {
      w.set(f, (w.get(f) ?? 0) + by);
      acc.set(f, (acc.get(f) ?? 0) + step * by);
    }
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const idx of order) {
      const scored = (groups[idx] as Group).options.map((o) => ({ o, s: score(o.features) }));
      const pick = scored.reduce((a, b) => (b.s > a.s ? b : a));
      if (!pick.o.right) {
        bump(scored.filter((x) => x.o.right).reduce((a, b) => (b.s > a.s ? b : a)).o.features, 1);
        bump(pick.o.features, -1);
      }
      step++;
    }
  }
  const avg = new Map<string, number>();
  for (const [f, v] of w) avg.set(f, v - (acc.get(f) ?? 0) / step);
  return avg;
}

const docs = loadGerman("train");
const groups = collect(docs, train(collect(docs, null)));
const weights = train(groups);

if (process.argv.includes("--cv")) {
  const line = (name: string, s: Pick<Scores, "f1Speaker" | "f1" | "precision" | "recall" | "speakerAcc">): string =>
    `${name}: found with the right speaker ${s.f1Speaker.toFixed(3)}, found ${s.f1.toFixed(3)}, P/R ${s.precision.toFixed(3)}/${s.recall.toFixed(3)}, speaker ${s.speakerAcc.toFixed(3)}`;
  GERMAN_MODEL.speaker = (features) => (features.includes("t:rule") ? 1 : 0);
  console.log(line("rules' own speakers on train", scoreDocs(docs)));
  const sums = { gold: 0, proposed: 0, matched: 0, right: 0, spk: 0, spkPairs: 0 };
  for (let k = 0; k < FOLDS; k++) {
    const inFold = (di: number): boolean => di % FOLDS === k;
    GERMAN_MODEL.speaker = linear(train(groups.filter((g) => !inFold(g.doc))));
    const s = scoreDocs(docs.filter((_, di) => inFold(di)));
    sums.gold += s.gold;
    sums.proposed += s.proposed;
    sums.matched += s.matched;
    sums.right += Math.round((s.f1Speaker * (s.gold + s.proposed)) / 2);
    sums.spk += Math.round(s.speakerAcc * s.speakerPairs);
    sums.spkPairs += s.speakerPairs;
  }
  const found = prf(sums.gold, sums.proposed, sums.matched);
  const f1Speaker = prf(sums.gold, sums.proposed, sums.right).f1;
  console.log(
    line(`ranker, ${FOLDS}-fold cross-validated on train`, {
      ...found,
      f1Speaker,
      speakerAcc: sums.spk / sums.spkPairs,
    }),
  );
}

const kept: Record<string, number> = {};
for (const [f, v] of [...weights].sort(([a], [b]) => (a < b ? -1 : 1)))
  if (Math.abs(v) >= MIN_WEIGHT) kept[f] = Math.round(v * 100) / 100;
const file: WeightsFile = {
  licence:
    "Derived from the train split of the Dataset of Quotation Attribution in German News Articles (Petersen-Frey and Biemann, LREC-COLING 2024; German Wikinews), CC BY-NC-SA 4.0; these weights keep that licence.",
  weights: kept,
};
writeFileSync(OUT, `${JSON.stringify(file, null, 2)}\n`);
console.log(`${groups.length} option groups; ${Object.keys(kept).length} weights → ${OUT}`);
