import { createHash, createHmac } from "node:crypto";
import type { Meilisearch } from "meilisearch";

// Least privilege for reads: the app's searches go through an API key that may
// only search the statements index, never write to it. Meilisearch derives an
// API key's value from its uid and the master key (HMAC-SHA256 of the uid,
// hex), so a key with a fixed uid has a value every holder of the master key
// can compute without asking; ensureSearchKey makes sure Meilisearch knows it.
// Writing (the sync worker, reindex, check:index, import) keeps the master key.

/** The uid of the search key for an index: a UUID (version 4 layout) made from the index name. */
export function searchKeyUid(indexUid: string): string {
  const hex = createHash("sha256")
    .update(`statements-tracker search key\0${indexUid}`)
    .digest("hex")
    .slice(0, 32)
    .split("");
  hex[12] = "4";
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The search key's value, as Meilisearch computes it from the master key. Empty without a master key (Meilisearch without auth). */
export function searchKeyFor(masterKey: string, indexUid: string): string {
  if (!masterKey) return "";
  return createHmac("sha256", masterKey).update(searchKeyUid(indexUid)).digest("hex");
}

// The value Meilisearch reported for each index's search key, by server and index: it differs from
// searchKeyFor's when MEILI_MASTER_KEY holds an admin API key rather than the master key itself.
const reported = ((globalThis as unknown as { __statementsSearchKeys?: Map<string, string> }).__statementsSearchKeys ??=
  new Map<string, string>());

function serverAndIndex(host: string, indexUid: string): string {
  return `${host.replace(/\/+$/, "")}|${indexUid}`;
}

/** The search key of `indexUid` on the server at `host` as Meilisearch reported it to ensureSearchKey in this process, if it did. */
export function reportedSearchKey(host: string, indexUid: string): string | undefined {
  return reported.get(serverAndIndex(host, indexUid));
}

function errorCode(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code;
}

/**
 * Creates the index's search-only key unless Meilisearch already has it (the
 * admin client holds the master key). Returns the key, as Meilisearch reports
 * it, and remembers it for meiliClient(). Without a master key (no auth),
 * there are no keys to make.
 */
export async function ensureSearchKey(admin: Meilisearch, masterKey: string, indexUid: string): Promise<string> {
  if (!masterKey) return "";
  const uid = searchKeyUid(indexUid);
  let key: string;
  try {
    key = (await admin.getKey(uid)).key;
  } catch (error) {
    if (errorCode(error) !== "api_key_not_found") throw error;
    try {
      const created = await admin.createKey({
        uid,
        name: `statements-tracker search (${indexUid})`,
        description: "The app's public searches: search only, this index only.",
        actions: ["search"],
        indexes: [indexUid],
        expiresAt: null,
      });
      key = created.key;
    } catch (createError) {
      // Another process made it meanwhile.
      if (errorCode(createError) !== "api_key_already_exists") throw createError;
      key = (await admin.getKey(uid)).key;
    }
  }
  reported.set(serverAndIndex(admin.config.host, indexUid), key);
  return key;
}
