import type pg from "pg";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { ImportResolver, effectiveExternalId, importBatch, type ImportCounts } from "./import-statements";
import { readLines } from "./read-lines";

export type ImportFileResult = ImportCounts & {
  lines: number;
  rejected: Array<{ lineNumber: number; reason: string }>;
};

const BATCH_SIZE = 1000;

/**
 * Imports a JSONL file (plain or gzipped) batch by batch. Every valid line is
 * imported even when others are rejected; `transform` (benchmarks) rewrites each
 * valid line, e.g. to load the same file again as distinct statements.
 */
export async function importFile(
  pool: pg.Pool,
  file: string,
  options: { transform?: (line: ImportLine) => ImportLine; onLine?: (linesRead: number) => void } = {},
): Promise<ImportFileResult> {
  const result: ImportFileResult = { created: 0, updated: 0, unchanged: 0, merged: 0, lines: 0, rejected: [] };
  const resolver = new ImportResolver();
  let batch: ImportLine[] = [];
  let batchIds = new Set<string>();

  const flush = async () => {
    const counts = await importBatch(pool, resolver, batch);
    result.created += counts.created;
    result.updated += counts.updated;
    result.unchanged += counts.unchanged;
    result.merged += counts.merged;
    batch = [];
    batchIds = new Set();
  };

  for await (const { lineNumber, line } of readLines(file)) {
    result.lines += 1;
    const parsed = parseImportLine(line);
    if (!parsed.ok) {
      result.rejected.push({ lineNumber, reason: parsed.reason });
    } else {
      const value = options.transform ? options.transform(parsed.value) : parsed.value;
      // A later line with the same externalId updates the earlier one: it goes in the next batch.
      const id = effectiveExternalId(value);
      if (batchIds.has(id)) await flush();
      batch.push(value);
      batchIds.add(id);
      if (batch.length >= BATCH_SIZE) await flush();
    }
    options.onLine?.(result.lines);
  }
  await flush();
  return result;
}

export async function countLines(file: string): Promise<number> {
  let count = 0;
  const lines = readLines(file);
  while (!(await lines.next()).done) count += 1;
  return count;
}
