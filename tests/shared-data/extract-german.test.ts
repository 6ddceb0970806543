import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadGerman, score } from "@/lib/extract/evaluate";
import { SHARED_DIR, requireSharedPath } from "./support/shared-data";

// The extractor on the German Wikinews development set (../shared/data/extraction-dev/de-wikinews,
// CC BY-NC-SA 4.0, kept outside the repository), scored as `npm run eval:extract` scores it. The floors
// are the figures measured when issue 16 was worked on, less a small margin: a change that loses
// German statements or speakers fails here. A missing data set fails naming its path.
const GERMAN_DIR = path.join(SHARED_DIR, "data", "extraction-dev", "de-wikinews");

describe("German quotation attribution (de-wikinews)", () => {
  it("the dev split keeps its found / right-speaker / precision figures", () => {
    for (const file of ["articles.jsonl", "quotations.jsonl"]) requireSharedPath(path.join(GERMAN_DIR, file));
    const s = score(loadGerman("dev", GERMAN_DIR));
    expect(s.gold).toBe(580);
    expect(s.f1).toBeGreaterThanOrEqual(0.73);
    expect(s.f1Speaker).toBeGreaterThanOrEqual(0.64);
    expect(s.precision).toBeGreaterThanOrEqual(0.83);
    expect(s.speakerAcc).toBeGreaterThanOrEqual(0.845);
  });
  it("every article of the train split is read and the split keeps its right-speaker figure (speed is npm run bench's)", () => {
    const docs = loadGerman("train", requireSharedPath(GERMAN_DIR));
    expect(docs.length).toBeGreaterThan(600);
    const s = score(docs);
    expect(s.gold).toBe(2578);
    expect(s.f1Speaker).toBeGreaterThanOrEqual(0.68);
  });
});
