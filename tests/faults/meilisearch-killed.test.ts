import { afterAll, beforeAll, expect, it } from "vitest";
import { FaultStack, saveStatement, type AppProcess } from "./support/fault-stack";

// Meilisearch killed (SIGKILL) while curators save a stream of statements: every
// save is answered 201 (Postgres and the outbox hold it), search answers 503
// meanwhile, and after Meilisearch is started again the app's own worker drains
// the outbox without a restart and `npm run check:index` finds no difference.

let stack: FaultStack;
let app: AppProcess;

beforeAll(async () => {
  stack = await FaultStack.start("meili");
  app = await stack.startApp();
});
afterAll(async () => {
  await stack?.stop();
});

it("loses no save while Meilisearch is down, and the index catches up after its restart", async () => {
  const headers = await stack.curatorHeaders();
  const saved: Array<{ id: number; text: string; version: number }> = [];
  const failures: string[] = [];
  const save = async (i: number, phase: string) => {
    const text = `Fault stream ${phase} statement number ${i} ${Date.now().toString(36)}`;
    const answer = await saveStatement(app.baseUrl, headers, text);
    if (answer.status !== 201 || !answer.id)
      failures.push(`${phase} #${i}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
    else saved.push({ id: answer.id, text, version: (JSON.parse(answer.body) as { version?: number }).version ?? 1 });
  };

  // A stream of saves, four at a time; Meilisearch is killed in the middle of it.
  const stream = async (phase: string, from: number, count: number) => {
    for (let i = from; i < from + count; i += 4) await Promise.all([0, 1, 2, 3].map((k) => save(i + k, phase)));
  };
  const before = stream("before", 0, 20);
  await new Promise((resolve) => setTimeout(resolve, 300));
  stack.killMeilisearch();
  await before;
  await stream("during", 100, 40);

  // While it is down: readers are told search is unavailable (503), and edits still save.
  const search = await fetch(`${app.baseUrl}/api/v1/search?q=fault`);
  expect(search.status).toBe(503);
  expect(((await search.json()) as { error: { code: string } }).error.code).toBe("search_unavailable");
  const retracted = saved[3]!;
  const retract = await fetch(`${app.baseUrl}/api/curate/statements/${retracted.id}/retract`, {
    method: "POST",
    headers,
    body: JSON.stringify({ version: retracted.version, reason: "Retracted while search was down" }),
  });
  expect(retract.status, await retract.clone().text()).toBe(200);

  await stack.restartMeilisearch();
  await stream("after", 200, 12);
  expect(failures).toEqual([]);
  expect(saved).toHaveLength(72);

  await stack.waitForOutboxDrained(180_000);
  const check = await stack.checkIndex();
  expect(check.output).toContain("No difference.");
  expect(check.code).toBe(0);

  // Every acknowledged statement is in Postgres with its words, and searchable except the retracted one.
  const { rows } = await stack.pool.query<{ id: number; text: string; status: string }>(
    `SELECT id, text, status FROM statements WHERE id = ANY($1::int[])`,
    [saved.map((s) => s.id)],
  );
  expect(rows).toHaveLength(saved.length);
  const stored = new Map(rows.map((row) => [row.id, row]));
  for (const statement of saved) expect(stored.get(statement.id)?.text).toBe(statement.text);
  expect(stored.get(retracted.id)?.status).toBe("retracted");
  const found = await stack.meili.index(stack.indexUid).getDocuments({ limit: 1000, fields: ["id"] });
  const indexed = new Set(found.results.map((document) => Number(document.id)));
  for (const statement of saved) expect(indexed.has(statement.id)).toBe(statement.id !== retracted.id);
});
