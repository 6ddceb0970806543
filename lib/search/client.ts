import { Meilisearch } from "meilisearch";
import { appEnv } from "@/lib/env";

// The only place that constructs a Meilisearch client (lib/search is the only
// module allowed to speak to Meilisearch).
const globalHolder = globalThis as unknown as { __statementsMeili?: { key: string; client: Meilisearch } };

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

export function meiliClient(): Meilisearch {
  const env = appEnv();
  const key = `${env.MEILI_URL}|${env.MEILI_MASTER_KEY}`;
  if (globalHolder.__statementsMeili?.key !== key) {
    globalHolder.__statementsMeili = { key, client: createMeiliClient(env.MEILI_URL, env.MEILI_MASTER_KEY) };
  }
  return globalHolder.__statementsMeili.client;
}

export function statementsIndexName(): string {
  return appEnv().MEILI_INDEX;
}
