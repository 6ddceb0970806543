import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations, useLocale } from "./support/a11y";
import { STORAGE_STATE } from "./support/curators";

// The merge queue (issue 15): the background job finds near-duplicate statements of one speaker and
// proposes them; a curator merges a pair (the merged-away address then leads to the kept statement,
// which lists both reports) and undoes it, marks a pair "not the same" and undoes that, splits a
// report off into its own statement and undoes the split. The statements are the test's own: a
// speaker of its own, two near-duplicate pairs said months apart (so that only the pairs match),
// and one statement with two reports. The API is refused without a session, with bad bodies
// (naming the field) and across speakers.

const u = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const FOREIGN_ORIGIN = "https://evil.example";

type Report = { outlet: string; text: string; reportedOn: string };
type Seed = { text: string; saidOn: string; reports: Report[] };

const MERGE_PAIR: [Seed, Seed] = [
  {
    text: "We will reopen the northern border crossing for aid convoys within two weeks, and every truck will be inspected by the United Nations.",
    saidOn: "2024-03-10",
    reports: [
      {
        outlet: `Northern Herald ${u}`,
        text: "We will reopen the northern border crossing for aid convoys within two weeks, and every truck will be inspected by the United Nations.",
        reportedOn: "2024-03-10",
      },
    ],
  },
  {
    text: "We will reopen the northern border crossing to aid convoys within two weeks and every truck will be inspected by the United Nations.",
    saidOn: "2024-03-11",
    reports: [
      {
        outlet: `Capital Daily ${u}`,
        text: "We will reopen the northern border crossing to aid convoys within two weeks and every truck will be inspected by the United Nations.",
        reportedOn: "2024-03-11",
      },
    ],
  },
];

const REJECT_PAIR: [Seed, Seed] = [
  {
    text: "The budget for public schools will rise by ten percent next year, and teachers will receive the first pay increase in January.",
    saidOn: "2024-06-01",
    reports: [
      {
        outlet: `Evening Post ${u}`,
        text: "The budget for public schools will rise by ten percent next year, and teachers will receive the first pay increase in January.",
        reportedOn: "2024-06-01",
      },
    ],
  },
  {
    text: "The budget for public schools will rise by ten percent next year, but teachers will not receive any pay increase before July.",
    saidOn: "2024-06-02",
    reports: [
      {
        outlet: `Morning Star ${u}`,
        text: "The budget for public schools will rise by ten percent next year, but teachers will not receive any pay increase before July.",
        reportedOn: "2024-06-02",
      },
    ],
  },
];

const SPLIT_STATEMENT: Seed = {
  text: "Parliamentary elections will be held in the spring, as planned, whatever the opposition says.",
  saidOn: "2024-09-01",
  reports: [
    {
      outlet: `Coastal Times ${u}`,
      text: "Parliamentary elections will be held in the spring, as planned, whatever the opposition says.",
      reportedOn: "2024-09-01",
    },
    {
      outlet: `River Gazette ${u}`,
      text: "The minister promised that the elections would take place in spring and would not be postponed.",
      reportedOn: "2024-09-03",
    },
  ],
};

let pool: pg.Pool;
let speakerId: number;
let otherSpeakerId: number;
const ids = { mergeA: 0, mergeB: 0, rejectA: 0, rejectB: 0, split: 0, foreignA: 0, foreignB: 0 };
let foreignCandidateId: number;

async function insertStatement(seed: Seed, speaker: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision)
       VALUES ($1, 'en', 'direct', $2, $3, 'day') RETURNING id`,
      [seed.text, speaker, seed.saidOn],
    );
    const id = rows[0]!.id;
    for (const [i, report] of seed.reports.entries()) {
      const source = await client.query<{ id: number }>(
        `INSERT INTO sources (key, url, outlet, title, language, published_on, published_on_precision)
         VALUES ($1, $2, $3, $4, 'en', $5, 'day') RETURNING id`,
        [
          `e2e-merges:${u}:${id}:${i}`,
          `https://news.example/${u}/${id}/${i}`,
          report.outlet,
          `Report ${i + 1} of statement ${id}`,
          report.reportedOn,
        ],
      );
      await client.query(
        `INSERT INTO statement_reports (statement_id, source_id, text, reported_on, reported_on_precision)
         VALUES ($1, $2, $3, $4, 'day')`,
        [id, source.rows[0]!.id, report.text, report.reportedOn],
      );
    }
    await client.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [id]);
    await client.query("COMMIT");
    return id;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

async function insertSpeaker(label: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO speakers (slug, kind, name) VALUES ($1, 'person', $2) RETURNING id`,
    [`e2e-merges-${label}-${u}`, `Merge Test ${label} ${u}`],
  );
  return rows[0]!.id;
}

/** The pending candidate of a pair, once the background job has proposed it. */
async function candidateOf(a: number, b: number): Promise<number> {
  let found = 0;
  await expect
    .poll(
      async () => {
        const { rows } = await pool.query<{ id: number; status: string }>(
          `SELECT id, status FROM merge_candidates WHERE statement_id = $1 AND other_id = $2`,
          [Math.min(a, b), Math.max(a, b)],
        );
        found = rows[0]?.id ?? 0;
        return rows[0]?.status ?? "not proposed yet";
      },
      { message: `the job proposes statements ${a} and ${b}`, timeout: 60_000 },
    )
    .toBe("pending");
  return found;
}

/** Opens the queue page (pending or decided) that shows the candidate: the list is paged by score. */
async function openQueueAt(page: Page, status: "pending" | "decided", candidateId: number) {
  let pageNumber = 0;
  await expect
    .poll(
      async () => {
        for (let n = 1; n <= 50; n++) {
          const response = await page.request.get(`/api/curate/merges?status=${status}&page=${n}`);
          expect(response.status()).toBe(200);
          const body = (await response.json()) as { items: Array<{ id: number }>; total: number };
          if (body.items.some((item) => item.id === candidateId)) {
            pageNumber = n;
            return n;
          }
          if (body.items.length === 0) break;
        }
        return 0;
      },
      { message: `candidate ${candidateId} is listed as ${status}` },
    )
    .toBeGreaterThan(0);
  await page.goto(`/curate/merges?status=${status}&page=${pageNumber}`);
  return pair(page, candidateId);
}

const pair = (page: Page, candidateId: number) => page.locator(`[data-candidate-id="${candidateId}"]`);

async function candidateStatus(candidateId: number): Promise<string> {
  const { rows } = await pool.query<{ status: string }>(`SELECT status FROM merge_candidates WHERE id = $1`, [
    candidateId,
  ]);
  return rows[0]?.status ?? "missing";
}

test.use({ storageState: STORAGE_STATE.editor });

test.beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  speakerId = await insertSpeaker("speaker");
  otherSpeakerId = await insertSpeaker("other");
  ids.mergeA = await insertStatement(MERGE_PAIR[0], speakerId);
  ids.mergeB = await insertStatement(MERGE_PAIR[1], speakerId);
  ids.rejectA = await insertStatement(REJECT_PAIR[0], speakerId);
  ids.rejectB = await insertStatement(REJECT_PAIR[1], speakerId);
  ids.split = await insertStatement(SPLIT_STATEMENT, speakerId);
  // Two speakers' statements are never proposed by the job; this pair is written by hand to show
  // that the server refuses to merge it.
  ids.foreignA = await insertStatement({ ...MERGE_PAIR[0], saidOn: "2023-01-01" }, speakerId);
  ids.foreignB = await insertStatement({ ...MERGE_PAIR[0], saidOn: "2023-01-01" }, otherSpeakerId);
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO merge_candidates (statement_id, other_id, score) VALUES ($1, $2, 0.99) RETURNING id`,
    [Math.min(ids.foreignA, ids.foreignB), Math.max(ids.foreignA, ids.foreignB)],
  );
  foreignCandidateId = rows[0]!.id;
});

test.afterAll(async () => {
  const { rows } = await pool.query<{ id: number }>(
    `DELETE FROM statements WHERE speaker_id = ANY($1::int[]) RETURNING id`,
    [[speakerId, otherSpeakerId]],
  );
  for (const { id } of rows)
    await pool.query(`INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1)`, [id]);
  await pool.query(`DELETE FROM sources WHERE key LIKE $1`, [`e2e-merges:${u}:%`]);
  await pool.query(`DELETE FROM speakers WHERE id = ANY($1::int[])`, [[speakerId, otherSpeakerId]]);
  await pool.end();
});

test("a curator merges a proposed pair into the left statement, the merged-away address leads to it with both reports, and undoes the merge", async ({
  page,
}) => {
  const candidateId = await candidateOf(ids.mergeA, ids.mergeB);
  const card = await openQueueAt(page, "pending", candidateId);
  await expect(page.getByRole("heading", { name: "Merge queue", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "To decide" })).toHaveAttribute("aria-current", "page");
  // Side by side, each with its words (in their own language), speaker, date, status and report.
  const left = card.locator(`[data-statement-id="${ids.mergeA}"]`);
  const right = card.locator(`[data-statement-id="${ids.mergeB}"]`);
  await expect(left.getByRole("heading", { name: `Left: statement ${ids.mergeA}` })).toBeVisible();
  await expect(right.getByRole("heading", { name: `Right: statement ${ids.mergeB}` })).toBeVisible();
  await expect(left.locator("blockquote").first()).toHaveText(MERGE_PAIR[0].text);
  await expect(left.locator("blockquote").first()).toHaveAttribute("lang", "en");
  await expect(left).toContainText(`Merge Test speaker ${u}`);
  await expect(left).toContainText("published");
  await expect(left.getByTestId("curator-report")).toContainText(MERGE_PAIR[0].reports[0]!.outlet);
  await expect(right.getByTestId("curator-report")).toContainText(MERGE_PAIR[1].reports[0]!.outlet);
  await expectNoAxeViolations(page);

  await card.getByRole("button", { name: "Merge into left" }).click();
  await expect(pair(page, candidateId)).toHaveCount(0);
  expect(await candidateStatus(candidateId)).toBe("accepted");

  // The merged-away statement's address leads to the kept one, which lists both outlets' reports.
  await expect(async () => {
    await page.goto(`/statements/${ids.mergeB}`);
    expect(new URL(page.url()).pathname).toBe(`/statements/${ids.mergeA}`);
  }).toPass({ timeout: 15_000 });
  const publicReports = page.getByTestId("report");
  await expect(publicReports).toHaveCount(2);
  await expect(publicReports.nth(0)).toContainText(MERGE_PAIR[0].reports[0]!.outlet);
  await expect(publicReports.nth(1)).toContainText(MERGE_PAIR[1].reports[0]!.outlet);

  // The decided list says who merged it; its undo brings both statements back and the pair to the queue.
  const decided = await openQueueAt(page, "decided", candidateId);
  await expect(decided.getByTestId("merge-decision")).toContainText("Merged by Eddie Editor");
  await decided.getByRole("button", { name: "Undo" }).click();
  await expect(pair(page, candidateId)).toHaveCount(0);
  expect(await candidateStatus(candidateId)).toBe("pending");
  await expect(async () => {
    const response = await page.goto(`/statements/${ids.mergeB}`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/statements/${ids.mergeB}`);
  }).toPass({ timeout: 15_000 });
  await expect(page.locator("main blockquote").first()).toContainText(MERGE_PAIR[1].text);
  await expect(async () => {
    await page.goto(`/statements/${ids.mergeA}`);
    await expect(page.getByTestId("report")).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("report")).toContainText(MERGE_PAIR[0].reports[0]!.outlet);
  await expect(await openQueueAt(page, "pending", candidateId)).toBeVisible();
});

test("a curator marks a pair “not the same”, then undoes it: the pair waits for a decision again", async ({ page }) => {
  const candidateId = await candidateOf(ids.rejectA, ids.rejectB);
  const card = await openQueueAt(page, "pending", candidateId);
  await card.getByRole("button", { name: "Not the same" }).click();
  await expect(pair(page, candidateId)).toHaveCount(0);
  expect(await candidateStatus(candidateId)).toBe("rejected");
  // Both statements stay where they are.
  for (const id of [ids.rejectA, ids.rejectB]) {
    const response = await page.goto(`/statements/${id}`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/statements/${id}`);
  }

  const decided = await openQueueAt(page, "decided", candidateId);
  await expect(decided.getByTestId("merge-decision")).toContainText("Marked “not the same” by Eddie Editor");
  await expectNoAxeViolations(page);
  await decided.getByRole("button", { name: "Undo" }).click();
  await expect(pair(page, candidateId)).toHaveCount(0);
  expect(await candidateStatus(candidateId)).toBe("pending");
  await expect(await openQueueAt(page, "pending", candidateId)).toBeVisible();
});

test("the queue in Arabic is right to left and accessible", async ({ page, baseURL }) => {
  const candidateId = await candidateOf(ids.rejectA, ids.rejectB);
  await useLocale(page.context(), baseURL!, "ar");
  const card = await openQueueAt(page, "pending", candidateId);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: "قائمة الدمج", level: 1 })).toBeVisible();
  await expect(card.getByRole("button", { name: "ليسا التصريح نفسه" })).toBeVisible();
  // The English statement keeps its own language and direction inside the Arabic page.
  await expect(card.locator(`[data-statement-id="${ids.rejectA}"] blockquote`).first()).toHaveAttribute("dir", "ltr");
  await expectNoAxeViolations(page);
});

test("a curator splits a report off into its own statement and undoes the split", async ({ page }) => {
  await page.goto(`/curate/statements/${ids.split}`);
  const reports = page.getByRole("region", { name: "Reports" });
  await expect(reports.getByTestId("curator-report")).toHaveCount(2);
  const moving = reports.getByTestId("curator-report").filter({ hasText: SPLIT_STATEMENT.reports[1]!.outlet });
  await expect(page.getByRole("region", { name: "Merges and splits" })).toContainText(
    "This statement has not been merged or split.",
  );
  await expectNoAxeViolations(page);
  await moving.getByRole("button", { name: "Split off into its own statement" }).click();

  // One report stays (so it can no longer be split); the history names the new statement.
  await expect(reports.getByTestId("curator-report")).toHaveCount(1);
  await expect(reports.getByRole("button", { name: "Split off into its own statement" })).toHaveCount(0);
  const history = page.getByRole("region", { name: "Merges and splits" });
  const entry = history.getByTestId("merge-history-entry");
  await expect(entry).toContainText(`A report of statement ${ids.split} was split off into statement`);
  const { rows } = await pool.query<{ other_id: number }>(
    `SELECT other_id FROM statement_merges WHERE kind = 'split' AND statement_id = $1`,
    [ids.split],
  );
  const newId = rows[0]!.other_id;
  await expect(entry.getByRole("link", { name: String(newId) })).toHaveAttribute("href", `/curate/statements/${newId}`);

  // The new statement is public, in the split-off report's wording, by the same speaker.
  await page.goto(`/statements/${newId}`);
  await expect(page.locator("main blockquote").first()).toContainText(SPLIT_STATEMENT.reports[1]!.text);
  await expect(page.locator("main")).toContainText(`Merge Test speaker ${u}`);
  await expect(page.locator("main")).toContainText(SPLIT_STATEMENT.reports[1]!.outlet);

  await page.goto(`/curate/statements/${ids.split}`);
  await history.getByRole("button", { name: "Undo" }).click();
  await expect(reports.getByTestId("curator-report")).toHaveCount(2);
  await expect(entry).toContainText("undone");
  await expect(history.getByRole("button", { name: "Undo" })).toHaveCount(0);
  // The split-off statement went back into the original: its address leads there.
  await expect(async () => {
    await page.goto(`/statements/${newId}`);
    expect(new URL(page.url()).pathname).toBe(`/statements/${ids.split}`);
  }).toPass({ timeout: 15_000 });
});

async function apiContext(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  options: { as?: "editor"; origin?: string } = {},
): Promise<APIRequestContext> {
  const origin = options.origin ?? baseURL;
  return playwright.request.newContext({
    baseURL,
    // Explicitly empty without `as`: a context made here takes the file's storageState otherwise.
    storageState: options.as ? STORAGE_STATE[options.as] : { cookies: [], origins: [] },
    extraHTTPHeaders: { Origin: origin },
  });
}

const POST_ROUTES = ["accept", "reject", "reopen", "split", "undo"] as const;

test("the merge routes refuse a request without a session (401) and from another site (403)", async ({
  playwright,
  baseURL,
}) => {
  const anonymous = await apiContext(playwright, baseURL!);
  const list = await anonymous.get("/api/curate/merges");
  expect(list.status()).toBe(401);
  expect((await list.json()).error.code).toBe("unauthenticated");
  for (const route of POST_ROUTES) {
    const response = await anonymous.post(`/api/curate/merges/${route}`, { data: { candidateId: 1 } });
    expect(response.status(), route).toBe(401);
    expect((await response.json()).error.code, route).toBe("unauthenticated");
  }
  await anonymous.dispose();

  const foreign = await apiContext(playwright, baseURL!, { as: "editor", origin: FOREIGN_ORIGIN });
  for (const route of POST_ROUTES) {
    const response = await foreign.post(`/api/curate/merges/${route}`, { data: { candidateId: 1 } });
    expect(response.status(), route).toBe(403);
    expect((await response.json()).error.code, route).toBe("cross_origin");
  }
  await foreign.dispose();
});

test("bad input to the merge routes gets a 400 naming the field; two speakers' statements are never merged", async ({
  playwright,
  baseURL,
}) => {
  const editor = await apiContext(playwright, baseURL!, { as: "editor" });
  const fieldsOf = async (response: Awaited<ReturnType<APIRequestContext["get"]>>) => {
    const body = (await response.json()) as { error: { fields?: Array<{ field: string; message: string }> } };
    return { status: response.status(), body, fields: (body.error.fields ?? []).map((f) => f.field) };
  };

  for (const [query, field] of [
    ["status=maybe", "status"],
    ["page=0", "page"],
    ["page=abc", "page"],
  ] as const) {
    const { status, fields, body } = await fieldsOf(await editor.get(`/api/curate/merges?${query}`));
    expect(status, `${query}: ${JSON.stringify(body)}`).toBe(400);
    expect(fields, query).toContain(field);
  }

  const cases: Array<[(typeof POST_ROUTES)[number], unknown, string]> = [
    ["accept", {}, "candidateId"],
    ["accept", { candidateId: "one", keepId: ids.mergeA }, "candidateId"],
    ["accept", { candidateId: foreignCandidateId }, "keepId"],
    ["accept", { candidateId: foreignCandidateId, keepId: ids.split }, "keepId"],
    ["reject", { candidateId: -1 }, "candidateId"],
    ["reopen", { candidateId: 1.5 }, "candidateId"],
    ["split", { statementId: ids.split }, "reportId"],
    ["split", { statementId: "x", reportId: 1 }, "statementId"],
    ["undo", {}, "mergeId"],
    ["undo", ["not", "an", "object"], "body"],
  ];
  for (const [route, data, field] of cases) {
    const { status, fields, body } = await fieldsOf(
      await editor.post(`/api/curate/merges/${route}`, { data: data as Record<string, unknown> }),
    );
    expect(status, `${route} ${JSON.stringify(data)}: ${JSON.stringify(body)}`).toBe(400);
    expect(fields, `${route} ${JSON.stringify(data)}`).toContain(field);
  }
  const notJson = await editor.post("/api/curate/merges/accept", {
    data: "{not json",
    headers: { "Content-Type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
  expect((await fieldsOf(notJson)).fields).toContain("body");

  // Unknown ids are 404s.
  expect((await editor.post("/api/curate/merges/reject", { data: { candidateId: 2_000_000_000 } })).status()).toBe(404);
  expect((await editor.post("/api/curate/merges/undo", { data: { mergeId: 2_000_000_000 } })).status()).toBe(404);

  // Different speakers: refused, naming the kept statement, and nothing changes.
  const { status, fields, body } = await fieldsOf(
    await editor.post("/api/curate/merges/accept", {
      data: { candidateId: foreignCandidateId, keepId: ids.foreignA },
    }),
  );
  expect(status, JSON.stringify(body)).toBe(400);
  expect(fields).toContain("keepId");
  expect(JSON.stringify(body)).toContain("another speaker");
  expect(await candidateStatus(foreignCandidateId)).toBe("pending");
  const { rows } = await pool.query<{ status: string }>(
    `SELECT status FROM statements WHERE id = ANY($1::int[]) ORDER BY id`,
    [[ids.foreignA, ids.foreignB]],
  );
  expect(rows.map((r) => r.status)).toEqual(["published", "published"]);
  await editor.dispose();
});
