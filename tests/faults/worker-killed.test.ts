import { afterAll, beforeAll, expect, it } from "vitest";
import { sleep } from "@/lib/services/process-utils";
import { FIRST_CLAIM } from "@/lib/sync/worker";
import { FaultStack } from "./support/fault-stack";

// The sync worker (`npm run worker`) killed with SIGKILL in the middle of a batch:
// the batch's transaction never commits, so its outbox rows are claimed again by
// the next worker. Nothing is lost; the batch that was in flight is sent to
// Meilisearch a second time, and since documents are written by id the index
// still holds exactly one document per statement.

const STATEMENTS = 4_000;
// The batch in flight when the worker is killed is its first, which claims FIRST_CLAIM rows (lib/sync/worker.ts).
const BATCH = FIRST_CLAIM;
let stack: FaultStack;

beforeAll(async () => {
  stack = await FaultStack.start("worker");
});
afterAll(async () => {
  await stack?.stop();
});

it("loses nothing and keeps one document per statement when the worker dies mid-batch", async () => {
  expect(await stack.importCorpus(STATEMENTS)).toBe(STATEMENTS);
  expect(await stack.pendingOutbox()).toBe(STATEMENTS);

  // Kill the worker while Meilisearch is indexing a batch it sent: the rows are claimed, not yet marked done.
  const first = stack.startWorker();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const tasks = await stack.additionTasks();
    if (tasks.some((task) => task.status === "enqueued" || task.status === "processing")) break;
    if (Date.now() > deadline) throw new Error("the worker sent no batch within 2 minutes");
    await sleep(20);
  }
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const pendingAfterKill = await stack.pendingOutbox();
  expect(pendingAfterKill).toBeGreaterThan(0);

  // A new worker takes over.
  const second = stack.startWorker();
  await stack.waitForOutboxDrained();
  second.kill("SIGTERM");
  await new Promise((resolve) => second.once("exit", resolve));

  const check = await stack.checkIndex();
  expect(check.output).toContain("No difference.");
  expect(check.code).toBe(0);
  expect(await stack.documentCount()).toBe(STATEMENTS);
  const { rows } = await stack.pool.query<{ undone: number; rows: number }>(
    `SELECT count(*) FILTER (WHERE done_at IS NULL)::int AS undone, count(*)::int AS rows FROM outbox`,
  );
  expect(rows[0]).toEqual({ undone: 0, rows: STATEMENTS });

  // Documents sent: every statement once, plus at most the one batch that was in flight when the worker died.
  const sent = (await stack.additionTasks())
    .filter((task) => task.status === "succeeded")
    .reduce((sum, task) => sum + task.received, 0);
  expect(sent).toBeGreaterThanOrEqual(STATEMENTS);
  expect(sent - STATEMENTS).toBeLessThanOrEqual(BATCH);
});
