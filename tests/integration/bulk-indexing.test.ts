import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Task } from "meilisearch";
import { seedDemoData } from "@/lib/seed/demo";
import { waitForTaskSucceeded } from "@/lib/search/index-admin";
import { findSimilarStatements } from "@/lib/search/similar";
import { compareIndexWithPostgres, isInSync } from "@/lib/sync/check-index";
import { pendingOutboxCount } from "@/lib/sync/outbox";
import { reindexAll } from "@/lib/sync/reindex";
import { drainOutbox, drainOutboxOnce, startSyncWorker } from "@/lib/sync/worker";
import { useTestEnvironment } from "../support/integration";

// Bulk mode, against a real Postgres and Meilisearch: a deep outbox reaches
// Meilisearch in a few big tasks (not one per thousand changes), a bulk worker
// sends full batches from the first, reindex sends big tasks, a lone save is
// still one small task, and waiting for a long task raises no
// MaxListenersExceededWarning. Task sizes are read from Meilisearch's /tasks.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

beforeAll(async () => {
  env = await useTestEnvironment("bulk_indexing");
  await seedDemoData(env.pool);
  await drainOutbox(env.ctx);
  process.on("warning", onWarning);
});
afterAll(async () => {
  process.off("warning", onWarning);
  await env?.close();
});

/** Published statements written straight to Postgres, each with its outbox row (as the importer does). */
async function insertStatements(count: number, label: string, background = false): Promise<void> {
  await env.pool.query(
    `WITH made AS (
       INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status)
       SELECT $2 || ' statement ' || i || ' about peace, development and human rights', 'en', 'direct',
              (SELECT min(id) FROM speakers) + (i % 8), DATE '2000-01-01' + (i % 5000), 'day', 'published'
         FROM generate_series(1, $1) AS i
       RETURNING id)
     INSERT INTO outbox (entity_type, entity_id, background) SELECT 'statement', id, $3 FROM made`,
    [count, label, background],
  );
}

/** The document additions Meilisearch received for this test's indexes since `since`, oldest first. */
async function additionsSince(since: Date, indexPrefix = env.indexUid): Promise<Task[]> {
  const { results } = await env.meili.tasks.getTasks({
    types: ["documentAdditionOrUpdate"],
    afterEnqueuedAt: since.toISOString(),
    limit: 1000,
  });
  return results.filter((t) => t.indexUid?.startsWith(indexPrefix)).sort((a, b) => a.uid - b.uid);
}

const received = (tasks: Task[]) =>
  tasks.map((t) => Number((t.details as { receivedDocuments?: number } | undefined)?.receivedDocuments ?? 0));

describe("bulk indexing", () => {
  it("drains a deep outbox in a few growing tasks, not one per thousand changes", async () => {
    const since = new Date();
    await insertStatements(12_000, "deep");
    const result = await drainOutbox(env.ctx);
    expect(result.indexed).toBe(12_000);
    const sizes = received(await additionsSince(since));
    // 1,000, then 4,000, then the remaining 7,000 (a claim of up to 16,000).
    expect(sizes).toEqual([1_000, 4_000, 7_000]);
    expect(await pendingOutboxCount(env.pool)).toBe(0);
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
  });

  it("a bulk worker waits for a full batch, then sends it as one task; flush sends the rest", async () => {
    const since = new Date();
    const worker = startSyncWorker({
      ...env.ctx,
      pollMs: 100,
      concurrency: 1,
      batchSize: 6_000,
      bulkMinBacklog: 6_000,
    });
    try {
      // Written in slices as an import does; nothing is sent until 6,000 are pending.
      for (let i = 0; i < 4; i++) await insertStatements(2_000, `bulk${i}`);
      await insertStatements(500, "tail");
      await new Promise((resolve) => setTimeout(resolve, 300));
      worker.flush();
      for (let waited = 0; (await pendingOutboxCount(env.pool)) > 0 && waited < 60_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.stop();
    }
    const sizes = received(await additionsSince(since));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8_500);
    expect(sizes[0]).toBe(6_000);
    expect(sizes.length).toBe(2);
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
  });

  it("a lone save is still one small task, indexed at once", async () => {
    const since = new Date();
    await insertStatements(1, "lone");
    const started = performance.now();
    await drainOutbox(env.ctx);
    const elapsed = performance.now() - started;
    expect(received(await additionsSince(since))).toEqual([1]);
    // Meilisearch's own time for it is the floor; our polling adds at most 50 ms to it.
    expect(elapsed).toBeLessThan(5_000);
  });

  it("a curator's change is claimed before a deep background backlog (an import's, a migration's re-indexing)", async () => {
    await insertStatements(3_000, "backlog", true);
    await insertStatements(1, "curator");
    const pending = async (background: boolean) =>
      Number(
        (
          await env.pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND background = $1`,
            [background],
          )
        ).rows[0]!.n,
      );
    // The save goes alone, in a task of its own size, not in a bulk-sized one.
    expect(await drainOutboxOnce(env.ctx, 10)).toMatchObject({ claimed: 1, indexed: 1 });
    expect(await pending(false)).toBe(0);
    expect(await pending(true)).toBe(3_000);
    const hits = await env.meili.index(env.indexUid).search("curator statement 1", { limit: 1 });
    expect(hits.hits[0]?.text).toBe("curator statement 1 about peace, development and human rights");
    await drainOutbox(env.ctx);
    expect(await pending(true)).toBe(0);
  });

  it("reindex sends big tasks: every published statement in one task here", async () => {
    const since = new Date();
    const { documents } = await reindexAll(env.ctx);
    const { rows } = await env.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM statements WHERE status = 'published'`,
    );
    expect(documents).toBe(Number(rows[0]!.n));
    expect(received(await additionsSince(since, `${env.indexUid}_rebuild`))).toEqual([documents]);
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
  });

  it("the trimmed settings still take the duplicate check's filters (speakerId =, id !=)", async () => {
    const { rows } = await env.pool.query<{ id: number; speaker_id: number; text: string }>(
      `SELECT id, speaker_id, text FROM statements WHERE text LIKE 'lone statement%' LIMIT 1`,
    );
    const lone = rows[0]!;
    expect((await findSimilarStatements(lone.text, lone.speaker_id, null)).map((s) => s.id)).toContain(lone.id);
    expect((await findSimilarStatements(lone.text, lone.speaker_id, lone.id)).map((s) => s.id)).not.toContain(lone.id);
  });

  it("waiting for a long task with many polls leaves no listener behind (no MaxListenersExceededWarning)", async () => {
    // A task that takes a while (documents added to a scratch index), waited
    // for with the one-document schedule: dozens of polls.
    const scratch = `${env.indexUid}_scratch`;
    const docs = Array.from({ length: 20_000 }, (_, i) => ({
      id: i + 1,
      text: `scratch document ${i} ${"words ".repeat(20)}`,
    }));
    const task = await env.meili.index(scratch).addDocuments(docs, { primaryKey: "id" });
    let polls = 0;
    const tasks = env.meili.tasks;
    const getTask = tasks.getTask.bind(tasks);
    tasks.getTask = ((...args: Parameters<typeof getTask>) => {
      polls += 1;
      return getTask(...args);
    }) as typeof tasks.getTask;
    try {
      await waitForTaskSucceeded(env.meili, task.taskUid, 1);
    } finally {
      delete (tasks as { getTask?: unknown }).getTask;
    }
    await env.meili.deleteIndex(scratch);
    expect(polls).toBeGreaterThan(11);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.includes("MaxListenersExceeded"))).toEqual([]);
  });
});
