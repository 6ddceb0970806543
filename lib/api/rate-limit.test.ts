import type pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createRateLimiter,
  rateLimitPerMinute,
  RATE_LIMIT_DEFAULT_PER_MINUTE,
  RATE_LIMIT_TIMEOUT_MS,
  type RateLimiter,
} from "./rate-limit";

// The limiter against a stand-in for Postgres, for the failures a real one cannot be made to show on
// cue (tests/integration/api-lists.test.ts runs it against the real table, across two "instances").

type Row = { key: string; count: number };
type Query = (text: string, values?: unknown[]) => Promise<{ rows: Row[]; rowCount: number }>;

/** Adds each batch to its counts, as the INSERT … ON CONFLICT does, and returns the totals. */
function fakeDb(counts = new Map<string, number>()) {
  const query: Query = async (text, values) => {
    if (text.startsWith("DELETE")) return { rows: [], rowCount: 0 };
    const [keys, , added] = values as [string[], number[], number[]];
    const rows = keys.map((key, i) => {
      counts.set(key, (counts.get(key) ?? 0) + added[i]!);
      return { key, count: counts.get(key)! };
    });
    return { rows, rowCount: rows.length };
  };
  return { query: vi.fn(query), counts };
}

/** The stand-in, typed as the pool the limiter takes. */
const asPool = (db: object) => db as unknown as Pick<pg.Pool, "query">;

const limiters: RateLimiter[] = [];
function limiterOn(db: () => Pick<pg.Pool, "query">, limit: () => number): RateLimiter {
  const limiter = createRateLimiter(db, limit);
  limiters.push(limiter);
  return limiter;
}

afterEach(() => {
  for (const limiter of limiters.splice(0)) limiter.stop();
  vi.restoreAllMocks();
});

describe("API_RATE_LIMIT_PER_MINUTE", () => {
  it("defaults to 600, takes a whole number, 0 turns the limit off", () => {
    expect(rateLimitPerMinute({})).toBe(RATE_LIMIT_DEFAULT_PER_MINUTE);
    expect(rateLimitPerMinute({ API_RATE_LIMIT_PER_MINUTE: "" })).toBe(600);
    expect(rateLimitPerMinute({ API_RATE_LIMIT_PER_MINUTE: " 5 " })).toBe(5);
    expect(rateLimitPerMinute({ API_RATE_LIMIT_PER_MINUTE: "0" })).toBe(0);
  });

  it("fails loudly, naming the variable, on anything else", () => {
    for (const bad of ["-1", "ten", "1.5", "1e3", "9999999999"]) {
      expect(() => rateLimitPerMinute({ API_RATE_LIMIT_PER_MINUTE: bad }), bad).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
    }
  });
});

describe("the rate limiter", () => {
  it("counts per address in memory and refuses past the limit, with the remaining count and the reset", () => {
    const db = fakeDb();
    const limiter = limiterOn(
      () => asPool(db),
      () => 3,
    );
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(limiter.take("192.0.2.1"));
    expect(decisions.map((d) => [d?.allowed, d?.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(decisions[3]!.limit).toBe(3);
    expect(decisions[3]!.resetSeconds).toBeGreaterThanOrEqual(1);
    expect(decisions[3]!.resetSeconds).toBeLessThanOrEqual(60);
    expect(limiter.take("192.0.2.2")).toMatchObject({ allowed: true, remaining: 2 });
    // Nothing was asked of Postgres to decide.
    expect(db.query).not.toHaveBeenCalled();
  });

  it("adds its counts to the shared ones in one statement and learns the other instances' counts", async () => {
    const db = fakeDb();
    const a = limiterOn(
      () => asPool(db),
      () => 5,
    );
    const b = limiterOn(
      () => asPool(db),
      () => 5,
    );
    for (let i = 0; i < 4; i++) a.take("192.0.2.1");
    a.take("192.0.2.9");
    await a.sync();
    expect(db.query).toHaveBeenCalledTimes(1);
    expect(db.counts).toEqual(
      new Map([
        ["api:192.0.2.1", 4],
        ["api:192.0.2.9", 1],
      ]),
    );
    // b has not heard of a's four yet; once it reconciles, the address is full on b too.
    expect(b.take("192.0.2.1")).toMatchObject({ allowed: true, remaining: 4 });
    await b.sync();
    expect(b.take("192.0.2.1")).toMatchObject({ allowed: false, remaining: 0 });
  });

  it("is off at 0: nothing counted", async () => {
    const db = fakeDb();
    const limiter = limiterOn(
      () => asPool(db),
      () => 0,
    );
    expect(limiter.take("192.0.2.1")).toBeNull();
    await limiter.sync();
    expect(db.query).not.toHaveBeenCalled();
  });

  it("keeps limiting on its own counts when Postgres fails, says so once, and sends the counts later", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    let down = true;
    const db = fakeDb();
    const flaky = {
      query: vi.fn((text: string, values?: unknown[]) =>
        down
          ? Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))
          : db.query(text, values),
      ),
    };
    const limiter = limiterOn(
      () => asPool(flaky),
      () => 3,
    );
    for (let i = 0; i < 3; i++) expect(limiter.take("192.0.2.1")?.allowed).toBe(true);
    await limiter.sync();
    await limiter.sync();
    expect(limiter.take("192.0.2.1")?.allowed).toBe(false);
    expect(console.error).toHaveBeenCalledTimes(1);
    down = false;
    await limiter.sync();
    expect(db.counts.get("api:192.0.2.1")).toBe(4);
  });

  it("keeps limiting when the pool cannot even be had", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const limiter = limiterOn(
      () => {
        throw new Error("Invalid configuration: DATABASE_URL is required");
      },
      () => 1,
    );
    expect(limiter.take("192.0.2.1")?.allowed).toBe(true);
    await limiter.sync();
    expect(limiter.take("192.0.2.1")?.allowed).toBe(false);
  });

  it("does not wait for a Postgres that does not answer", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const hanging = { query: vi.fn(() => new Promise<never>(() => undefined)) };
    const limiter = limiterOn(
      () => asPool(hanging),
      () => 3,
    );
    limiter.take("192.0.2.1");
    const started = Date.now();
    await limiter.sync();
    expect(Date.now() - started).toBeLessThan(RATE_LIMIT_TIMEOUT_MS + 500);
    expect(limiter.take("192.0.2.1")?.allowed).toBe(true);
  });

  it("propagates a bad setting (a loud failure, not a silent lack of limit)", () => {
    const limiter = limiterOn(
      () => asPool(fakeDb()),
      () => rateLimitPerMinute({ API_RATE_LIMIT_PER_MINUTE: "lots" }),
    );
    expect(() => limiter.take("192.0.2.1")).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
  });
});
