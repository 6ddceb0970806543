import { getPool } from "@/lib/db/client";
import { appEnv } from "@/lib/env";
import { meiliWriterClient } from "@/lib/search/client";
import { startSyncWorker, type RunningWorker } from "./worker";

const holder = globalThis as unknown as { __statementsSyncWorker?: RunningWorker };

/** Starts this server process's sync worker, unless SYNC_WORKER=off. */
export function startAppSyncWorker(): void {
  const env = appEnv();
  if (env.SYNC_WORKER === "off" || holder.__statementsSyncWorker) return;
  holder.__statementsSyncWorker = startSyncWorker({
    pool: getPool(),
    meili: meiliWriterClient(),
    indexUid: env.MEILI_INDEX,
    log: (message) => console.warn(message),
  });
}
