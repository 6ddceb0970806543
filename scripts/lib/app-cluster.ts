import cluster from "node:cluster";

// APP_PROCESSES > 1: this primary process forks that many app server processes,
// which share the port (node:cluster hands each connection to one of them). A
// process that dies after it was listening is replaced; one that dies before
// (a bad setting, the port taken) ends the whole server with its exit code,
// rather than being restarted in a loop. SIGTERM/SIGINT stop every process
// gracefully (each finishes its answers in flight, scripts/lib/app-server.ts).
export function superviseAppProcesses(count: number, port: number): void {
  let stopping = false;
  const started = new WeakSet<object>();
  cluster.on("listening", (worker) => started.add(worker));
  cluster.on("exit", (worker, code, signal) => {
    const remaining = Object.keys(cluster.workers ?? {}).length;
    if (stopping) {
      if (remaining === 0) process.exit(0);
      return;
    }
    if (!started.has(worker)) {
      console.error(`An app process stopped before it could serve (${signal ?? `exit code ${code}`}); stopping.`);
      stopAll();
      process.exitCode = code || 1;
      return;
    }
    console.error(`An app process stopped (${signal ?? `exit code ${code}`}); starting another.`);
    cluster.fork();
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
