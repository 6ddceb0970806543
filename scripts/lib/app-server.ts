// The app's HTTP server, run by npm start, the e2e runner, the benchmark and
// Lighthouse in place of `next start`: Next's own request handler behind a
// node:http server of ours, because only here is the socket in reach. For every
// request it works out the client's address, host and scheme from the socket
// and TRUSTED_PROXIES (lib/server/forwarded.ts), replaces whatever forwarding
// headers the client sent with those, and adds Strict-Transport-Security when
// PUBLIC_URL is https (decided here, at run time, not in the build).
//
//   node --import tsx/esm scripts/lib/app-server.ts --port 3000 [--hostname 127.0.0.1]
//
// With APP_PROCESSES > 1 it forks that many such servers on the one port (scripts/lib/app-cluster.ts).
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { appEnv } from "../../lib/env";
import { createMeiliClient } from "../../lib/search/client";
import { ensureSearchKey } from "../../lib/search/keys";
import { superviseAppProcesses } from "./app-cluster";
import { applyClientOrigin, clientOrigin, compileTrustedProxies, hstsHeader } from "../../lib/server/forwarded";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } }, strict: true });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

let env: ReturnType<typeof appEnv>;
try {
  env = appEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const trust = compileTrustedProxies(env.TRUSTED_PROXIES);
const hsts = hstsHeader(env.PUBLIC_URL);

if (cluster.isPrimary && env.APP_PROCESSES > 1) superviseAppProcesses(env.APP_PROCESSES, port);
else await serve();

/** One app server process: Next's handler behind our node:http server, until SIGTERM/SIGINT. */
async function serve(): Promise<void> {
  const app = next({
    dev: false,
    dir: path.resolve(import.meta.dirname, "../.."),
    hostname: hostname ?? "localhost",
    port,
  });
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    const origin = clientOrigin(
      {
        socketAddress: req.socket.remoteAddress,
        encrypted: "encrypted" in req.socket && Boolean(req.socket.encrypted),
        headers: req.headers,
      },
      trust,
    );
    applyClientOrigin(req.headers, origin);
    // Headers of ours go on before Next starts answering.
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Internal server error");
    });
  });

  server.once("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE")
      console.error(
        `Port ${port} is already in use, so the app cannot start: stop whatever uses it or set PORT to another port.`,
      );
    else console.error(`The app could not listen on port ${port}: ${error.message}`);
    process.exit(1);
  });

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    // Whatever hangs, the process is gone before the launcher's 15 s grace ends.
    setTimeout(() => process.exit(0), 12_000).unref();
    // No new connections; idle kept-alive ones end now, busy ones when their answer is sent (or after 10 s).
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(force);
    await app.close().catch(() => undefined);
    process.exit(0);
  }
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());

  // The search-only key the app reads through (lib/search/keys.ts): made now if
  // Meilisearch does not have it yet, and tried again every 10 s while it cannot be reached.
  async function searchKeyReady(): Promise<void> {
    try {
      await ensureSearchKey(
        createMeiliClient(env.MEILI_URL, env.MEILI_MASTER_KEY, 5_000),
        env.MEILI_MASTER_KEY,
        env.MEILI_INDEX,
      );
    } catch (error) {
      console.warn(`The search key could not be set up yet (${(error as Error).message}); trying again in 10 s.`);
      setTimeout(() => void searchKeyReady(), 10_000).unref();
    }
  }

  await Promise.all([app.prepare(), searchKeyReady()]);
  server.listen(port, hostname, () => {
    console.log(
      `App server on http://${hostname ?? "localhost"}:${port}${env.TRUSTED_PROXIES ? ` (trusting forwarding headers from ${env.TRUSTED_PROXIES})` : ""}`,
    );
  });
}
