// npm run restore -- FILE: a backup made by `npm run export` into an EMPTY
// database (migrated first), with the same ids, in one transaction; then the
// search index is rebuilt from it. A bad or cut-short file is refused with the
// number of the line at fault, and nothing is restored.
import fs from "node:fs";
import { RestoreError, restoreBackup } from "@/lib/export/restore";
import { reindexAll } from "@/lib/sync/reindex";
import { runWithServices } from "./lib/cli";

const USAGE = "Usage: npm run restore -- FILE.jsonl.gz";
const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith("--")) {
  console.error(USAGE);
  process.exit(2);
}
const file = args[0]!;
if (!fs.existsSync(file)) {
  console.error(`restore: ${file} does not exist.`);
  process.exit(2);
}

await runWithServices("restore", async (ctx) => {
  const started = Date.now();
  let summary;
  try {
    summary = await restoreBackup(ctx.pool, file, {
      onProgress: (lines) => {
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kread ${lines.toLocaleString("en")} lines`);
      },
    });
  } catch (error) {
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    if (!(error instanceof RestoreError)) throw error;
    console.error(`restore: ${file}: ${error.message}`);
    console.error("restore: nothing was restored (the transaction was rolled back).");
    return 1;
  }
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  const restored = Date.now();
  const c = summary.counts;
  console.log(
    `Restored ${c.statement.toLocaleString("en")} statements, ${c.speaker.toLocaleString("en")} speakers, ${c.topic.toLocaleString("en")} topics, ` +
      `${c.source.toLocaleString("en")} sources, ${c.report.toLocaleString("en")} reports, ${c.revision.toLocaleString("en")} revisions, ${c.slugRedirect.toLocaleString("en")} slug redirects, ` +
      `${c.user.toLocaleString("en")} users${summary.credentials ? ` and ${c.apiToken.toLocaleString("en")} API tokens` : ""} in ${((restored - started) / 1000).toFixed(1)} s.`,
  );
  if (!summary.credentials && c.user > 0) {
    console.log(
      "The backup holds no password hashes: the restored accounts cannot log in. Create an admin with `npm run user:create`, " +
        "or restore a backup made with --with-password-hashes.",
    );
  }
  try {
    const { documents } = await reindexAll(ctx, (n) => {
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kindexed ${n.toLocaleString("en")} statements`);
    });
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    console.log(
      `Rebuilt the search index "${ctx.indexUid}": ${documents.toLocaleString("en")} published statements in ${((Date.now() - restored) / 1000).toFixed(1)} s.`,
    );
  } catch (error) {
    console.error(
      `restore: the data is restored, but the search index could not be rebuilt (${error instanceof Error ? error.message : String(error)}); run \`npm run reindex\`.`,
    );
    return 1;
  }
  return 0;
});
