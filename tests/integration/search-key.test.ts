import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeiliClient, meiliClient, meiliWriterClient } from "@/lib/search/client";
import { ensureSearchKey, reportedSearchKey, searchKeyFor, searchKeyUid } from "@/lib/search/keys";
import { searchStatements } from "@/lib/search/query";
import { parseSearchParams } from "@/lib/validation/search-params";
import { useTestEnvironment } from "../support/integration";

// Least privilege: the app's searches go through a key that may only search
// the statements index (made from the master key at start); only the sync
// worker and the admin commands hold the master key.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
beforeAll(async () => {
  env = await useTestEnvironment("search_key");
});
afterAll(async () => {
  await env.close();
});

function code(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code;
}

describe("the search path's Meilisearch key", () => {
  it("is not the master key, but the search-only key of this index, which Meilisearch knows", async () => {
    const key = meiliClient().config.apiKey;
    expect(key).toBeTruthy();
    expect(key).not.toBe(env.services.meiliKey);
    expect(key).toBe(searchKeyFor(env.services.meiliKey, env.indexUid));
    const stored = await env.meili.getKey(searchKeyUid(env.indexUid));
    expect(stored.key).toBe(key);
    expect(stored.actions).toEqual(["search"]);
    expect(stored.indexes).toEqual([env.indexUid]);
    expect(stored.expiresAt).toBeNull();
  });

  it("searches", async () => {
    const parsed = parseSearchParams(new URLSearchParams("q=anything"));
    if (!parsed.ok) throw new Error("bad params");
    expect((await searchStatements(parsed.query)).total).toBe(0);
  });

  it("cannot add or delete documents, change settings, delete the index, read keys or reach another index", async () => {
    const index = meiliClient().index(env.indexUid);
    const refusals = await Promise.all([
      index.addDocuments([{ id: 999_999, text: "written through the search key" }]).then(() => "accepted", code),
      index.deleteAllDocuments().then(() => "accepted", code),
      index.updateSettings({ searchableAttributes: ["text"] }).then(() => "accepted", code),
      meiliClient()
        .deleteIndex(env.indexUid)
        .then(() => "accepted", code),
      meiliClient()
        .getKeys()
        .then(() => "accepted", code),
      meiliClient()
        .index("another_index")
        .search("x")
        .then(() => "accepted", code),
    ]);
    expect(refusals).toEqual(Array(6).fill("invalid_api_key"));
    // Nothing was written.
    await expect(env.meili.index(env.indexUid).getDocument(999_999)).rejects.toMatchObject({
      cause: { code: "document_not_found" },
    });
  });

  it("the sync worker's client writes with the master key", () => {
    expect(meiliWriterClient().config.apiKey).toBe(env.services.meiliKey);
  });

  it("works when MEILI_MASTER_KEY holds an admin API key: the key Meilisearch reports is used, not one derived from it", async () => {
    const adminKey = (await env.meili.getKeys({ limit: 1000 })).results.find(
      (k) => k.name === "Default Admin API Key",
    )!.key;
    const admin = createMeiliClient(env.services.meiliUrl, adminKey);
    expect(await ensureSearchKey(admin, adminKey, env.indexUid)).toBe(
      searchKeyFor(env.services.meiliKey, env.indexUid),
    );
    const other = `${env.indexUid}_other`;
    await admin.createIndex(other).waitTask();
    const made = await ensureSearchKey(admin, adminKey, other);
    expect(made).not.toBe(searchKeyFor(adminKey, other));
    expect(reportedSearchKey(env.services.meiliUrl, other)).toBe(made);
    expect((await createMeiliClient(env.services.meiliUrl, made).index(other).search("")).hits).toEqual([]);
    await admin.deleteIndex(other).waitTask();
  });

  it("is made once: ensuring it again finds the same key", async () => {
    const before = (await env.meili.getKeys({ limit: 1000 })).results.length;
    expect(await ensureSearchKey(env.meili, env.services.meiliKey, env.indexUid)).toBe(meiliClient().config.apiKey);
    expect((await env.meili.getKeys({ limit: 1000 })).results.length).toBe(before);
  });
});
