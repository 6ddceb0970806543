import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLines } from "@/lib/import/read-lines";
import { parseImportLine } from "@/lib/validation/import-line";
import { CORPUS_DIR, requireSharedPath } from "./support/shared-data";

// Every line of the whole corpora the benchmarks import is a valid import line
// (the repository's own test reads only the samples in data/fixtures).
describe("the corpora beside the repository", () => {
  it.each([
    ["un-general-debate.en.jsonl.gz", 120_374],
    ["saudinewsnet-statements.ar.jsonl.gz", 14_469],
  ])("every line of %s parses", async (file, lines) => {
    const corpus = requireSharedPath(path.join(CORPUS_DIR, file));
    const failures: string[] = [];
    let count = 0;
    for await (const { lineNumber, line } of readLines(corpus)) {
      const result = parseImportLine(line);
      if (!result.ok) failures.push(`line ${lineNumber}: ${result.reason}`);
      count += 1;
    }
    expect({ rejected: failures.length, first: failures.slice(0, 20) }).toEqual({ rejected: 0, first: [] });
    expect(count).toBe(lines);
  });
});
