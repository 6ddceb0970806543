import { afterAll, beforeAll, expect, it } from "vitest";
import { sleep } from "@/lib/services/process-utils";
import { FaultStack, saveStatement, type AppProcess } from "./support/fault-stack";

// Postgres stopped and started again while the app runs: meanwhile every request
// that needs it fails with a clear 503 (JSON for the API, a short page for
// readers), search keeps answering from Meilisearch, and once Postgres is back
// the same app process serves, saves and indexes again — no restart.

let stack: FaultStack;
let app: AppProcess;
let headers: Record<string, string>;
let statementId: number;
let speakerSlug: string;

beforeAll(async () => {
  stack = await FaultStack.start("postgres");
  app = await stack.startApp();
  headers = await stack.curatorHeaders();
  const saved = await saveStatement(
    app.baseUrl,
    headers,
    "Postgres restart probe: the hospital in Aleppo was struck again",
  );
  expect(saved.status).toBe(201);
  statementId = saved.id!;
  speakerSlug = (
    await stack.pool.query<{ slug: string }>(
      `SELECT sp.slug FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = $1`,
      [statementId],
    )
  ).rows[0]!.slug;
  await stack.waitForOutboxDrained();
});
afterAll(async () => {
  await stack?.stop();
});

const get = (path: string, init?: RequestInit) => fetch(`${app.baseUrl}${path}`, { redirect: "manual", ...init });

it("answers 503 while Postgres is away and recovers without a restart", async () => {
  const pages = ["/", `/statements/${statementId}`, `/speakers/${speakerSlug}`, "/topics", "/dates"];
  const apis = [
    "/api/v1/statements",
    `/api/v1/statements/${statementId}`,
    "/api/v1/speakers",
    `/api/v1/speakers/${speakerSlug}`,
    "/api/v1/topics",
    "/api/v1/dates",
  ];
  for (const path of [...pages, ...apis]) expect((await get(path)).status, path).toBe(200);

  await stack.stopPostgres();

  for (const path of pages) {
    const response = await get(path);
    expect(response.status, `${path}: ${(await response.clone().text()).slice(0, 300)}`).toBe(503);
    expect(response.headers.get("retry-after"), path).toBeTruthy();
    expect(await response.text(), path).toContain("The database is unavailable right now");
  }
  for (const path of apis) {
    const response = await get(path);
    expect(response.status, path).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe("database_unavailable");
  }
  const feed = await get("/feed.xml");
  expect(feed.status).toBe(503);
  const save = await saveStatement(app.baseUrl, headers, "Saved while Postgres is away");
  expect(save.status, save.body).toBe(503);
  expect(save.body).toContain("database_unavailable");
  const health = await get("/api/health");
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ database: "unavailable", search: "ok" });
  // Search is Meilisearch's: readers can still find statements.
  const search = await get("/api/v1/search?q=Aleppo");
  expect(search.status).toBe(200);
  expect(((await search.json()) as { total: number }).total).toBe(1);
  expect((await get("/search?q=Aleppo")).status).toBe(200);

  await stack.startPostgres();

  // The same app process: pools reconnect on their own.
  const deadline = Date.now() + 30_000;
  while ((await get("/api/health")).status !== 200) {
    if (Date.now() > deadline) throw new Error("the app did not see Postgres again within 30 s");
    await sleep(200);
  }
  for (const path of [...pages, ...apis]) expect((await get(path)).status, path).toBe(200);
  const after = await saveStatement(
    app.baseUrl,
    headers,
    "Saved after Postgres came back: the clinic in Idlib reopened",
  );
  expect(after.status, after.body).toBe(201);
  // …and its worker listens again: the new statement becomes searchable.
  const searchable = Date.now() + 30_000;
  for (;;) {
    const body = (await (await get("/api/v1/search?q=Idlib")).json()) as { total: number };
    if (body.total === 1) break;
    if (Date.now() > searchable)
      throw new Error("the statement saved after the restart was not searchable within 30 s");
    await sleep(100);
  }
  const check = await stack.checkIndex();
  expect(check.output).toContain("No difference.");
  expect(check.code).toBe(0);
});
