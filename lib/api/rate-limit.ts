import type pg from "pg";

// The public API's per-address rate limit: fixed 60-second windows counted in
// Postgres (table rate_limits), so that the limit holds however many app
// instances serve the API. One statement per request:
//   INSERT … ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count
// The window is Postgres's own clock truncated to the minute, so instances whose
// clocks disagree still count into the same row.

export const RATE_LIMIT_DEFAULT_PER_MINUTE = 600;
export const RATE_LIMIT_WINDOW_SECONDS = 60;
/** How long the limiter may take before the request goes on without it. */
export const RATE_LIMIT_TIMEOUT_MS = 1_000;
/** After the limiter failed (Postgres down), it is not asked again for this long. */
const FAILURE_PAUSE_MS = 5_000;
/** One request in this many also deletes windows that ended long ago. */
const CLEANUP_ONE_IN = 200;

type Queryable = Pick<pg.Pool, "query">;

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
    throw new Error(`Invalid configuration: API_RATE_LIMIT_PER_MINUTE must be a whole number of requests a minute (0 turns the limit off), got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

/** Counts one request of `key` in the current window and says whether it is within `limit`. */
export async function countRequest(db: Queryable, key: string, limit: number): Promise<RateLimitDecision> {
  const { rows } = await db.query<{ count: number; reset: number }>(
    `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, date_trunc('minute', now()), 1)
     ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
     RETURNING count, ceil(extract(epoch FROM window_start + interval '${RATE_LIMIT_WINDOW_SECONDS} seconds' - clock_timestamp()))::int AS reset`,
    [key],
  );
  const row = rows[0]!;
  const count = Number(row.count);
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.min(RATE_LIMIT_WINDOW_SECONDS, Math.max(1, Number(row.reset))),
  };
}

/** Deletes the counters of windows that ended more than ten minutes ago. */
export async function deleteOldWindows(db: Queryable): Promise<number> {
  const result = await db.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '10 minutes'`);
  return result.rowCount ?? 0;
}

export type RateLimiter = {
  /**
   * Counts a request from `address`. Null when there is no decision to act on:
   * the limit is off, or the counter could not be reached in time.
   */
  take(address: string): Promise<RateLimitDecision | null>;
  /** When the address was refused recently (by this instance), the decision to repeat without work. */
  knownBlocked(address: string): boolean;
};

/**
 * The limiter the routes use. It fails open: when Postgres is down or slow the
 * request goes through uncounted. The limit shares capacity fairly among
 * readers; it guards no secret. Refusing everyone because the counter store is
 * unreachable would turn a database outage into a total one — /api/v1/search is
 * served by Meilisearch alone and must keep answering — and answering 500 would
 * be worse still. Requests that do need Postgres fail on their own with a 503.
 */
export function createRateLimiter(db: () => Queryable, limitPerMinute: () => number): RateLimiter {
  let pausedUntil = 0;
  let lastLogged = 0;
  // A hint only: every decision is still Postgres's; this saves the work of
  // answering requests of an address this instance just refused.
  const blockedUntil = new Map<string, number>();

  const fail = (error: unknown) => {
    pausedUntil = Date.now() + FAILURE_PAUSE_MS;
    if (Date.now() - lastLogged > 60_000) {
      lastLogged = Date.now();
      console.error("rate limit: the counter in Postgres could not be reached; requests go through uncounted for now:", error instanceof Error ? error.message : error);
    }
    return null;
  };

  return {
    async take(address) {
      const limit = limitPerMinute();
      if (limit === 0 || Date.now() < pausedUntil) return null;
      const key = `api:${address}`;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), RATE_LIMIT_TIMEOUT_MS);
      });
      try {
        const pool = db();
        const outcome = await Promise.race([countRequest(pool, key, limit), timeout]);
        if (outcome === "timeout") return fail(new Error(`no answer within ${RATE_LIMIT_TIMEOUT_MS} ms`));
        if (!outcome.allowed) {
          blockedUntil.set(address, Date.now() + outcome.resetSeconds * 1000);
          if (blockedUntil.size > 10_000) for (const [a, until] of blockedUntil) if (until < Date.now()) blockedUntil.delete(a);
        } else {
          blockedUntil.delete(address);
        }
        if (Math.random() < 1 / CLEANUP_ONE_IN) deleteOldWindows(pool).catch(() => undefined);
        return outcome;
      } catch (error) {
        return fail(error);
      } finally {
        clearTimeout(timer);
      }
    },
    knownBlocked(address) {
      const until = blockedUntil.get(address);
      return until !== undefined && until > Date.now();
    },
  };
}
