import cluster from "node:cluster";

// APP_PROCESSES > 1: this primary process forks that many app server processes,
// which share the port (node:cluster hands each connection to one of them).
// Once the server has served (any process listening), a process that dies is
// replaced, a second apart so that one failing at start cannot spin. If the
// first processes die before any could serve (a bad setting, the port taken),
// the whole server ends with their exit code rather than restarting in a loop.
// SIGTERM/SIGINT stop every process gracefully (each finishes its answers in
// flight, scripts/lib/app-server.ts).
export function superviseAppProcesses(count: number, port: number): void {
  let stopping = false;
  let served = false;
  cluster.on("listening", () => (served = true));
  cluster.on("exit", (_worker, code, signal) => {
    const remaining = Object.keys(cluster.workers ?? {}).length;
    if (stopping) {
      if (remaining === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (!served) {
      console.error(
        `An app process stopped before the server could serve (${signal ?? `exit code ${code}`}); stopping.`,
      );
      process.exitCode = code || 1;
      stopAll();
      return;
    }
    console.error(`An app process stopped (${signal ?? `exit code ${code}`}); starting another.`);
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, 1_000);
  });
  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    // Each process gives itself 12 s (app-server.ts); the launcher waits 15 s.
    setTimeout(() => process.exit(process.exitCode ?? 0), 13_000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
  };
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
  for (let i = 0; i < count; i++) cluster.fork();
  console.log(`App server: ${count} processes sharing port ${port}`);
}
