import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeiliClient } from "@/lib/search/client";
import { getDocument } from "@/lib/search/index-admin";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { compareIndexWithPostgres, isInSync } from "@/lib/sync/check-index";
import { pendingOutboxCount } from "@/lib/sync/outbox";
import { reindexAll } from "@/lib/sync/reindex";
import { drainOutbox, drainOutboxOnce } from "@/lib/sync/worker";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { useTestEnvironment } from "../support/integration";

function line(externalId: string, text: string, extra: Record<string, unknown> = {}): ImportLine {
  const parsed = parseImportLine(
    JSON.stringify({
      externalId,
      text,
      language: "en",
      speaker: { name: "Test Speaker" },
      saidOn: "2020-05",
      ...extra,
    }),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
beforeAll(async () => {
  env = await useTestEnvironment("sync");
});
afterAll(async () => {
  await env.close();
});

describe("outbox sync", () => {
  it("indexes a new statement only after its outbox row is drained", async () => {
    await importBatch(env.pool, new ImportResolver(), [line("sync-1", "The first words of the sync test")]);
    const { rows } = await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = 'sync-1'`);
    const id = rows[0]!.id;
    expect(await getDocument(env.meili, env.indexUid, id)).toBeNull();
    expect(await pendingOutboxCount(env.pool)).toBe(1);
    const result = await drainOutbox(env.ctx);
    expect(result.indexed).toBe(1);
    expect(await pendingOutboxCount(env.pool)).toBe(0);
    const doc = await getDocument(env.meili, env.indexUid, id);
    expect(doc?.text).toBe("The first words of the sync test");
    expect(doc?.speakerNames).toContain("Test Speaker");
  });

  it("removes a retracted statement from the index", async () => {
    const { rows } = await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = 'sync-1'`);
    const id = rows[0]!.id;
    const client = await env.pool.connect();
    await client.query("BEGIN");
    await client.query(
      `UPDATE statements SET status = 'retracted', retraction_reason = 'misquoted', version = version + 1 WHERE id = $1`,
      [id],
    );
    await client.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [id]);
    await client.query("COMMIT");
    client.release();
    const result = await drainOutbox(env.ctx);
    expect(result.deleted).toBe(1);
    expect(await getDocument(env.meili, env.indexUid, id)).toBeNull();
  });

  it("keeps changes in the outbox while Meilisearch is unreachable, and retries with backoff", async () => {
    await importBatch(env.pool, new ImportResolver(), [line("sync-2", "Saved while search was down")]);
    const down = { ...env.ctx, meili: createMeiliClient("http://127.0.0.1:9", "", 2000) };
    const result = await drainOutboxOnce(down);
    expect(result.failed).toBe(1);
    const { rows } = await env.pool.query(
      `SELECT attempts, last_error, available_at > now() AS later FROM outbox WHERE done_at IS NULL`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempts: 1, later: true });
    expect(rows[0].last_error).toBeTruthy();
    // Once search is back (and the backoff has passed) the change is indexed.
    await env.pool.query(`UPDATE outbox SET available_at = now() WHERE done_at IS NULL`);
    await drainOutbox(env.ctx);
    expect(await pendingOutboxCount(env.pool)).toBe(0);
  });

  it("fans a speaker's rename out to the documents of their statements", async () => {
    await env.pool.query(
      `UPDATE speakers SET name_ar = 'متحدث تجريبي', version = version + 1 WHERE slug = 'test-speaker'`,
    );
    await env.pool.query(
      `INSERT INTO outbox (entity_type, entity_id) SELECT 'speaker', id FROM speakers WHERE slug = 'test-speaker'`,
    );
    await drainOutbox(env.ctx);
    await drainOutbox(env.ctx);
    const { rows } = await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = 'sync-2'`);
    const doc = await getDocument(env.meili, env.indexUid, rows[0]!.id);
    expect(doc?.speakerNames).toContain("متحدث تجريبي");
  });

  it("indexes every change exactly once when two workers drain at the same time", async () => {
    const lines = Array.from({ length: 300 }, (_, i) => line(`sync-many-${i}`, `Statement number ${i} of many`));
    await importBatch(env.pool, new ImportResolver(), lines);
    const [a, b] = await Promise.all([
      drainOutbox({ ...env.ctx, batchSize: 50 }),
      drainOutbox({ ...env.ctx, batchSize: 50 }),
    ]);
    // Whatever one worker deferred, a last pass picks up.
    const rest = await drainOutbox(env.ctx);
    expect(a.indexed + b.indexed + rest.indexed).toBe(300);
    expect(await pendingOutboxCount(env.pool)).toBe(0);
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
  });

  it("check-index reports documents that are missing, extra or stale", async () => {
    const { rows } = await env.pool.query<{ id: number }>(
      `SELECT id FROM statements WHERE external_id = 'sync-many-1'`,
    );
    await env.pool.query(`UPDATE statements SET text = 'Changed behind the worker''s back' WHERE id = $1`, [
      rows[0]!.id,
    ]);
    const diff = await compareIndexWithPostgres(env.ctx);
    expect(diff.stale).toEqual([rows[0]!.id]);
    expect(isInSync(diff)).toBe(false);
  });

  it("reindex builds a fresh index that matches Postgres and swaps it in", async () => {
    const { documents } = await reindexAll(env.ctx);
    expect(documents).toBe(301);
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
    const indexes = await env.meili.getIndexes({ limit: 1000 });
    expect(indexes.results.map((i) => i.uid).filter((uid) => uid.startsWith(`${env.indexUid}_rebuild`))).toEqual([]);
  });
});
