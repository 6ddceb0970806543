import path from "node:path";
import type pg from "pg";
import { getPool } from "@/lib/db/client";
import { appEnv } from "@/lib/env";
import { WorkerPool } from "@/lib/workers/pool";
import { NEAR_DUPLICATE, type DatedText } from "@/lib/text/near-duplicate";
import { storedPartialDateIso } from "@/lib/validation/partial-date";

// The background job that finds merge candidates (issue 15): pairs of one speaker's public statements
// with close wording and close dates, for curators to accept or reject in the review queue
// (lib/curate/merges.ts). Triggers queue each statement that is written public or whose words, date or
// status change (merge_scan_queue, migration 0013); the job takes a few at a time and compares each with
// the same speaker's statements said around the same time, so the import never waits for it. The
// scoring runs in a worker thread.

// Statements read per step, and at most this many statements of the speaker compared with each (the
// nearest in date): bounded work per step whatever a speaker's output.
const BATCH = 200;
const NEIGHBOURS = 20;
// Dates are compared by day in the scoring; the query widens the window for month and year precision.
const WINDOW_DAYS = NEAR_DUPLICATE.maxDaysApart + 366;

let scorer: WorkerPool | null = null;
function scoringPool(): WorkerPool {
  scorer ??= new WorkerPool({
    tasksModule: path.join(process.cwd(), "lib", "curate", "merge-thread-tasks.ts"),
    size: 1,
    maxWaitMs: 60_000,
  });
  return scorer;
}

type Row = { id: number; text: string; said_on: string | null; said_on_precision: string | null };
const dated = (row: Pick<Row, "text" | "said_on" | "said_on_precision">): DatedText => ({
  text: row.text,
  saidOn: storedPartialDateIso(row.said_on, row.said_on_precision),
});

/**
 * One step of the job: the next queued statements, compared with their neighbours; found pairs are
 * stored as pending candidates (a pair decided before stays decided; a pending one takes the new
 * score). Returns how many statements it read (0: the queue is empty) and how many pairs it found.
 * Instances of the app run the job side by side: each takes queued statements the others have not locked.
 */
export async function findMergeCandidatesStep(pool: pg.Pool): Promise<{ scanned: number; found: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const queued = await client.query<{ statement_id: number }>(
      `SELECT statement_id FROM merge_scan_queue ORDER BY statement_id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [BATCH],
    );
    if (queued.rows.length === 0) {
      await client.query("ROLLBACK");
      return { scanned: 0, found: 0 };
    }
    const queuedIds = queued.rows.map((r) => r.statement_id);
    const batch = await client.query<Row>(
      `SELECT id, text, said_on::text AS said_on, said_on_precision FROM statements
        WHERE id = ANY($1::int[]) AND status IN ('published', 'retracted')`,
      [queuedIds],
    );
    const neighbours = await client.query<Row & { of: number }>(
      `SELECT s.id AS of, n.id, n.text, n.said_on::text AS said_on, n.said_on_precision
         FROM statements s CROSS JOIN LATERAL (
           SELECT o.id, o.text, o.said_on, o.said_on_precision FROM statements o
            WHERE o.speaker_id = s.speaker_id AND o.id <> s.id AND o.status IN ('published', 'retracted')
              AND (s.said_on IS NULL OR o.said_on IS NULL OR o.said_on BETWEEN s.said_on - $2::int AND s.said_on + $2::int)
            ORDER BY abs(o.said_on - s.said_on) NULLS LAST, o.id DESC LIMIT $3) n
        WHERE s.id = ANY($1::int[]) AND s.status IN ('published', 'retracted')`,
      [queuedIds, WINDOW_DAYS, NEIGHBOURS],
    );
    const index = new Map<number, number>();
    const texts: DatedText[] = [];
    const slot = (row: Row) => {
      let at = index.get(row.id);
      if (at === undefined) {
        at = texts.push(dated(row)) - 1;
        index.set(row.id, at);
      }
      return at;
    };
    for (const row of batch.rows) slot(row);
    const pairs: Array<[number, number]> = [];
    const ids: Array<[number, number]> = [];
    for (const row of neighbours.rows) {
      pairs.push([index.get(row.of)!, slot(row)]);
      ids.push([Math.min(row.id, row.of), Math.max(row.id, row.of)]);
    }
    const scores =
      pairs.length > 0 ? await scoringPool().run<Array<number | null>>("scorePairs", { texts, pairs }, 30_000) : [];
    // A pair found from both of its statements in one step is stored once.
    const found = new Map<string, { low: number; high: number; score: number }>();
    ids.forEach(([low, high], i) => {
      if (scores[i] != null) found.set(`${low} ${high}`, { low, high, score: scores[i]! });
    });
    if (found.size > 0) {
      const rows = [...found.values()];
      await client.query(
        `INSERT INTO merge_candidates (statement_id, other_id, score)
         SELECT * FROM unnest($1::int[], $2::int[], $3::float8[])
         ON CONFLICT (statement_id, other_id) DO UPDATE SET score = EXCLUDED.score WHERE merge_candidates.status = 'pending'`,
        [rows.map((f) => f.low), rows.map((f) => f.high), rows.map((f) => f.score)],
      );
    }
    await client.query(`DELETE FROM merge_scan_queue WHERE statement_id = ANY($1::int[])`, [queuedIds]);
    await client.query("COMMIT");
    return { scanned: queuedIds.length, found: found.size };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export type RunningJob = { stop: () => Promise<void> };

/** Runs the job until stopped: steps while there is work, then checks again every `idleMs`. */
export function startMergeCandidateJob(options: {
  pool: pg.Pool;
  idleMs?: number;
  log?: (message: string) => void;
}): RunningJob {
  const idleMs = options.idleMs ?? 3_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      let delay = idleMs;
      try {
        const { scanned } = await findMergeCandidatesStep(options.pool);
        if (scanned > 0) delay = 0;
      } catch (error) {
        options.log?.(`merge candidates: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!stopped) timer = setTimeout(tick, delay);
    })();
  };
  timer = setTimeout(tick, 0);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

const holder = globalThis as unknown as { __statementsMergeJob?: RunningJob };

/** Starts this server process's merge candidate job, unless MERGE_CANDIDATE_JOB=off. */
export function startAppMergeCandidateJob(): void {
  if (appEnv().MERGE_CANDIDATE_JOB === "off" || holder.__statementsMergeJob) return;
  holder.__statementsMergeJob = startMergeCandidateJob({ pool: getPool(), log: (message) => console.warn(message) });
}
