import { describe, expect, it } from "vitest";
import { NEAR_DUPLICATE } from "@/lib/text/near-duplicate";
import { loadMergePairs, measure, scoreAt } from "./merge-eval";

// Floors a little below the figures measured when the thresholds were chosen (precision 0.89,
// recall 0.90 on 260 pairs; README, "Merge candidates"): a change to the score, the
// thresholds or the folding that loses more fails here.
const FLOORS = { precision: 0.85, recall: 0.86 };

describe("merge-candidate finder on the labelled Arabic pairs", () => {
  const pairs = loadMergePairs();

  it("has at least 200 pairs, with both kinds well represented", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
    expect(pairs.filter((p) => p.sameStatement).length).toBeGreaterThanOrEqual(80);
    expect(pairs.filter((p) => !p.sameStatement).length).toBeGreaterThanOrEqual(80);
    // The hard negatives: the same speaker saying something else.
    expect(pairs.filter((p) => p.sameSpeaker && !p.sameStatement).length).toBeGreaterThanOrEqual(40);
    // Mined across outlets only.
    expect(pairs.every((p) => p.a.outlet !== p.b.outlet)).toBe(true);
  });

  it(`keeps precision ≥ ${FLOORS.precision} and recall ≥ ${FLOORS.recall} at the chosen thresholds`, () => {
    const scores = scoreAt(measure(pairs), NEAR_DUPLICATE);
    expect(scores.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(scores.recall).toBeGreaterThanOrEqual(FLOORS.recall);
  });

  it("fails loudly when the fixture is missing", () => {
    expect(() => loadMergePairs("/nonexistent/arabic-merge-pairs.jsonl")).toThrow(/ENOENT/);
  });
});
