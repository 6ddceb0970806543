import type pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter, rateLimitPerMinute, RATE_LIMIT_DEFAULT_PER_MINUTE, RATE_LIMIT_TIMEOUT_MS } from "./rate-limit";

// The limiter against a stand-in for Postgres (tests/integration/api-lists.test.ts
// runs it against the real table, across two "instances").

type Query = (text: string, values?: unknown[]) => Promise<{ rows: Array<{ count: number; reset: number }>; rowCount: number }>;

function fakeDb(counts = new Map<string, number>()) {
  const query: Query = async (text, values) => {
    if (text.startsWith("DELETE")) return { rows: [], rowCount: 0 };
    const key = String(values?.[0]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return { rows: [{ count: counts.get(key)!, reset: 42 }], rowCount: 1 };
  };
  return { query: vi.fn(query) };
}

/** The stand-in, typed as the pool the limiter takes. */
const asPool = (db: object) => db as unknown as Pick<pg.Pool, "query">;

afterEach(() => {
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
  it("counts per address and refuses past the limit, with the remaining count and the reset", async () => {
    const db = fakeDb();
    const limiter = createRateLimiter(() => asPool(db), () => 3);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.take("192.0.2.1"));
    expect(decisions.map((d) => [d?.allowed, d?.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0]]);
    expect(decisions[3]).toMatchObject({ limit: 3, resetSeconds: 42 });
    expect(limiter.knownBlocked("192.0.2.1")).toBe(true);
    expect(await limiter.take("192.0.2.2")).toMatchObject({ allowed: true, remaining: 2 });
    expect(limiter.knownBlocked("192.0.2.2")).toBe(false);
    expect(db.query.mock.calls[0]![1]).toEqual(["api:192.0.2.1"]);
  });

  it("is off at 0: nothing counted", async () => {
    const db = fakeDb();
    const limiter = createRateLimiter(() => asPool(db), () => 0);
    expect(await limiter.take("192.0.2.1")).toBeNull();
    expect(db.query).not.toHaveBeenCalled();
  });

  it("lets requests through uncounted when Postgres fails, and does not ask again for a while", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = { query: vi.fn(async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))) };
    const limiter = createRateLimiter(() => asPool(failing), () => 3);
    expect(await limiter.take("192.0.2.1")).toBeNull();
    expect(await limiter.take("192.0.2.1")).toBeNull();
    expect(failing.query).toHaveBeenCalledTimes(1);
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it("lets requests through when the pool cannot even be had", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const limiter = createRateLimiter(() => {
      throw new Error("Invalid configuration: DATABASE_URL is required");
    }, () => 3);
    expect(await limiter.take("192.0.2.1")).toBeNull();
  });

  it("does not wait for a Postgres that does not answer", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const hanging = { query: vi.fn(() => new Promise<never>(() => undefined)) };
    const limiter = createRateLimiter(() => asPool(hanging), () => 3);
    const started = Date.now();
    expect(await limiter.take("192.0.2.1")).toBeNull();
    expect(Date.now() - started).toBeLessThan(RATE_LIMIT_TIMEOUT_MS + 500);
  });

  it("propagates a bad setting (a loud failure, not a silent lack of limit)", async () => {
    const limiter = createRateLimiter(() => asPool(fakeDb()), () => rateLimitPerMinute({ API_RATE_LIMIT_PER_MINUTE: "lots" }));
    await expect(limiter.take("192.0.2.1")).rejects.toThrow(/API_RATE_LIMIT_PER_MINUTE/);
  });
});
