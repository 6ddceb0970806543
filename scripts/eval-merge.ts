// npm run eval:merge
// Precision and recall of the merge-candidate finder (issue 15) on the hand-labelled Arabic
// pairs of lib/text/fixtures/arabic-merge-pairs.jsonl (see its README); rules in
// scripts/lib/merge-eval.ts.
import { NEAR_DUPLICATE, wordOverlap } from "@/lib/text/near-duplicate";
import {
  bestThresholds,
  DAYS_GRID,
  loadMergePairs,
  measure,
  SCORE_GRID,
  scoreAt,
  type Measured,
  type MergeScores,
  type Thresholds,
} from "./lib/merge-eval";

const pairs = loadMergePairs();
const measured = measure(pairs);
const num = (x: number) => x.toFixed(2);
const row = (s: MergeScores) =>
  `${num(s.precision)} | ${num(s.recall)} | ${num(s.f1)} | ${s.truePositives} of ${s.proposed} | ${s.positives}`;
const label = (t: Thresholds) => `score ≥ ${t.minScore}, ≤ ${t.maxDaysApart} days apart`;

const positives = pairs.filter((p) => p.sameStatement).length;
const sameSpeakerNegatives = pairs.filter((p) => p.sameSpeaker && !p.sameStatement).length;
console.log(
  `${pairs.length} pairs: ${positives} one statement, ${pairs.length - positives} not ` +
    `(${sameSpeakerNegatives} of them the same speaker's different statements)\n`,
);

console.log("| thresholds | precision | recall | F1 | right of proposed | positives |");
console.log("|---|---|---|---|---|---|");
console.log(`| chosen: ${label(NEAR_DUPLICATE)} | ${row(scoreAt(measured))} |`);
const overlap = measure(pairs, wordOverlap);
const overlapBest = bestThresholds(overlap);
console.log(`| baseline, word overlap alone, best: ${label(overlapBest)} | ${row(scoreAt(overlap, overlapBest))} |`);

console.log("\nThreshold table (nearDuplicateScore):\n");
console.log(`| min score | ${DAYS_GRID.map((d) => `≤ ${d} days: P / R / F1`).join(" | ")} |`);
console.log(`|---|${DAYS_GRID.map(() => "---").join("|")}|`);
for (const minScore of SCORE_GRID) {
  const cells = DAYS_GRID.map((maxDaysApart) => {
    const s = scoreAt(measured, { minScore, maxDaysApart });
    return `${num(s.precision)} / ${num(s.recall)} / ${num(s.f1)}`;
  });
  console.log(`| ${minScore} | ${cells.join(" | ")} |`);
}

// Thresholds picked on one half and scored on the other: how much the choice flatters itself.
console.log("\nSplit halves (odd and even ids): thresholds chosen on one half, scored on the other:\n");
const idNumber = (id: string) => Number(id.replace(/\D/g, ""));
const even = measured.filter((m) => idNumber(m.pair.id) % 2 === 0);
const odd = measured.filter((m) => idNumber(m.pair.id) % 2 === 1);
const splits: [Measured[], Measured[]][] = [
  [even, odd],
  [odd, even],
];
for (const [fit, held] of splits) {
  const chosen = bestThresholds(fit);
  const s = scoreAt(held, chosen);
  console.log(
    `- chosen on ${fit.length} pairs: ${label(chosen)}; on the other ${held.length}: precision ${num(s.precision)}, ` +
      `recall ${num(s.recall)}, F1 ${num(s.f1)} (${s.truePositives} of ${s.proposed} proposed right, ${s.positives} positives)`,
  );
}
