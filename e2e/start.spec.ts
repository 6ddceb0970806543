import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm start` as a new user runs it: embedded services in their own data folder,
// demo data on first start, the same data on the second, nothing left running
// after Ctrl-C. Uses the build made for the e2e run (no rebuild).

test.describe.configure({ mode: "serial", timeout: 240_000 });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statements-start-"));
fs.chmodSync(dataDir, 0o755);
let ports: { app: number; pg: number; meili: number };

function launch(): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(ports.app),
    EMBEDDED_PG_PORT: String(ports.pg),
    EMBEDDED_MEILI_PORT: String(ports.meili),
  };
  for (const name of ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "MEILI_INDEX"]) delete env[name];
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("Ready: open")) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output, ready };
}

function processesUsing(dir: string): string {
  try {
    return execFileSync("pgrep", ["-af", dir], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

test.beforeAll(async () => {
  ports = { app: await freePort(), pg: await freePort(), meili: await freePort() };
});

test.afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("npm start serves the demo data and Ctrl-C leaves no process behind; a second start reuses the data", async ({
  request,
}) => {
  const first = launch();
  await first.ready;
  expect(first.output()).toContain("Loaded the demo data: 18 statements by 8 speakers.");
  const home = await request.get(`http://127.0.0.1:${ports.app}/`);
  expect(await home.text()).toContain("Angela Merkel");
  // No account yet: the terminal shows a one-time link to create the first admin, and it opens the form.
  await expect
    .poll(() => /Create the first admin: (\S+)/.exec(first.output())?.[1] ?? "")
    .toMatch(/\/setup\?token=[\w-]{20,}$/);
  const link = new URL(/Create the first admin: (\S+)/.exec(first.output())![1]!);
  const setup = await request.get(`http://127.0.0.1:${ports.app}${link.pathname}${link.search}`);
  expect(setup.status()).toBe(200);
  expect(await setup.text()).toContain("Create the first admin");
  const forged = await request.get(`http://127.0.0.1:${ports.app}/setup?token=forged-token`);
  expect(await forged.text()).not.toContain('name="password"');
  expect(await stop(first.child, "SIGINT")).toBe(0);
  expect(processesUsing(dataDir)).toBe("");

  const second = launch();
  await second.ready;
  expect(second.output()).not.toContain("Loaded the demo data");
  const search = await request.get(`http://127.0.0.1:${ports.app}/api/v1/search?q=Merkel`);
  expect((await search.json()).total).toBe(2);
  expect(await stop(second.child, "SIGTERM")).toBe(0);
  expect(processesUsing(dataDir)).toBe("");
});

test("a port already in use gives a one-line explanation", async () => {
  const blocker = net.createServer().listen(ports.app, "127.0.0.1");
  await new Promise((resolve) => blocker.once("listening", resolve));
  try {
    const run = launch();
    await expect(run.ready).rejects.toThrow(/exited with 1/);
    expect(run.output().trim()).toBe(
      `Port ${ports.app} is already in use, so the app cannot start: stop whatever uses it or set PORT to another port.`,
    );
  } finally {
    blocker.close();
  }
});
