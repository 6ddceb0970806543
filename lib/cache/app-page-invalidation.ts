import { appEnv } from "@/lib/env";
import { startPageInvalidation, type PageInvalidation } from "./page-invalidation";

const holder = globalThis as unknown as { __statementsPageInvalidation?: PageInvalidation };

/** Starts this server process's listener for page changes (once). */
export function startAppPageInvalidation(): void {
  if (holder.__statementsPageInvalidation) return;
  holder.__statementsPageInvalidation = startPageInvalidation(appEnv().DATABASE_URL);
}
