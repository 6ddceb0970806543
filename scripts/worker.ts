// npm run worker: runs the outbox → Meilisearch sync worker and the merge candidate job on their own
// (the app also runs both in each server process; several at once are safe).
import { startMergeCandidateJob } from "@/lib/curate/merge-candidates";
import { startSyncWorker } from "@/lib/sync/worker";
import { runWithServices } from "./lib/cli";

await runWithServices("worker", async (ctx) => {
  const worker = startSyncWorker({ ...ctx, log: (message) => console.log(message) });
  const mergeJob = startMergeCandidateJob({ pool: ctx.pool, log: (message) => console.log(message) });
  console.log(`Sync worker and merge candidate job running for index "${ctx.indexUid}". Ctrl-C stops them.`);
  await new Promise<void>((resolve) => {
    process.removeAllListeners("SIGINT");
    process.removeAllListeners("SIGTERM");
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await mergeJob.stop();
  await worker.stop();
});
