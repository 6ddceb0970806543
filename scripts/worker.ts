// npm run worker: runs the outbox → Meilisearch sync worker on its own (the app
// also runs one in each server process; several at once are safe).
import { startSyncWorker } from "@/lib/sync/worker";
import { runWithServices } from "./lib/cli";

await runWithServices("worker", async (ctx) => {
  const worker = startSyncWorker({ ...ctx, log: (message) => console.log(message) });
  console.log(`Sync worker running for index "${ctx.indexUid}". Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.removeAllListeners("SIGINT");
    process.removeAllListeners("SIGTERM");
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await worker.stop();
});
