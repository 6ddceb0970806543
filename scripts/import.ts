// npm run import -- FILE.jsonl[.gz]: the import contract of DESIGN.md. Upserts
// by externalId, imports every valid line, reports rejected lines with their
// number and reason, exits 1 if any line was rejected.
import fs from "node:fs";
import { ImportResolver, effectiveExternalId, importBatch, type ImportCounts } from "@/lib/import/import-statements";
import { readLines } from "@/lib/import/read-lines";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { pendingOutboxCount } from "@/lib/sync/outbox";
import { startSyncWorker } from "@/lib/sync/worker";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { runWithServices } from "./lib/cli";
import { ProgressBar } from "./lib/progress";

const BATCH_SIZE = 1000;
const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("Usage: npm run import -- FILE.jsonl (or FILE.jsonl.gz)");
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`import: ${file} does not exist.`);
  process.exit(2);
}

async function countLines(path: string): Promise<number> {
  let count = 0;
  const lines = readLines(path);
  while (!(await lines.next()).done) count += 1;
  return count;
}

await runWithServices("import", async ({ pool, meili, indexUid }) => {
  await ensureStatementIndex(meili, indexUid);
  const progress = new ProgressBar(await countLines(file), "lines");
  const started = Date.now();
  // Index while importing: the throughput reported is end to end (Postgres and index).
  const worker = startSyncWorker({ pool, meili, indexUid, pollMs: 200, concurrency: 3, batchSize: 2000, log: (m) => progress.note(m) });
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const rejected: Array<{ lineNumber: number; reason: string }> = [];
  const resolver = new ImportResolver();
  let batch: ImportLine[] = [];
  let batchIds = new Set<string>();
  let seen = 0;

  const flush = async () => {
    const result = await importBatch(pool, resolver, batch);
    counts.created += result.created;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    batch = [];
    batchIds = new Set();
  };

  for await (const { lineNumber, line } of readLines(file)) {
    seen += 1;
    const parsed = parseImportLine(line);
    if (!parsed.ok) {
      rejected.push({ lineNumber, reason: parsed.reason });
    } else {
      // A later line with the same externalId updates the earlier one: it goes in the next batch.
      const id = effectiveExternalId(parsed.value);
      if (batchIds.has(id)) await flush();
      batch.push(parsed.value);
      batchIds.add(id);
      if (batch.length >= BATCH_SIZE) await flush();
    }
    progress.update(seen);
  }
  await flush();
  const written = Date.now();
  progress.done();

  // Wait until the index has caught up with everything written.
  while ((await pendingOutboxCount(pool)) > 0) {
    if (process.stderr.isTTY) process.stderr.write(`\rindexing… ${(await pendingOutboxCount(pool)).toLocaleString("en")} changes to go   `);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  await worker.stop();
  const finished = Date.now();

  const valid = counts.created + counts.updated + counts.unchanged;
  const seconds = (finished - started) / 1000;
  for (const { lineNumber, reason } of rejected.slice(0, 1000)) console.error(`line ${lineNumber}: ${reason}`);
  if (rejected.length > 1000) console.error(`… and ${rejected.length - 1000} more rejected lines`);
  console.log(
    `${file}: ${seen.toLocaleString("en")} lines — ${counts.created.toLocaleString("en")} created, ${counts.updated.toLocaleString("en")} updated, ` +
      `${counts.unchanged.toLocaleString("en")} unchanged, ${rejected.length.toLocaleString("en")} rejected.`,
  );
  console.log(
    `${valid.toLocaleString("en")} statements in ${seconds.toFixed(1)} s end to end (${Math.round(valid / Math.max(seconds, 0.001)).toLocaleString("en")}/s; ` +
      `Postgres ${((written - started) / 1000).toFixed(1)} s, index caught up ${((finished - written) / 1000).toFixed(1)} s later).`,
  );
  return rejected.length > 0 ? 1 : 0;
});
