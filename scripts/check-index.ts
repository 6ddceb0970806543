// npm run check:index: compares Postgres with the search index; exit 1 when they differ.
import { pendingOutboxCount } from "@/lib/sync/outbox";
import { compareIndexWithPostgres, isInSync } from "@/lib/sync/check-index";
import { runWithServices } from "./lib/cli";

function sample(ids: number[]): string {
  return ids.slice(0, 20).join(", ") + (ids.length > 20 ? `, … (${ids.length} in all)` : "");
}

await runWithServices("check:index", async (ctx) => {
  const diff = await compareIndexWithPostgres(ctx);
  const pending = await pendingOutboxCount(ctx.pool);
  console.log(
    `Postgres: ${diff.postgresCount.toLocaleString("en")} published statements; index "${ctx.indexUid}": ${diff.indexCount.toLocaleString("en")} documents; outbox: ${pending} pending.`,
  );
  if (isInSync(diff)) {
    console.log("No difference.");
    return 0;
  }
  if (diff.missing.length) console.log(`Missing from the index (${diff.missing.length}): ${sample(diff.missing)}`);
  if (diff.extra.length)
    console.log(`In the index but not published in Postgres (${diff.extra.length}): ${sample(diff.extra)}`);
  if (diff.stale.length) console.log(`Out of date in the index (${diff.stale.length}): ${sample(diff.stale)}`);
  if (pending > 0)
    console.log("Changes are still waiting in the outbox: the worker may simply not have caught up yet.");
  console.log("Run `npm run reindex` to rebuild the index from Postgres.");
  return 1;
});
