import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeiliClient } from "@/lib/search/client";
import { getDocument } from "@/lib/search/index-admin";
import { searchStatements } from "@/lib/search/query";
import type { SearchQuery } from "@/lib/search/types";
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

const EVERYTHING: SearchQuery = {
  q: "",
  speakers: [],
  topics: [],
  languages: [],
  kinds: [],
  years: [],
  from: null,
  to: null,
  sort: "relevance",
  page: 1,
  limit: 20,
};

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

  it("gives a statement one document however many reports it has (the first report's outlet, their count), and removes a merged-away statement", async () => {
    const speaker = await env.pool.query<{ id: number }>(`SELECT id FROM speakers WHERE name = 'Test Speaker'`);
    const speakerId = speaker.rows[0]!.id;
    const { rows } = await env.pool.query<{ id: number }>(
      `INSERT INTO statements (text, language, kind, speaker_id, status) VALUES
         ('Reports of the sync test, reported three times', 'en', 'direct', $1, 'published'),
         ('Reports of the sync test reported three times!', 'en', 'direct', $1, 'published')
       RETURNING id`,
      [speakerId],
    );
    const [kept, merged] = rows.map((r) => r.id) as [number, number];
    // Added in this order: an undated report, a later one, then the earliest (so neither id order nor insertion order gives the first).
    const sources = await env.pool.query<{ id: number }>(
      `INSERT INTO sources (key, outlet, published_on, published_on_precision) VALUES
         ('sync-undated', 'Undated Weekly', NULL, NULL),
         ('sync-later', 'Later Daily', '2020-06-02', 'day'),
         ('sync-early', 'Early Gazette', '2020-05-03', 'day')
       RETURNING id`,
    );
    const [undated, later, early] = sources.rows.map((r) => r.id) as [number, number, number];
    await env.pool.query(
      `INSERT INTO statement_reports (statement_id, source_id, text, reported_on, reported_on_precision) VALUES
         ($1, $2, NULL, NULL, NULL), ($1, $3, 'Reported later, in other words', '2020-06-02', 'day'), ($1, $4, NULL, '2020-05-03', 'day'),
         ($5, $3, NULL, '2020-06-02', 'day')`,
      [kept, undated, later, early, merged],
    );
    await env.pool.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1), ('statement', $2)`, [
      kept,
      merged,
    ]);
    await drainOutbox(env.ctx);
    expect(await getDocument(env.meili, env.indexUid, kept)).toMatchObject({ outlet: "Early Gazette", reportCount: 3 });
    expect(await getDocument(env.meili, env.indexUid, merged)).toMatchObject({ outlet: "Later Daily", reportCount: 1 });

    // Merged into the other: status 'merged' is not public, so its document goes.
    await env.pool.query(`UPDATE statements SET status = 'merged', merged_into_id = $1 WHERE id = $2`, [kept, merged]);
    await env.pool.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [merged]);
    const result = await drainOutbox(env.ctx);
    expect(result.deleted).toBe(1);
    expect(await getDocument(env.meili, env.indexUid, merged)).toBeNull();
    const found = await searchStatements({ ...EVERYTHING, q: "reports sync test reported three times" });
    expect(found.hits.map((hit) => [hit.id, hit.reportCount, hit.outlet])).toEqual([[kept, 3, "Early Gazette"]]);
    // check-index builds the same documents and agrees.
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
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
    expect(documents).toBe(302); // sync-2, the 300, and the statement with three reports (not the one merged into it)
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
    const indexes = await env.meili.getIndexes({ limit: 1000 });
    expect(indexes.results.map((i) => i.uid).filter((uid) => uid.startsWith(`${env.indexUid}_rebuild`))).toEqual([]);
  });
});
