import path from "node:path";
import { readLines } from "@/lib/import/read-lines";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";

/** The hostile statements of e2e/fixtures/hostile.jsonl (markup, scripts, bidi controls), as import lines. */
export async function readHostileFixture(): Promise<ImportLine[]> {
  const lines: ImportLine[] = [];
  for await (const { line } of readLines(path.resolve("e2e/fixtures/hostile.jsonl"))) {
    const parsed = parseImportLine(line);
    if (!parsed.ok) throw new Error(`e2e/fixtures/hostile.jsonl: ${parsed.reason}`);
    lines.push(parsed.value);
  }
  return lines;
}
