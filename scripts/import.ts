// npm run import -- FILE.jsonl[.gz]: the import contract (docs/contracts.md). Upserts
// by externalId, imports every valid line, reports rejected lines with their
// number and reason, exits 1 if any line was rejected.
import fs from "node:fs";
import { countLines, importFile } from "@/lib/import/import-file";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { waitForOutboxDrained } from "@/lib/sync/outbox";
import { BULK_WORKER, startSyncWorker } from "@/lib/sync/worker";
import { runWithServices } from "./lib/cli";
import { ProgressBar } from "./lib/progress";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("Usage: npm run import -- FILE.jsonl (or FILE.jsonl.gz)");
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`import: ${file} does not exist.`);
  process.exit(2);
}

await runWithServices("import", async ({ pool, meili, indexUid }) => {
  await ensureStatementIndex(meili, indexUid);
  const progress = new ProgressBar(await countLines(file), "lines");
  const started = Date.now();
  // Index while importing, in bulk mode (big Meilisearch tasks, lib/sync/worker.ts):
  // the throughput reported is end to end (Postgres and index).
  const worker = startSyncWorker({ pool, meili, indexUid, ...BULK_WORKER, log: (m) => progress.note(m) });
  const result = await importFile(pool, file, { onLine: (n) => progress.update(n) });
  worker.flush();
  const written = Date.now();
  progress.done();
  await waitForOutboxDrained(pool, (pending) => {
    if (process.stderr.isTTY) process.stderr.write(`\rindexing… ${pending.toLocaleString("en")} changes to go   `);
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  await worker.stop();
  const finished = Date.now();

  const valid = result.created + result.updated + result.unchanged + result.merged;
  const seconds = (finished - started) / 1000;
  for (const { lineNumber, reason } of result.rejected.slice(0, 1000)) console.error(`line ${lineNumber}: ${reason}`);
  if (result.rejected.length > 1000) console.error(`… and ${result.rejected.length - 1000} more rejected lines`);
  console.log(
    `${file}: ${result.lines.toLocaleString("en")} lines — ${result.created.toLocaleString("en")} created, ${result.updated.toLocaleString("en")} updated, ` +
      `${result.unchanged.toLocaleString("en")} unchanged, ${result.rejected.length.toLocaleString("en")} rejected; ` +
      `${result.merged.toLocaleString("en")} joined an existing statement as a report (same speaker, same words).`,
  );
  console.log(
    `${valid.toLocaleString("en")} lines in ${seconds.toFixed(1)} s end to end (${Math.round(valid / Math.max(seconds, 0.001)).toLocaleString("en")}/s; ` +
      `Postgres ${((written - started) / 1000).toFixed(1)} s, index caught up ${((finished - written) / 1000).toFixed(1)} s later).`,
  );
  return result.rejected.length > 0 ? 1 : 0;
});
