import type { SearchClient } from "@/lib/search/client";
import type pg from "pg";
import { TASK_MAX_BYTES, enqueueDocumentWrites, ensureStatementIndex, waitForWrite } from "@/lib/search/index-admin";
import { loadDocuments } from "./documents";
import { Wakeup } from "./wakeup";

export type SyncContext = {
  pool: pg.Pool;
  meili: SearchClient;
  indexUid: string;
  /** Most outbox rows one batch claims (the claim grows up to it while the outbox is deep). */
  batchSize?: number;
  log?: (message: string) => void;
};

export type DrainResult = {
  claimed: number;
  indexed: number;
  deleted: number;
  deferred: number;
  failed: number;
  bytes: number;
};

// How many rows a batch claims. A lone curator save is one row, claimed and
// sent at once, whatever the limit. While the outbox is deep (the last claim
// came back full) the limit grows fourfold per batch up to MAX_CLAIM, so bulk
// changes (an import, a speaker merge fanning out to 50,000 statements) reach
// Meilisearch in a few big tasks rather than hundreds of small ones; the byte
// budget keeps a batch of long texts within TASK_MAX_BYTES-sized tasks.
export const FIRST_CLAIM = 1_000;
export const MAX_CLAIM = 50_000;

/** The next batch's claim limit, from the last batch's. */
export function nextClaimLimit(
  last: { limit: number; claimed: number; indexed: number; bytes: number },
  max = MAX_CLAIM,
): number {
  if (last.claimed < last.limit) return Math.min(FIRST_CLAIM, max);
  const grown = Math.min(max, last.limit * 4);
  if (last.indexed === 0 || last.bytes === 0) return grown;
  const perDocument = last.bytes / last.indexed;
  return Math.max(Math.min(FIRST_CLAIM, max), Math.min(grown, Math.floor(TASK_MAX_BYTES / perDocument)));
}

// Advisory-lock namespace for "this statement's document is being written".
const STATEMENT_LOCK_SPACE = 7_331;
const MAX_BACKOFF_MS = 60_000;

type OutboxRow = { id: string; entity_type: "statement" | "speaker" | "topic"; entity_id: number; attempts: number };

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … up to a minute. */
export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 10));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Drains one batch of the outbox into Meilisearch, in one transaction:
 *  - rows are claimed with FOR UPDATE SKIP LOCKED, so several workers (one per
 *    app instance) never take the same row; curators' changes first and alone,
 *    then background (bulk) rows, each oldest first;
 *  - a speaker or topic change fans out into statement rows (their documents
 *    carry the speaker's names and the topics), processed by a later batch;
 *  - each statement is also held by an advisory lock while its document is
 *    built and written: a second worker defers it rather than racing to write an
 *    older version after a newer one;
 *  - rows are marked done only after Meilisearch reports the task succeeded;
 *    on failure they are retried with backoff. Nothing is lost if the worker
 *    dies mid-batch: the transaction rolls back and the rows are claimed again.
 */
export async function drainOutboxOnce(
  ctx: SyncContext,
  limit = Math.min(FIRST_CLAIM, ctx.batchSize ?? MAX_CLAIM),
): Promise<DrainResult> {
  const result: DrainResult = { claimed: 0, indexed: 0, deleted: 0, deferred: 0, failed: 0, bytes: 0 };
  const client = await ctx.pool.connect();
  try {
    await client.query("BEGIN");
    // Curators' changes alone while there are any, so that a save is not sent in a bulk-sized task.
    const claim = (background: boolean) =>
      client.query<OutboxRow>(
        `SELECT id, entity_type, entity_id, attempts FROM outbox
          WHERE done_at IS NULL AND background = $2 AND available_at <= now()
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, background],
      );
    let claimed = await claim(false);
    if (claimed.rows.length === 0) claimed = await claim(true);
    result.claimed = claimed.rows.length;
    if (claimed.rows.length === 0) {
      await client.query("COMMIT");
      return result;
    }

    const fanOut = claimed.rows.filter((row) => row.entity_type !== "statement");
    if (fanOut.length > 0) {
      const speakerIds = fanOut.filter((r) => r.entity_type === "speaker").map((r) => r.entity_id);
      const topicIds = fanOut.filter((r) => r.entity_type === "topic").map((r) => r.entity_id);
      await client.query(
        `INSERT INTO outbox (entity_type, entity_id)
         SELECT 'statement', id FROM statements WHERE speaker_id = ANY($1::int[])
         UNION SELECT 'statement', statement_id FROM statement_topics WHERE topic_id = ANY($2::int[])`,
        [speakerIds, topicIds],
      );
      await client.query(`UPDATE outbox SET done_at = now() WHERE id = ANY($1::bigint[])`, [fanOut.map((r) => r.id)]);
    }

    const statementRows = claimed.rows.filter((row) => row.entity_type === "statement");
    const distinctIds = [...new Set(statementRows.map((r) => r.entity_id))].sort((a, b) => a - b);
    const locks = await client.query<{ id: number; locked: boolean }>(
      `SELECT id, pg_try_advisory_xact_lock($1, id) AS locked FROM unnest($2::int[]) AS id`,
      [STATEMENT_LOCK_SPACE, distinctIds],
    );
    const lockedIds = locks.rows.filter((r) => r.locked).map((r) => r.id);
    const lockedSet = new Set(lockedIds);
    const rowsToFinish = statementRows.filter((r) => lockedSet.has(r.entity_id));
    result.deferred = statementRows.length - rowsToFinish.length;

    if (rowsToFinish.length > 0) {
      try {
        const documents = await loadDocuments(client, lockedIds);
        const published = new Set(documents.map((d) => d.id));
        const absent = lockedIds.filter((id) => !published.has(id));
        // Additions and deletions are queued together, then awaited: one round trip less.
        const write = await enqueueDocumentWrites(ctx.meili, ctx.indexUid, documents, absent);
        await waitForWrite(ctx.meili, write);
        await client.query(`UPDATE outbox SET done_at = now() WHERE id = ANY($1::bigint[])`, [
          rowsToFinish.map((r) => r.id),
        ]);
        result.indexed = documents.length;
        result.deleted = absent.length;
        result.bytes = write.bytes;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const attempts = Math.max(...rowsToFinish.map((r) => r.attempts)) + 1;
        await client.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                  available_at = now() + make_interval(secs => $3::float8 / 1000)
            WHERE id = ANY($1::bigint[])`,
          [rowsToFinish.map((r) => r.id), message.slice(0, 1000), backoffMs(attempts)],
        );
        result.failed = rowsToFinish.length;
        ctx.log?.(`sync: ${rowsToFinish.length} change(s) not indexed yet, retrying in a moment: ${message}`);
      }
    }
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Drains until nothing is pending (or only rows waiting for their retry time remain). */
export async function drainOutbox(ctx: SyncContext): Promise<DrainResult> {
  const total: DrainResult = { claimed: 0, indexed: 0, deleted: 0, deferred: 0, failed: 0, bytes: 0 };
  const max = ctx.batchSize ?? MAX_CLAIM;
  let limit = Math.min(FIRST_CLAIM, max);
  for (;;) {
    const round = await drainOutboxOnce(ctx, limit);
    limit = nextClaimLimit({ limit, ...round }, max);
    for (const key of Object.keys(total) as Array<keyof DrainResult>) total[key] += round[key];
    // Stop when idle, failing, or when every claimed row belongs to another worker's statements.
    if (round.claimed === 0 || round.failed > 0 || round.deferred === round.claimed) return total;
  }
}

export type RunningWorker = {
  stop: () => Promise<void>;
  done: Promise<void>;
  /** Bulk mode: stop waiting for a full batch, send whatever is pending (the producer has finished). */
  flush: () => void;
};

export type WorkerOptions = SyncContext & {
  pollMs?: number;
  concurrency?: number;
  /**
   * Bulk mode (import, benchmark load): claim nothing until at least this many
   * changes are pending (or flush() was called), so that Meilisearch gets tasks
   * of tens of thousands of documents from the first one on.
   */
  bulkMinBacklog?: number;
};

/** The worker settings of bulk loads (import, the benchmark's corpus): one loop, batches of MAX_CLAIM changes. */
export const BULK_WORKER = { pollMs: 500, concurrency: 1, batchSize: MAX_CLAIM, bulkMinBacklog: MAX_CLAIM } as const;

/** Pending changes, counted up to `cap` (an index range scan of at most `cap` entries). */
async function pendingUpTo(pool: pg.Pool, cap: number): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM outbox WHERE done_at IS NULL AND available_at <= now() LIMIT $1) pending`,
    [cap],
  );
  return Number(rows[0]!.n);
}

/**
 * Runs the worker until stopped: woken by NOTIFY from the outbox trigger for
 * freshness, and polling as a fallback (a missed notification, a retry whose
 * backoff has passed, a Postgres restart). Each loop claims small batches while
 * the outbox is shallow and bigger ones while it is deep (nextClaimLimit).
 * With `concurrency` above 1 several drain loops run at once; Meilisearch then
 * merges their queued tasks into one batch.
 */
export function startSyncWorker(ctx: WorkerOptions): RunningWorker {
  let stopped = false;
  let flushed = !ctx.bulkMinBacklog;
  const maxClaim = ctx.batchSize ?? MAX_CLAIM;
  const wakeup = new Wakeup();
  const wakeAll = () => wakeup.wake();
  const sleep = (ms: number) => wakeup.sleep(ms);

  // One LISTEN connection shared by all loops; re-opened after Postgres restarts.
  let listener: pg.PoolClient | null = null;
  let connecting: Promise<void> | null = null;
  function listen(): Promise<void> {
    if (listener || stopped) return Promise.resolve();
    connecting ??= (async () => {
      try {
        const client = await ctx.pool.connect();
        client.on("notification", wakeAll);
        client.on("error", () => {
          if (listener === client) listener = null;
          client.release(true);
        });
        await client.query("LISTEN outbox");
        listener = client;
      } catch {
        listener = null;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }

  let indexReady: Promise<void> | null = null;
  async function loop() {
    let failures = 0;
    let limit = Math.min(FIRST_CLAIM, maxClaim);
    while (!stopped) {
      try {
        await listen();
        indexReady ??= ensureStatementIndex(ctx.meili, ctx.indexUid).catch((error) => {
          indexReady = null;
          throw error;
        });
        await indexReady;
        if (!flushed && (await pendingUpTo(ctx.pool, ctx.bulkMinBacklog!)) < ctx.bulkMinBacklog!) {
          await sleep(ctx.pollMs ?? 1000);
          continue;
        }
        // A bulk worker claims full batches to the end; others adapt to the backlog.
        if (ctx.bulkMinBacklog) limit = maxClaim;
        const round = await drainOutboxOnce(ctx, limit);
        failures = 0;
        limit = nextClaimLimit({ limit, ...round }, maxClaim);
        if (round.claimed > 0 && round.failed === 0 && round.deferred < round.claimed) continue;
        await sleep(ctx.pollMs ?? 1000);
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 30 === 0) {
          ctx.log?.(
            `sync: waiting for Postgres/Meilisearch (${error instanceof Error ? error.message : String(error)})`,
          );
        }
        await sleep(Math.min(backoffMs(failures), 10_000));
      }
    }
  }

  const done = Promise.all(Array.from({ length: Math.max(1, ctx.concurrency ?? 1) }, loop)).then(() => undefined);
  return {
    done,
    flush: () => {
      flushed = true;
      wakeAll();
    },
    stop: async () => {
      stopped = true;
      wakeAll();
      await done;
      if (listener) {
        await listener.query("UNLISTEN outbox").catch(() => undefined);
        listener.release();
        listener = null;
      }
    },
  };
}
