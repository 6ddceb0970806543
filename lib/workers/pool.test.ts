import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  TimeBudget,
  TimeBudgetExceededError,
  WALL_CEILING_FACTOR,
  WorkerFailedError,
  WorkerPool,
  WorkersBusyError,
} from "./pool";

const tasksModule = path.resolve("tests/support/pool-tasks.ts");
const pools: WorkerPool[] = [];
function pool(options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}): WorkerPool {
  const created = new WorkerPool({ tasksModule, size: 1, maxQueue: 0, ...options });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("WorkerPool", () => {
  it("runs a task in another thread and returns its value", async () => {
    const workers = pool();
    await expect(workers.run("echo", { words: ["قال", "said"] }, 10_000)).resolves.toEqual({ words: ["قال", "said"] });
  });

  it("stops a task past its budget, answers at once, and replaces the worker", async () => {
    const workers = pool();
    await workers.run("echo", 1, 10_000); // started: the budget below counts from the task's start
    const [spinning] = workers.threadIds;
    const started = Date.now();
    const error = await workers.run("spin", null, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeBudgetExceededError);
    expect((error as TimeBudgetExceededError).budgetMs).toBe(300);
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(workers.run("echo", "after", 10_000)).resolves.toBe("after");
    expect(workers.threadIds).not.toContain(spinning);
  });

  it("counts the worker's CPU time, not the wall clock: a task starved of CPU is not refused, a busy one is", async () => {
    const workers = pool();
    await workers.run("echo", 1, 10_000);
    // Sleeping uses no CPU, like waiting for a core: 900 ms is three times the budget, within its 1.5 s ceiling.
    const started = performance.now();
    await expect(workers.run("sleep", 900, 300)).resolves.toBe("timed-out");
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    const [spinning] = workers.threadIds;
    const error = await workers.run("spin", null, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeBudgetExceededError);
    expect(workers.threadIds).not.toContain(spinning);
    await expect(workers.run("echo", "after", 10_000)).resolves.toBe("after");
  });

  it("ends a task starved of CPU at the wall-clock ceiling and replaces its worker", async () => {
    const workers = pool();
    await workers.run("echo", 1, 10_000);
    const [sleeping] = workers.threadIds;
    const started = performance.now();
    const error = await workers.run("sleep", 60_000, 300).catch((e: unknown) => e);
    const tookMs = performance.now() - started;
    expect(error).toBeInstanceOf(TimeBudgetExceededError);
    expect((error as TimeBudgetExceededError).budgetMs).toBe(300);
    expect(tookMs).toBeGreaterThanOrEqual(300 * WALL_CEILING_FACTOR - 5);
    expect(tookMs).toBeLessThan(300 * WALL_CEILING_FACTOR + 2_000);
    expect(workers.threadIds).not.toContain(sleeping);
  });

  it("shares one budget between tasks in turn: each gets what the earlier ones left", async () => {
    const workers = pool();
    await workers.run("echo", 1, 10_000);
    const budget = new TimeBudget(1_000);
    await workers.run("busy", 400, budget);
    expect(budget.cpuLeftMs).toBeLessThanOrEqual(1_000 - 200);
    expect(budget.wallLeftMs).toBeLessThanOrEqual(budget.wallCeilingMs - 400);
    const error = await workers.run("spin", null, budget).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeBudgetExceededError);
    expect((error as TimeBudgetExceededError).budgetMs).toBe(1_000);
    expect(budget.exhausted).toBe(true);
    // Spent: refused at once, without starting a worker.
    await expect(workers.run("echo", 1, budget)).rejects.toBeInstanceOf(TimeBudgetExceededError);
    expect(workers.threadIds).toEqual([]);
  });

  it("refuses a task at once when every worker is busy and the queue is full", async () => {
    const workers = pool({ maxQueue: 0 });
    const spinning = workers.run("spin", null, 1_500).catch((e: unknown) => e);
    const error = await workers.run("echo", 1, 1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkersBusyError);
    expect((error as WorkersBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await spinning).toBeInstanceOf(TimeBudgetExceededError);
  });

  it("lets a queued task wait for a worker, and refuses it as busy when the wait runs out", async () => {
    const workers = pool({ maxQueue: 1, maxWaitMs: 400 });
    const spinning = workers.run("spin", null, 2_000).catch((e: unknown) => e);
    const waited = await workers.run("echo", 1, 1_000).catch((e: unknown) => e);
    expect(waited).toBeInstanceOf(WorkersBusyError);
    await spinning;
    const quick = pool({ maxQueue: 1, maxWaitMs: 10_000 });
    const first = quick.run("echo", "first", 10_000);
    await expect(quick.run("echo", "queued", 10_000)).resolves.toBe("queued");
    await expect(first).resolves.toBe("first");
  });

  it("passes a task's own error on and keeps the worker", async () => {
    const workers = pool();
    await expect(workers.run("fail", "bad input", 10_000)).rejects.toThrow("bad input");
    await expect(workers.run("echo", "still here", 10_000)).resolves.toBe("still here");
  });

  it("survives a task that exhausts the worker's memory", async () => {
    const workers = pool({ maxHeapMb: 64 });
    await expect(workers.run("exhaustMemory", null, 30_000)).rejects.toBeInstanceOf(WorkerFailedError);
    await expect(workers.run("echo", "recovered", 10_000)).resolves.toBe("recovered");
  });
});
