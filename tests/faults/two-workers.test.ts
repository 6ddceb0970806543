import { afterAll, beforeAll, expect, it } from "vitest";
import { FaultStack, saveStatement, type AppProcess } from "./support/fault-stack";

// Two app instances on one Postgres and one Meilisearch, each with its own sync
// worker, draining the outbox at the same time: every change reaches the index
// exactly once — the documents Meilisearch received add up to the number of
// statements, no more (rows are claimed with FOR UPDATE SKIP LOCKED).

const IMPORTED = 6_000;
const SAVED = 40;
let stack: FaultStack;
let apps: AppProcess[];

beforeAll(async () => {
  stack = await FaultStack.start("workers");
  apps = [await stack.startApp(), await stack.startApp()];
});
afterAll(async () => {
  await stack?.stop();
});

it("indexes every change exactly once with two workers draining at once", async () => {
  const headers = await stack.curatorHeaders();
  // A bulk import (several batches for the workers to share) and curators saving through both instances meanwhile.
  const importing = stack.importCorpus(IMPORTED, 1_500);
  const saves = await Promise.all(
    Array.from({ length: SAVED }, (_, i) =>
      saveStatement(
        apps[i % 2]!.baseUrl,
        headers,
        `Two workers, statement ${i}: the convoy reached the besieged district`,
      ),
    ),
  );
  expect(saves.map((save) => save.status)).toEqual(Array(SAVED).fill(201));
  expect(await importing).toBe(IMPORTED);
  await stack.waitForOutboxDrained(300_000);

  const total = IMPORTED + SAVED;
  expect(await stack.publishedCount()).toBe(total);
  expect(await stack.documentCount()).toBe(total);
  const tasks = (await stack.additionTasks()).filter((task) => task.status === "succeeded");
  expect(tasks.reduce((sum, task) => sum + task.received, 0)).toBe(total);
  // Both instances did work at the same time: a worker waits for its task before taking more, so overlapping tasks come from two workers.
  const overlapping = tasks.some((a, i) =>
    tasks.slice(i + 1).some((b) => b.enqueuedAt < a.finishedAt && a.enqueuedAt < b.finishedAt),
  );
  expect(overlapping).toBe(true);

  const check = await stack.checkIndex();
  expect(check.output).toContain("No difference.");
  expect(check.code).toBe(0);
});
