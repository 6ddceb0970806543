import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { findFreePort, isProcessAlive, readPidFile, sleep } from "@/lib/services/process-utils";
import { startServiceStack } from "@/lib/services/stack";
import { curatorHeaders, runCheckIndex, saveStatement, spawnScript } from "./support/fault-stack";

// `npm start` — the app, its embedded Postgres and Meilisearch — killed with
// SIGKILL while curators save, then started again on the same data folder:
// both servers recover their data (Postgres replays its write-ahead log,
// Meilisearch's store is transactional), every save that was answered 201 is
// there with its words, and the index catches up to match Postgres.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statements-fault-killall-"));
fs.chmodSync(dataDir, 0o755);
let env: Record<string, string>;
let launcher: ChildProcess | null = null;

afterAll(async () => {
  if (launcher && launcher.exitCode === null) {
    launcher.kill("SIGINT"); // npm start's Ctrl-C: stops the app, Meilisearch and Postgres
    await new Promise((resolve) => launcher!.once("exit", resolve));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` in a process group of its own; resolves once it says Ready. */
async function npmStart(): Promise<ChildProcess> {
  const child = spawnScript("start", env, { detached: true });
  let output = "";
  child.stderr?.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready within 3 minutes:\n${output}`)), 180_000);
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ready: open")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return child;
}

/** SIGKILL to everything `npm start` runs: the launcher and the app (one process group), Postgres and Meilisearch. */
async function killEverything(child: ChildProcess): Promise<void> {
  const servers = [
    readPidFile(path.join(dataDir, "postgres", "postmaster.pid")),
    readPidFile(path.join(dataDir, "meili.pid")),
  ];
  process.kill(-child.pid!, "SIGKILL");
  for (const pid of servers) if (pid) process.kill(pid, "SIGKILL");
  for (const pid of [child.pid!, ...servers]) while (pid && isProcessAlive(pid)) await sleep(50);
}

it("keeps every acknowledged save through kill -9 of the whole app and a restart", async () => {
  const port = await findFreePort();
  env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await findFreePort()),
    EMBEDDED_MEILI_PORT: String(await findFreePort()),
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  launcher = await npmStart();

  // The launcher's Postgres, adopted (not owned) to make a curator and a token.
  const stack = await startServiceStack({ ...process.env, ...env });
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  pool.on("error", () => undefined);
  const headers = await curatorHeaders(pool);
  await pool.end();

  // Saves, four in flight at a time, until everything is killed after the 40th answer.
  const acknowledged: Array<{ id: number; text: string }> = [];
  let killed = false;
  const curator = async (lane: number) => {
    for (let i = 0; !killed; i++) {
      const text = `Saved before the crash, lane ${lane} number ${i}: the field hospital reports new casualties`;
      const answer = await saveStatement(baseUrl, headers, text).catch(() => null);
      if (answer?.status === 201 && answer.id) acknowledged.push({ id: answer.id, text });
      else if (!killed) throw new Error(`a save failed before the crash: ${answer?.status} ${answer?.body}`);
    }
  };
  const lanes = [0, 1, 2, 3].map(curator);
  while (acknowledged.length < 40) await sleep(10);
  killed = true;
  await killEverything(launcher);
  await Promise.all(lanes);
  launcher = null;

  launcher = await npmStart();
  const reopened = await startServiceStack({ ...process.env, ...env });
  const db = new pg.Pool({ connectionString: reopened.databaseUrl, max: 2 });
  try {
    const { rows } = await db.query<{ id: number; text: string }>(
      `SELECT id, text FROM statements WHERE id = ANY($1::int[])`,
      [acknowledged.map((s) => s.id)],
    );
    const stored = new Map(rows.map((row) => [row.id, row.text]));
    for (const statement of acknowledged)
      expect(stored.get(statement.id), `statement ${statement.id}`).toBe(statement.text);
    // The restarted app's worker brings the index up to date.
    const deadline = Date.now() + 120_000;
    while (Number((await db.query(`SELECT count(*) FROM outbox WHERE done_at IS NULL`)).rows[0].count) > 0) {
      if (Date.now() > deadline) throw new Error("the outbox did not drain within 2 minutes of the restart");
      await sleep(250);
    }
    // The app serves again, from the same data.
    const page = await fetch(`${baseUrl}/statements/${acknowledged[0]!.id}`);
    expect(page.status).toBe(200);
  } finally {
    await db.end();
  }
  const check = await runCheckIndex(env);
  expect(check.output).toContain("No difference.");
  expect(check.code).toBe(0);
});
