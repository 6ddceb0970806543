import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStatementListParams } from "@/lib/api/list-params";
import { listStatementsPage } from "@/lib/db/queries/api-lists";
import { homeLatestStatements } from "@/lib/db/queries/home";
import { getPool } from "@/lib/db/client";
import { latestStatements } from "@/lib/db/queries/statements";
import { feedStatements } from "@/lib/feeds/statement-feed";
import { seedDemoData } from "@/lib/seed/demo";
import { useTestEnvironment } from "../support/integration";

// "Latest statements" must be read from an index in its own order and stopped
// at the LIMIT: at a million statements a Sort node over `statements` costs the
// home page seconds (README, Measured). The queries are the ones the app runs
// (recorded from the app's pool while the real functions run), explained with
// their parameters on a table large enough for the planner's choice to matter.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
const ROWS = 40_000;
let oldSpeaker = 0;

beforeAll(async () => {
  env = await useTestEnvironment("latest_plan");
  await seedDemoData(env.pool);
  // Dated across ~30 years, every 20th undated, some retracted, some drafts.
  await env.pool.query(
    `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status, retraction_reason)
     SELECT 'Generated statement ' || i, 'en', 'direct', (SELECT min(id) FROM speakers) + (i % 8),
            CASE WHEN i % 20 = 0 THEN NULL ELSE DATE '1995-01-01' + (i % 11000) END,
            CASE WHEN i % 20 = 0 THEN NULL ELSE 'day' END,
            CASE WHEN i % 50 = 1 THEN 'retracted' WHEN i % 50 = 2 THEN 'draft' ELSE 'published' END,
            CASE WHEN i % 50 = 1 THEN 'test' END
       FROM generate_series(1, $1) AS i`,
    [ROWS],
  );
  // A speaker heard only long ago: reading "latest first" down the whole
  // collection would pass every newer statement before reaching theirs.
  oldSpeaker = (
    await env.pool.query<{ id: number }>(
      `INSERT INTO speakers (slug, kind, name) VALUES ('long-ago', 'person', 'Long Ago') RETURNING id`,
    )
  ).rows[0]!.id;
  await env.pool.query(
    `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status)
     SELECT 'Old words ' || i, 'en', 'direct', $1, DATE '1960-01-01' + i, 'day', 'published' FROM generate_series(1, 300) AS i`,
    [oldSpeaker],
  );
  await env.pool.query("ANALYZE statements");
});
afterAll(async () => {
  await env?.close();
});

type Recorded = { text: string; values: unknown[] };

/** Runs `work` while recording every query it sends through the app's pool. */
async function recordQueries(work: () => Promise<unknown>): Promise<Recorded[]> {
  const pool = getPool();
  const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const recorded: Recorded[] = [];
  (pool as unknown as { query: unknown }).query = (text: unknown, values?: unknown) => {
    if (typeof text === "string") recorded.push({ text, values: Array.isArray(values) ? values : [] });
    return original(text, values);
  };
  try {
    await work();
  } finally {
    (pool as unknown as { query: unknown }).query = original;
  }
  return recorded;
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(query: Recorded): Promise<PlanNode> {
  const { rows } = await env.pool.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`,
    query.values,
  );
  return rows[0]!["QUERY PLAN"][0]!.Plan;
}

/** What a plan must look like: a LIMIT over index scans of statements, and no sort over them. */
async function expectIndexOrderedLimit(queries: Recorded[], indexName?: string) {
  expect(queries.length).toBeGreaterThan(0);
  for (const query of queries) {
    const plan = await explain(query);
    const all = nodes(plan);
    const summary = all.map(
      (n) =>
        `${n["Node Type"]}${n["Index Name"] ? `(${n["Index Name"]})` : n["Relation Name"] ? `(${n["Relation Name"]})` : ""}`,
    );
    expect(plan["Node Type"], summary.join(" > ")).toBe("Limit");
    // A sort above a read of statements is what must not come back (a feed
    // entry's few topics may be sorted: that sort reads no statements).
    const sortsOverStatements = all.filter(
      (n) => /Sort/.test(n["Node Type"]) && nodes(n).some((m) => m["Relation Name"] === "statements"),
    );
    expect(
      sortsOverStatements.map((n) => n["Node Type"]),
      summary.join(" > "),
    ).toEqual([]);
    const statementScans = all.filter((n) => n["Relation Name"] === "statements" && /Scan/.test(n["Node Type"]));
    expect(statementScans.length, summary.join(" > ")).toBeGreaterThan(0);
    for (const scan of statementScans) expect(scan["Node Type"], summary.join(" > ")).toMatch(/^Index (Only )?Scan$/);
    if (indexName)
      expect(
        statementScans.map((s) => s["Index Name"]),
        summary.join(" > "),
      ).toContain(indexName);
  }
}

describe("latest statements are read from an index in their order", () => {
  it("home page: a LIMIT over statements_published_latest_idx, no Sort", async () => {
    let latest: Awaited<ReturnType<typeof homeLatestStatements>> = [];
    const queries = await recordQueries(async () => {
      latest = await homeLatestStatements("en", 6);
    });
    await expectIndexOrderedLimit(queries, "statements_published_latest_idx");
    // And the order is still "date said, newest first, then newest id".
    const { rows } = await env.pool.query<{ id: number }>(
      `SELECT id FROM statements WHERE status = 'published' ORDER BY said_on DESC NULLS LAST, id DESC LIMIT 6`,
    );
    expect(latest.map((s) => s.id)).toEqual(rows.map((r) => r.id));
  });

  it("home page lists the undated statements after the dated ones, newest id first", async () => {
    const { rows } = await env.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM statements WHERE status = 'published' AND said_on IS NOT NULL`,
    );
    const dated = Number(rows[0]!.n);
    const latest = await homeLatestStatements("en", dated + 3);
    expect(latest.slice(0, dated).every((s) => s.saidOn !== null)).toBe(true);
    expect(latest.slice(dated).map((s) => s.saidOn)).toEqual([null, null, null]);
    const undatedIds = latest.slice(dated).map((s) => s.id);
    expect(undatedIds).toEqual([...undatedIds].sort((a, b) => b - a));
  });

  it("a speaker's latest statements: read from that speaker's entries only, no Sort (speaker page)", async () => {
    let latest: Awaited<ReturnType<typeof latestStatements>> = [];
    const queries = await recordQueries(async () => {
      latest = await latestStatements(6, oldSpeaker);
    });
    await expectIndexOrderedLimit(queries, "statements_published_speaker_latest_idx");
    expect(latest.map((s) => s.saidOn?.iso)).toEqual([
      "1960-10-27",
      "1960-10-26",
      "1960-10-25",
      "1960-10-24",
      "1960-10-23",
      "1960-10-22",
    ]);
  });

  it("site feed: each of its queries is a LIMIT over an index, no Sort", async () => {
    const queries = await recordQueries(() => feedStatements({}));
    await expectIndexOrderedLimit(queries);
  });

  it("API list sort=newest (published and retracted): a LIMIT over an index, no Sort", async () => {
    const parsed = parseStatementListParams(new URLSearchParams("sort=newest&limit=100"));
    if (!parsed.ok) throw new Error("the list parameters were refused");
    const queries = await recordQueries(() => listStatementsPage(parsed.query));
    // The positions query is the ordered one; the rows of the page are then read by id.
    await expectIndexOrderedLimit(queries.filter((q) => /ORDER BY/.test(q.text) && /LIMIT/.test(q.text)));
  });
});
