// Entry of a pool worker (lib/workers/pool.ts). The tasks are TypeScript modules, loaded through tsx
// (a runtime dependency, as for every command of this project), so the same source serves the
// server, the tests and the command line without a separate build step.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// The thread's id in the kernel (Linux): the pool reads this thread's CPU time through it.
let osThreadId = null;
try {
  osThreadId = Number(readlinkSync("/proc/thread-self").split("/").at(-1)) || null;
} catch {
  // not Linux: the pool counts the budget in wall-clock time
}

// Heavy work yields the CPU to the thread that answers requests (and to Postgres and Meilisearch):
// on Linux a thread has a niceness of its own, set through its thread id.
try {
  if (osThreadId) setPriority(osThreadId, 10);
} catch {
  // not allowed: the thread runs at the process's priority
}

const tasks = await tsImport(workerData.tasksModule, import.meta.url);

parentPort.on("message", ({ task, payload }) => {
  try {
    const run = tasks[task];
    if (typeof run !== "function") throw new Error(`no task named ${task}`);
    parentPort.postMessage({ ok: true, value: run(payload) });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true, osThreadId });
