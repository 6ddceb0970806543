// Runs once when a server process starts: each app instance runs an outbox
// sync worker (several at once are safe, see lib/sync/worker.ts) and listens
// for the changes that make its cached pages stale (lib/cache/page-cache.ts), and looks for merge
// candidates in the background (lib/curate/merge-candidates.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppSyncWorker } = await import("./lib/sync/app-worker");
  startAppSyncWorker();
  const { startAppPageInvalidation } = await import("./lib/cache/app-page-invalidation");
  startAppPageInvalidation();
  const { startAppMergeCandidateJob } = await import("./lib/curate/merge-candidates");
  startAppMergeCandidateJob();
}
