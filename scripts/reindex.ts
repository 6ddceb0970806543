// npm run reindex: builds a fresh search index from Postgres and swaps it in.
import { reindexAll } from "@/lib/sync/reindex";
import { runWithServices } from "./lib/cli";

await runWithServices("reindex", async (ctx) => {
  const started = Date.now();
  const { documents } = await reindexAll(ctx, (n) => {
    if (process.stderr.isTTY) process.stderr.write(`\rindexed ${n.toLocaleString("en")} statements`);
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.log(
    `Reindexed ${documents.toLocaleString("en")} statements into "${ctx.indexUid}" in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
});
