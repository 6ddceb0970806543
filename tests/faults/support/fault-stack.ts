import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser, Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { migrateDatabase } from "@/lib/db/migrate";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { readLines } from "@/lib/import/read-lines";
import { createMeiliClient, type SearchClient } from "@/lib/search/client";
import { ensureStatementIndex } from "@/lib/search/index-admin";
import { startEmbeddedMeili, type EmbeddedMeili } from "@/lib/services/meilisearch";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/services/postgres";
import { findFreePort, isProcessAlive, readPidFile, sleep, stopChild } from "@/lib/services/process-utils";
import { pendingOutboxCount } from "@/lib/sync/outbox";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { startBuiltApp } from "../../../scripts/lib/next-server";

// The services a fault test breaks: a Postgres and a Meilisearch of its own, on
// fixed ports in a throwaway folder, so that a killed server can be started
// again on the same data and the same address while the app keeps running.

const require = createRequire(import.meta.url);
const TSX_CLI = require.resolve("tsx/cli");
// Real statements committed with the repository: the first 6,500 of the UN corpus (data/fixtures/un-general-debate).
export const CORPUS = path.resolve(
  import.meta.dirname,
  "../../../data/fixtures/un-general-debate/un-general-debate.en.first-6500.jsonl.gz",
);
const DATABASE = "statements";
const INDEX = "statements";

export type AppProcess = { child: ChildProcess; baseUrl: string };

export class FaultStack {
  readonly pool: pg.Pool;
  readonly meili: SearchClient;
  readonly indexUid = INDEX;
  private readonly apps: ChildProcess[] = [];
  private readonly workers: ChildProcess[] = [];

  private constructor(
    readonly dataDir: string,
    readonly pgPort: number,
    readonly meiliPort: number,
    private postgres: EmbeddedPostgres | null,
    private meiliServer: EmbeddedMeili | null,
    readonly databaseUrl: string,
    readonly meiliUrl: string,
    readonly meiliKey: string,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
    // The test stops Postgres under the pool on purpose.
    this.pool.on("error", () => undefined);
    this.meili = createMeiliClient(meiliUrl, meiliKey, 30_000);
  }

  static async start(label: string): Promise<FaultStack> {
    // Under the system's temporary folder: the Postgres server runs as the `postgres` user when we are root.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `statements-fault-${label}-`));
    fs.chmodSync(dataDir, 0o755);
    const pgPort = await findFreePort();
    const meiliPort = await findFreePort();
    const postgres = await startEmbeddedPostgres({
      dataDir,
      port: pgPort,
      portVariable: "fault-test Postgres port",
      database: DATABASE,
    });
    const meili = await startEmbeddedMeili({ dataDir, port: meiliPort, portVariable: "fault-test Meilisearch port" });
    const databaseUrl = postgres.url(DATABASE);
    await ensureDatabase(postgres.url("postgres"), DATABASE);
    await migrateDatabase(databaseUrl);
    const stack = new FaultStack(dataDir, pgPort, meiliPort, postgres, meili, databaseUrl, meili.url, meili.masterKey);
    await ensureStatementIndex(stack.meili, INDEX);
    return stack;
  }

  /** What the app, the worker and the command-line tools are given to reach these services. */
  get serviceEnv() {
    return {
      DATABASE_URL: this.databaseUrl,
      MEILI_URL: this.meiliUrl,
      MEILI_MASTER_KEY: this.meiliKey,
      MEILI_INDEX: this.indexUid,
    };
  }

  /** The built app (`next start`) with its own sync worker, as in production. */
  async startApp(settings: { APP_PROCESSES?: string } = {}): Promise<AppProcess> {
    const app = await startBuiltApp({
      port: await findFreePort(),
      env: { ...this.serviceEnv, API_RATE_LIMIT_PER_MINUTE: "0", ...settings },
      stdio: process.env.FAULT_APP_LOGS ? "inherit" : "ignore",
    });
    this.apps.push(app.child);
    return app;
  }

  /** `npm run worker`, on its own. */
  startWorker(): ChildProcess {
    const child = spawnScript("worker", this.serviceEnv);
    child.stdout?.resume();
    child.stderr?.resume();
    this.workers.push(child);
    return child;
  }

  /** SIGKILL: no chance to finish, roll back politely or clean up. */
  killMeilisearch(): void {
    const pid = readPidFile(path.join(this.dataDir, "meili.pid"));
    if (!pid) throw new Error("no Meilisearch pid file");
    process.kill(pid, "SIGKILL");
    this.meiliServer = null;
  }

  async restartMeilisearch(): Promise<void> {
    const pid = readPidFile(path.join(this.dataDir, "meili.pid"));
    while (pid && isProcessAlive(pid)) await sleep(50);
    this.meiliServer = await startEmbeddedMeili({
      dataDir: this.dataDir,
      port: this.meiliPort,
      portVariable: "fault-test Meilisearch port",
    });
  }

  /** A clean, fast shutdown (what an operator's restart or a failover does). */
  async stopPostgres(): Promise<void> {
    await this.postgres?.stop();
    this.postgres = null;
  }

  async startPostgres(): Promise<void> {
    this.postgres = await startEmbeddedPostgres({
      dataDir: this.dataDir,
      port: this.pgPort,
      portVariable: "fault-test Postgres port",
      database: DATABASE,
    });
  }

  /** A curator with a personal API token: the write API's Authorization header. */
  curatorHeaders(role: Role = "editor"): Promise<Record<string, string>> {
    return curatorHeaders(this.pool, role);
  }

  /** The first `count` (at most 6,500) statements of the real UN corpus, written to Postgres (with their outbox rows) in batches. */
  async importCorpus(count: number, batchSize = 500): Promise<number> {
    const resolver = new ImportResolver();
    let batch: ImportLine[] = [];
    let created = 0;
    for await (const { line } of readLines(CORPUS)) {
      const parsed = parseImportLine(line);
      if (!parsed.ok) continue;
      batch.push(parsed.value);
      if (batch.length === batchSize) {
        created += (await importBatch(this.pool, resolver, batch)).created;
        batch = [];
      }
      if (created + batch.length >= count) break;
    }
    if (batch.length) created += (await importBatch(this.pool, resolver, batch)).created;
    return created;
  }

  async pendingOutbox(): Promise<number> {
    return pendingOutboxCount(this.pool);
  }

  /** Waits until a running worker has brought every change to the index. */
  async waitForOutboxDrained(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = await this.pendingOutbox();
      if (pending === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${pending} change(s) still in the outbox after ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  }

  /** `npm run check:index` against these services. */
  checkIndex(): Promise<{ code: number; output: string }> {
    return runCheckIndex(this.serviceEnv);
  }

  /** Every document-addition task Meilisearch ran on the index, oldest first. */
  async additionTasks(): Promise<
    Array<{ uid: number; received: number; status: string; enqueuedAt: number; finishedAt: number }>
  > {
    const tasks: Array<{ uid: number; received: number; status: string; enqueuedAt: number; finishedAt: number }> = [];
    let from: number | undefined;
    for (;;) {
      const page = await this.meili.tasks.getTasks({
        indexUids: [this.indexUid],
        types: ["documentAdditionOrUpdate"],
        limit: 1000,
        from,
      });
      for (const task of page.results) {
        tasks.push({
          uid: task.uid,
          received: Number((task.details as { receivedDocuments?: number } | undefined)?.receivedDocuments ?? 0),
          status: task.status,
          enqueuedAt: Date.parse(task.enqueuedAt as unknown as string),
          finishedAt: task.finishedAt ? Date.parse(task.finishedAt as unknown as string) : Number.NaN,
        });
      }
      if (page.next === null || page.next === undefined) break;
      from = page.next;
    }
    return tasks.sort((a, b) => a.uid - b.uid);
  }

  async documentCount(): Promise<number> {
    return (await this.meili.index(this.indexUid).getStats()).numberOfDocuments;
  }

  async publishedCount(): Promise<number> {
    return Number((await this.pool.query(`SELECT count(*) FROM statements WHERE status = 'published'`)).rows[0].count);
  }

  async stop(): Promise<void> {
    for (const child of [...this.apps, ...this.workers])
      await stopChild(child, "SIGTERM", 10_000).catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await this.meiliServer?.stop().catch(() => undefined);
    await this.postgres?.stop().catch(() => undefined);
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Saves a published statement through the write API; the answer's status and id. */
export async function saveStatement(
  baseUrl: string,
  headers: Record<string, string>,
  text: string,
): Promise<{ status: number; id?: number; body: string }> {
  const response = await fetch(`${baseUrl}/api/curate/statements`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      text,
      language: "en",
      kind: "direct",
      newSpeaker: { name: "Fault Test Speaker" },
      status: "published",
    }),
  });
  const body = await response.text();
  const id = response.status === 201 ? (JSON.parse(body) as { id: number }).id : undefined;
  return { status: response.status, id, body };
}

/** A curator with a personal API token: the write API's Authorization header. */
export async function curatorHeaders(pool: pg.Pool, role: Role = "editor"): Promise<Record<string, string>> {
  const email = `fault-${role}-${Date.now().toString(36)}@example.org`;
  const id = await createUser(pool, { email, name: `Fault ${role}`, role, password: "a long enough password" });
  const owner: CurrentUser = { id, email, name: `Fault ${role}`, role };
  const { token } = await createApiToken(pool, owner, { name: "fault test", role });
  return { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
}

/** Runs one of the package's commands (`scripts/NAME.ts`, as npm run does) with extra environment. */
export function spawnScript(
  name: string,
  env: Record<string, string | undefined>,
  options: { detached?: boolean } = {},
): ChildProcess {
  return spawn(process.execPath, [TSX_CLI, `scripts/${name}.ts`], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached,
  });
}

/** `npm run check:index` with the given environment: its exit code and what it printed. */
export async function runCheckIndex(
  env: Record<string, string | undefined>,
): Promise<{ code: number; output: string }> {
  const child = spawnScript("check-index", env);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number>((resolve) => child.once("exit", (exitCode) => resolve(exitCode ?? 1)));
  return { code, output };
}
