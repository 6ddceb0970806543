import type { Queryable } from "@/lib/db/client";

// The public API's per-address rate limit: fixed 60-second windows. Each app
// instance counts in memory, so a request never waits for Postgres; about once
// a second it adds what it counted to the shared counters in Postgres (table
// rate_limits, one statement for every address it saw) and reads back the
// totals, so the limit holds across instances to within what they serve in that
// second. While Postgres is away, each instance keeps limiting on its own counts.

export const RATE_LIMIT_DEFAULT_PER_MINUTE = 600;
export const RATE_LIMIT_WINDOW_SECONDS = 60;
/** How often an instance adds its counts to the shared ones and reads the totals back. */
export const RATE_LIMIT_SYNC_MS = 1_000;
/** How long one reconciliation may take before it is given up (and retried at the next). */
export const RATE_LIMIT_TIMEOUT_MS = 1_000;
/** Addresses an instance keeps counts for; the least recent beyond this are forgotten. */
const MAX_TRACKED_ADDRESSES = 100_000;
/** One reconciliation in this many also deletes windows that ended long ago. */
const CLEANUP_ONE_IN = 100;

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window (0 once over the limit). */
  remaining: number;
  /** Seconds until the current window ends (at least 1). */
  resetSeconds: number;
};

/**
 * API_RATE_LIMIT_PER_MINUTE: requests a minute per client address (default
 * 600); 0 turns the limit off. A malformed value fails loudly, naming the
 * variable, rather than silently running without a limit.
 */
export function rateLimitPerMinute(env: Record<string, string | undefined> = process.env): number {
  const raw = env.API_RATE_LIMIT_PER_MINUTE?.trim();
  if (raw === undefined || raw === "") return RATE_LIMIT_DEFAULT_PER_MINUTE;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new Error(
      `Invalid configuration: API_RATE_LIMIT_PER_MINUTE must be a whole number of requests a minute (0 turns the limit off), got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}

/** Deletes the counters of windows that ended more than ten minutes ago. */
export async function deleteOldWindows(db: Queryable): Promise<number> {
  const result = await db.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '10 minutes'`);
  return result.rowCount ?? 0;
}

/** An address's count in the current window: the shared total at the last reconciliation, and what this instance counted since. */
type Counter = { window: number; shared: number; pending: number };

export type RateLimiter = {
  /**
   * Counts a request from `address` and says whether it is within the limit.
   * Null when the limit is off.
   */
  take(address: string): RateLimitDecision | null;
  /** Adds this instance's counts to the shared ones now and reads the totals back (also done every second). */
  sync(): Promise<void>;
  /** Stops the background reconciliation (tests). */
  stop(): void;
};

const windowOf = (now: number) => Math.floor(now / (RATE_LIMIT_WINDOW_SECONDS * 1000));

/**
 * The limiter the routes use. Deciding never waits for Postgres: a slow or
 * absent database costs nothing but the sharing between instances. Reaching
 * the limit sooner on one instance than on another is the price of not
 * writing Postgres on every request (README, "Public API").
 */
export function createRateLimiter(db: () => Queryable, limitPerMinute: () => number): RateLimiter {
  const counters = new Map<string, Counter>();
  let timer: NodeJS.Timeout | null = null;
  let syncing: Promise<void> | null = null;
  let lastLogged = 0;
  let syncs = 0;

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void limiter.sync();
    }, RATE_LIMIT_SYNC_MS);
    // Counting must not keep a command-line process alive.
    timer.unref();
  };

  const reconcile = async () => {
    const current = windowOf(Date.now());
    const batch: Array<{ address: string; counter: Counter; sent: number }> = [];
    for (const [address, counter] of counters) {
      if (counter.window < current) counters.delete(address);
      else if (counter.pending > 0) batch.push({ address, counter, sent: counter.pending });
    }
    if (batch.length === 0) return;
    for (const item of batch) item.counter.pending -= item.sent;
    let timeout: NodeJS.Timeout | undefined;
    try {
      const pool = db();
      const query = pool.query<{ key: string; count: number }>(
        `INSERT INTO rate_limits (key, window_start, count)
         SELECT key, to_timestamp(minute * ${RATE_LIMIT_WINDOW_SECONDS}), count
           FROM unnest($1::text[], $2::bigint[], $3::int[]) AS t(key, minute, count)
         ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + EXCLUDED.count
         RETURNING key, count`,
        [batch.map((b) => `api:${b.address}`), batch.map((b) => b.counter.window), batch.map((b) => b.sent)],
      );
      const rows = await Promise.race([
        query.then((result) => result.rows),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error(`no answer within ${RATE_LIMIT_TIMEOUT_MS} ms`)),
            RATE_LIMIT_TIMEOUT_MS,
          );
        }),
      ]);
      const totals = new Map(rows.map((row) => [row.key, Number(row.count)]));
      for (const { address, counter } of batch) counter.shared = totals.get(`api:${address}`) ?? counter.shared;
      if (++syncs % CLEANUP_ONE_IN === 0) deleteOldWindows(pool).catch(() => undefined);
    } catch (error) {
      // Keep the counts for the next try; meanwhile this instance limits on what it knows.
      for (const { counter, sent } of batch) counter.pending += sent;
      if (Date.now() - lastLogged > 60_000) {
        lastLogged = Date.now();
        console.error(
          "rate limit: the shared counters in Postgres could not be updated; each instance limits on its own counts for now:",
          error instanceof Error ? error.message : error,
        );
      }
    } finally {
      clearTimeout(timeout);
    }
  };

  const limiter: RateLimiter = {
    take(address) {
      const limit = limitPerMinute();
      if (limit === 0) return null;
      const now = Date.now();
      const window = windowOf(now);
      let counter = counters.get(address);
      if (!counter || counter.window !== window) {
        counter = { window, shared: 0, pending: 0 };
        if (counters.size >= MAX_TRACKED_ADDRESSES) counters.delete(counters.keys().next().value as string);
      }
      // Re-inserted: the map's order is then least recently used first.
      counters.delete(address);
      counters.set(address, counter);
      counter.pending += 1;
      schedule();
      const count = counter.shared + counter.pending;
      const windowEnds = (window + 1) * RATE_LIMIT_WINDOW_SECONDS * 1000;
      return {
        allowed: count <= limit,
        limit,
        remaining: Math.max(0, limit - count),
        resetSeconds: Math.min(RATE_LIMIT_WINDOW_SECONDS, Math.max(1, Math.ceil((windowEnds - now) / 1000))),
      };
    },
    async sync() {
      // One reconciliation at a time; a call during one waits for it and then runs its own.
      while (syncing) await syncing;
      syncing = reconcile().finally(() => {
        syncing = null;
      });
      await syncing;
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return limiter;
}
