import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isProcessAlive, sleep } from "@/lib/services/process-utils";
import { FaultStack } from "./support/fault-stack";

// APP_PROCESSES=2 (scripts/lib/app-cluster.ts): one of the two app server
// processes killed with SIGKILL while readers keep asking. The other answers
// every request meanwhile, a new process takes the dead one's place, and a
// SIGTERM to the server stops all of them.

let stack: FaultStack;

beforeAll(async () => {
  stack = await FaultStack.start("cluster");
});
afterAll(async () => {
  await stack?.stop();
});

/** The app server processes the primary has forked (its other children, if any, are not counted). */
function serverProcesses(primary: number): number[] {
  let children: number[];
  try {
    children = fs
      .readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("app-server.ts");
    } catch {
      return false; // already gone
    }
  });
}

async function waitFor<T>(what: string, probe: () => T | null | Promise<T | null>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(100);
  }
}

it("keeps answering while one of two app processes is killed, replaces it, and stops them all on SIGTERM", async () => {
  const app = await stack.startApp({ APP_PROCESSES: "2" });
  const primary = app.child.pid!;
  const [victim, survivor] = await waitFor("two app processes", () => {
    const pids = serverProcesses(primary);
    return pids.length === 2 ? pids : null;
  });
  // Both have started: each process LISTENs for page changes once Next has prepared (instrumentation.ts).
  await waitFor("both processes started", async () => {
    const { rows } = await stack.pool.query<{ listening: number }>(
      `SELECT count(*)::int AS listening FROM pg_stat_activity WHERE query = 'LISTEN page_changes'`,
    );
    return rows[0]!.listening >= 2 ? true : null;
  });
  await sleep(1_000);

  process.kill(victim!, "SIGKILL");
  await waitFor("the killed process gone", () => (isProcessAlive(victim!) ? null : true));
  // The primary hears of the death at once; give it a moment to stop handing it connections.
  await sleep(300);
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) {
    const response = await fetch(`${app.baseUrl}/${i % 2 === 0 ? "" : "api/health"}`);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  expect(statuses.filter((status) => status !== 200)).toEqual([]);

  const replacement = await waitFor("a new app process in the killed one's place", () => {
    const pids = serverProcesses(primary);
    return pids.length === 2 && !pids.includes(victim!) ? pids.find((pid) => pid !== survivor)! : null;
  });
  expect(replacement).not.toBe(victim);

  app.child.kill("SIGTERM");
  await waitFor("the server stopped", () => (app.child.exitCode !== null ? true : null), 20_000);
  expect(app.child.exitCode).toBe(0);
  expect([survivor!, replacement].filter((pid) => isProcessAlive(pid))).toEqual([]);
});
