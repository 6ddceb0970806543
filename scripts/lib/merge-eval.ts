// Scores the merge-candidate finder (lib/text/near-duplicate.ts, issue 15) on the labelled
// Arabic pairs of lib/text/fixtures/arabic-merge-pairs.jsonl. A pair is proposed exactly as
// the background job will propose it: only statements of one speaker are compared (here: the
// hand-labelled real speakers are the same), and isMergeCandidate must say yes. A proposal is
// right when the pair is labelled as one statement.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { daysApart, nearDuplicateScore, NEAR_DUPLICATE } from "@/lib/text/near-duplicate";

export const MERGE_FIXTURE = path.join(import.meta.dirname, "../../lib/text/fixtures/arabic-merge-pairs.jsonl");

const side = z.object({
  externalId: z.string().min(1),
  outlet: z.string().min(1),
  text: z.string().min(1),
  saidOn: z.string().nullable(),
  speaker: z.string().min(1),
});
const pairSchema = z
  .object({
    id: z.string().min(1),
    a: side,
    b: side,
    sameSpeaker: z.boolean(),
    sameStatement: z.boolean(),
    note: z.string().optional(),
  })
  .refine((pair) => pair.sameSpeaker || !pair.sameStatement, "sameStatement needs sameSpeaker");
export type MergePair = z.infer<typeof pairSchema>;

/** The labelled pairs; a missing or malformed file throws, naming the file and the line. */
export function loadMergePairs(file = MERGE_FIXTURE): MergePair[] {
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  return lines.map((line, index) => {
    const parsed = pairSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}, line ${index + 1}: ${parsed.error.message}`);
    return parsed.data;
  });
}

export type Thresholds = { minScore: number; maxDaysApart: number };
export type MergeScores = {
  pairs: number;
  positives: number;
  proposed: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
};

// The score and the date gap of each pair are computed once, then thresholded many times.
// `similarity` defaults to the finder's score; the evaluation also runs the editor's plain
// word overlap through the same rule, as the baseline the score was chosen against.
export type Measured = { pair: MergePair; score: number; days: number | null };
export function measure(
  pairs: MergePair[],
  similarity: (a: string, b: string) => number = nearDuplicateScore,
): Measured[] {
  return pairs.map((pair) => ({
    pair,
    score: similarity(pair.a.text, pair.b.text),
    days: daysApart(pair.a.saidOn, pair.b.saidOn),
  }));
}

/** Precision, recall and F1 of the proposals at the given thresholds (isMergeCandidate's rule). */
export function scoreAt(measured: Measured[], thresholds: Thresholds = NEAR_DUPLICATE): MergeScores {
  let proposed = 0;
  let truePositives = 0;
  let positives = 0;
  for (const { pair, score, days } of measured) {
    if (pair.sameStatement) positives += 1;
    const close = days === null || days <= thresholds.maxDaysApart;
    if (!(pair.sameSpeaker && close && score >= thresholds.minScore)) continue;
    proposed += 1;
    if (pair.sameStatement) truePositives += 1;
  }
  const precision = proposed === 0 ? 0 : truePositives / proposed;
  const recall = positives === 0 ? 0 : truePositives / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pairs: measured.length, positives, proposed, truePositives, precision, recall, f1 };
}

export const SCORE_GRID = [0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7];
export const DAYS_GRID = [3, 7, 14];

/** The grid's thresholds with the best F1 on these pairs (a tie keeps fewer days, then the lower score). */
export function bestThresholds(measured: Measured[]): Thresholds {
  let best: { thresholds: Thresholds; f1: number } | null = null;
  for (const maxDaysApart of DAYS_GRID)
    for (const minScore of SCORE_GRID) {
      const { f1 } = scoreAt(measured, { minScore, maxDaysApart });
      if (!best || f1 > best.f1) best = { thresholds: { minScore, maxDaysApart }, f1 };
    }
  return best!.thresholds;
}
