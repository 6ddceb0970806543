import { Meilisearch } from "meilisearch";
import { appEnv } from "@/lib/env";
import { reportedSearchKey, searchKeyFor } from "./keys";

// The only place that constructs a Meilisearch client (lib/search is the only
// module allowed to speak to Meilisearch).
const globalHolder = globalThis as unknown as {
  __statementsMeili?: { key: string; client: Meilisearch };
  __statementsMeiliWriter?: { key: string; client: Meilisearch };
};

/** The search engine client, as the rest of the app may name it (only lib/search uses it). */
export type SearchClient = Meilisearch;

export function createMeiliClient(url: string, apiKey: string, timeout = 10_000): Meilisearch {
  return new Meilisearch({
    host: url,
    apiKey: apiKey || undefined,
    timeout,
    // Uncompressed answers. Meilisearch sits beside the app (same host or network),
    // where compression saves nothing, and its compressed answers arrive in small
    // pieces that TCP holds back (Nagle's algorithm against delayed ACKs): a search
    // Meilisearch processes in 3 ms took about 50 ms to arrive (see README, Measured).
    requestInit: { headers: { "Accept-Encoding": "identity" } },
  });
}

/**
 * The app's client for reading: its API key may only search the statements
 * index (lib/search/keys.ts), so a bug on the search path cannot write to the
 * index or read anything else. The key exists once ensureSearchKey ran (at
 * start: ensureStatementIndex, and the app server).
 */
export function meiliClient(): Meilisearch {
  const env = appEnv();
  // As Meilisearch reported it at start (the app server asks), else derived from the master key.
  const apiKey =
    reportedSearchKey(env.MEILI_URL, env.MEILI_INDEX) ?? searchKeyFor(env.MEILI_MASTER_KEY, env.MEILI_INDEX);
  const key = `${env.MEILI_URL}|${apiKey}|${env.MEILI_INDEX}`;
  if (globalHolder.__statementsMeili?.key !== key) {
    globalHolder.__statementsMeili = { key, client: createMeiliClient(env.MEILI_URL, apiKey) };
  }
  return globalHolder.__statementsMeili.client;
}

/** The master-key client, for the app's own sync worker only (lib/sync/app-worker.ts): it writes documents. */
export function meiliWriterClient(): Meilisearch {
  const env = appEnv();
  const key = `${env.MEILI_URL}|${env.MEILI_MASTER_KEY}`;
  if (globalHolder.__statementsMeiliWriter?.key !== key) {
    globalHolder.__statementsMeiliWriter = { key, client: createMeiliClient(env.MEILI_URL, env.MEILI_MASTER_KEY) };
  }
  return globalHolder.__statementsMeiliWriter.client;
}

export function statementsIndexName(): string {
  return appEnv().MEILI_INDEX;
}
