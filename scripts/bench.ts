// npm run bench [-- --size 120k|1m] [--samples N]: loads the corpus of
// ../shared/data/corpus into a database of its own (once; kept in
// .data/bench-SIZE), starts the built app beside it and prints one table:
// search through the app vs the same queries sent straight to Meilisearch,
// the server-rendered pages, bulk indexing, save-to-searchable freshness, and
// peak memory. A benchmark, not a test: it asserts nothing.
//
// npm run bench -- --load [--duration SECONDS] [--rate N]: instead of the
// table, the load test of scripts/bench/load.ts against the same data and the
// same built app: a constant arrival rate of a mix of searches, pages and API
// requests; without --rate it first looks for the highest rate the machine
// sustains, then runs --duration seconds (default 60) at it.
//
// npm run bench -- --lighthouse [--size …]: instead of the table, Lighthouse's
// scores (mobile profile) of the benchmark's home, search, speaker and
// statement pages at this size.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { createMeiliClient } from "@/lib/search/client";
import { deleteIndex, ensureStatementIndex, upsertDocumentsPipelined } from "@/lib/search/index-admin";
import { buildSearchRequest } from "@/lib/search/request";
import { findFreePort, stopChild } from "@/lib/services/process-utils";
import { startServiceStack } from "@/lib/services/stack";
import { isDatabaseEmpty, seedDemoData } from "@/lib/seed/demo";
import { allDocuments } from "@/lib/sync/documents";
import { parseSearchParams } from "@/lib/validation/search-params";
import { benchCuratorHeaders } from "./bench/curator-session";
import { loadCorpus } from "./bench/load-corpus";
import { formatTable, peakRssMiB, percentile, timeRequests } from "./bench/stats";
import { buildIsCurrent, runBuild } from "./lib/build";
import { startBuiltApp } from "./lib/next-server";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const size = option("size", "120k");
if (size !== "120k" && size !== "1m") {
  console.error("bench: --size must be 120k or 1m");
  process.exit(2);
}
const samples = Number(option("samples", "30"));
const load = args.includes("--load");
const lighthouseOnly = args.includes("--lighthouse");
if (load && lighthouseOnly) {
  console.error("bench: --load and --lighthouse are separate runs: choose one");
  process.exit(2);
}
/** A whole-number option in [min, max], null when absent; a wrong value ends the run with a message. */
const integerOption = (name: string, min: number, max: number): number | null => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return null;
  const raw = args[i + 1];
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    console.error(
      `bench: --${name} must be a whole number from ${min} to ${max}${raw === undefined ? "" : `, not "${raw}"`}`,
    );
    process.exit(2);
  }
  return Number(raw);
};
const duration = integerOption("duration", 5, 3600) ?? 60;
const rate = integerOption("rate", 1, 10_000);
if (!load && (args.includes("--duration") || args.includes("--rate"))) {
  console.error("bench: --duration and --rate are options of the load test: add --load");
  process.exit(2);
}
const corpusDir = path.resolve(process.env.CORPUS_DIR ?? "../shared/data/corpus");
const UN = path.join(corpusDir, "un-general-debate.en.jsonl.gz");
const SAUDI = path.join(corpusDir, "saudinewsnet-statements.ar.jsonl.gz");
// 1M: the English corpus eight times under different externalId prefixes, plus the Arabic one.
const COPIES = size === "1m" ? 8 : 1;

const DIRECT_LIMIT_SECONDS = 300;
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
/** A table row of one timed request: p50 and p95 in ms, and a note. */
const latencyRow = (name: string, times: number[], note = ""): string[] => [
  name,
  `p50 ${ms(percentile(times, 50))} ms`,
  `p95 ${ms(percentile(times, 95))} ms`,
  "",
  note,
];

const dataDir = path.resolve(".data", `bench-${size}`);
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
for (const name of ["EMBEDDED_PG_PORT", "EMBEDDED_MEILI_PORT"]) env[name] ??= String(await findFreePort());
const stackStarting = startServiceStack(env);
let app: ChildProcess | null = null;
// Stops what this run started, once: at the end, or on Ctrl-C / SIGTERM (Postgres and
// Meilisearch run in process groups of their own, so a Ctrl-C does not reach them).
let stopping: Promise<void> | null = null;
const stopAll = () =>
  (stopping ??= (async () => {
    if (app) await stopChild(app, "SIGTERM");
    await (await stackStarting.catch(() => null))?.stop();
  })());
const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // process.on, not once: a second Ctrl-C (or tsx relaying the first) must not cut the stopping short.
  process.on(signal, () => {
    if (interrupted.signal.aborted) return;
    process.stderr.write("\nbench: interrupted, stopping the app and the services…\n");
    interrupted.abort();
    void stopAll().finally(() => process.exit(130));
  });
}
const stack = await stackStarting;
const rows: string[][] = [];
const notes: string[] = [];

try {
  await migrateDatabase(stack.databaseUrl);
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 8 });
  // When the run stops early, Postgres stops with idle clients still in the pool: not a crash.
  pool.on("error", () => undefined);
  const meili = createMeiliClient(stack.meiliUrl, stack.meiliKey, 120_000);
  const indexUid = "statements";
  const ctx = { pool, meili, indexUid };
  await ensureStatementIndex(meili, indexUid);
  if (await isDatabaseEmpty(pool)) await seedDemoData(pool);

  // Load the corpus once; the figure is end to end (Postgres and index), kept beside the data.
  const corpus = await loadCorpus(ctx, { dataDir, copies: COPIES, english: UN, arabic: SAUDI });
  rows.push(corpus.row);
  const total = Number((await pool.query(`SELECT count(*) FROM statements WHERE status = 'published'`)).rows[0].count);

  // The same documents added straight to Meilisearch, into a scratch index. At 1M
  // all of them would take most of half an hour: the first DIRECT_LIMIT_SECONDS' worth is measured.
  if (!load && !lighthouseOnly) {
    const scratch = `bench_direct_${Date.now()}`;
    await ensureStatementIndex(meili, scratch);
    const started = performance.now();
    const deadline = size === "1m" ? started + DIRECT_LIMIT_SECONDS * 1000 : Infinity;
    async function* untilDeadline() {
      for await (const page of allDocuments(pool, 5_000)) {
        yield page;
        if (performance.now() > deadline) return;
      }
    }
    const documents = await upsertDocumentsPipelined(meili, scratch, untilDeadline());
    const seconds = (performance.now() - started) / 1000;
    await deleteIndex(meili, scratch);
    const which =
      documents < total ? `the first ${documents.toLocaleString("en")} of the same documents` : "the same documents";
    rows.push([
      `direct Meilisearch addition of ${which}`,
      `${documents.toLocaleString("en")} documents`,
      `${Math.round(documents / seconds)}/s`,
      `${seconds.toFixed(0)} s`,
      "",
    ]);
  }

  if (!buildIsCurrent()) await runBuild();
  const started = await startBuiltApp({
    port: await findFreePort(),
    // The benchmark measures the app, not the per-address rate limit its one client would hit; and
    // the site in its steady state, not the one-off background pass that proposes merge candidates
    // over a freshly loaded corpus (README, "Merge candidates").
    env: {
      DATABASE_URL: stack.databaseUrl,
      MEILI_URL: stack.meiliUrl,
      MEILI_MASTER_KEY: stack.meiliKey,
      MEILI_INDEX: indexUid,
      API_RATE_LIMIT_PER_MINUTE: "0",
      MERGE_CANDIDATE_JOB: "off",
    },
  });
  app = started.child;
  const base = started.baseUrl;

  const topSpeaker = (
    await pool.query<{ slug: string }>(
      `SELECT sp.slug FROM speakers sp JOIN statements s ON s.speaker_id = sp.id WHERE sp.slug NOT LIKE 'e2e%' GROUP BY sp.slug ORDER BY count(*) DESC LIMIT 1`,
    )
  ).rows[0]!.slug;
  const someStatement = (
    await pool.query<{ id: number }>(`SELECT id FROM statements WHERE status = 'published' ORDER BY id DESC LIMIT 1`)
  ).rows[0]!.id;

  const queries: Array<[string, string]> = [
    ["one word (en)", "q=peace"],
    ["phrase (en)", `q=${encodeURIComponent('"nuclear weapons"')}`],
    ["words + speaker filter", `q=${encodeURIComponent("human rights")}&speaker=${encodeURIComponent(topSpeaker)}`],
    ["word + year facet", "q=climate&year=2019"],
    ["word + date range", "q=development&from=2000&to=2010-06"],
    ["no words, newest first", "sort=newest"],
    ["Arabic word", `q=${encodeURIComponent("السعودية")}`],
    ["Arabic, hamza folded", `q=${encodeURIComponent("الاسد")}`],
    ["language + kind filters", "lang=ar&kind=direct"],
  ];
  const pages: Array<[string, string]> = [
    ["home page", "/"],
    ["search page (server-rendered)", "/search?q=peace"],
    ["search page with filters", `/search?q=${encodeURIComponent("human rights")}&lang=en&from=1990&to=2020`],
    [`speaker page (${topSpeaker})`, `/speakers/${encodeURIComponent(topSpeaker)}`],
    ["statement page", `/statements/${someStatement}`],
  ];
  if (lighthouseOnly) {
    const { lighthouseTable } = await import("./bench/lighthouse-scores");
    const table = await lighthouseTable(base, pages);
    console.log(
      `\nLighthouse (mobile emulation, simulated throttling) at ${size} (${total.toLocaleString("en")} published statements):\n`,
    );
    console.log(table);
    await pool.end();
  } else if (load) {
    const { benchLoad } = await import("./bench/load");
    await benchLoad({
      base,
      pool,
      dataset: `${size} (${total.toLocaleString("en")} published statements)`,
      searchQueries: queries,
      pages,
      durationSeconds: duration,
      rate,
      signal: interrupted.signal,
      appPid: app.pid,
    });
    await pool.end();
  } else {
    const appP50: number[] = [];
    const engineP50: number[] = [];
    for (const [name, qs] of queries) {
      const parsed = parseSearchParams(new URLSearchParams(qs));
      if (!parsed.ok) throw new Error(`bench query ${qs}: ${JSON.stringify(parsed.errors)}`);
      const request = buildSearchRequest(parsed.query);
      const engine = await timeRequests(
        async () => void (await meili.index(indexUid).search(request.q, request.params)),
        { samples },
      );
      const api = await timeRequests(
        async () => {
          const response = await fetch(`${base}/api/v1/search?${qs}`);
          if (!response.ok) throw new Error(`${qs}: HTTP ${response.status}`);
          await response.arrayBuffer();
        },
        { samples },
      );
      appP50.push(percentile(api, 50));
      engineP50.push(percentile(engine, 50));
      rows.push([
        `search "${decodeURIComponent(qs)}" (${name})`,
        `app ${ms(percentile(api, 50))} / ${ms(percentile(api, 95))}`,
        `engine ${ms(percentile(engine, 50))} / ${ms(percentile(engine, 95))}`,
        `× ${(percentile(api, 50) / percentile(engine, 50)).toFixed(2)}`,
        `app adds ${ms(percentile(api, 50) - percentile(engine, 50))} ms (target ≤ 3)`,
      ]);
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    rows.push([
      "search, all queries (sum of p50), rate limit off",
      `app ${ms(sum(appP50))}`,
      `engine ${ms(sum(engineP50))}`,
      `× ${(sum(appP50) / sum(engineP50)).toFixed(2)}`,
      "target ≤ × 1.15 at 1M",
    ]);
    // The same searches through a second instance with the rate limit on, as deployed (a limit this
    // one client never reaches: the cost of counting is measured, not refusals).
    const limited = await startBuiltApp({
      port: await findFreePort(),
      env: {
        DATABASE_URL: stack.databaseUrl,
        MEILI_URL: stack.meiliUrl,
        MEILI_MASTER_KEY: stack.meiliKey,
        MEILI_INDEX: indexUid,
        API_RATE_LIMIT_PER_MINUTE: "100000000",
        MERGE_CANDIDATE_JOB: "off",
      },
    });
    try {
      const limitedP50: number[] = [];
      for (const [, qs] of queries) {
        const times = await timeRequests(
          async () => {
            const response = await fetch(`${limited.baseUrl}/api/v1/search?${qs}`);
            if (!response.ok) throw new Error(`${qs}: HTTP ${response.status}`);
            await response.arrayBuffer();
          },
          { samples },
        );
        limitedP50.push(percentile(times, 50));
      }
      rows.push([
        "search, all queries (sum of p50), rate limit on",
        `app ${ms(sum(limitedP50))}`,
        `engine ${ms(sum(engineP50))}`,
        `× ${(sum(limitedP50) / sum(engineP50)).toFixed(2)}`,
        "as deployed",
      ]);
    } finally {
      await stopChild(limited.child, "SIGTERM");
    }

    // The floor under every API answer: Next's routing and a response with nothing to compute
    // (the fixed document, already held by the client: 304, no body), and the health check.
    const openApi = await fetch(`${base}/api/v1/openapi.json`);
    const etag = openApi.headers.get("etag") ?? "";
    await openApi.arrayBuffer();
    const floor = await timeRequests(
      async () => {
        const response = await fetch(`${base}/api/v1/openapi.json`, { headers: { "If-None-Match": etag } });
        if (response.status !== 304) throw new Error(`openapi.json with its ETag answered ${response.status}, not 304`);
        await response.arrayBuffer();
      },
      { samples },
    );
    rows.push(
      latencyRow(
        "the app's floor: GET /api/v1/openapi.json → 304 (nothing to compute)",
        floor,
        "Next's routing + the public API wrapper",
      ),
    );
    const document = await timeRequests(
      async () => void (await (await fetch(`${base}/api/v1/openapi.json`)).arrayBuffer()),
      { samples },
    );
    rows.push(latencyRow("GET /api/v1/openapi.json (whole document)", document));
    const health = await timeRequests(async () => void (await (await fetch(`${base}/api/health`)).arrayBuffer()), {
      samples,
    });
    rows.push(latencyRow("GET /api/health (Postgres and Meilisearch pinged)", health));

    for (const [name, url] of pages) {
      let status = 0;
      const times = await timeRequests(
        async () => {
          const response = await fetch(`${base}${url}`);
          status = response.status;
          await response.arrayBuffer();
        },
        { samples },
      );
      rows.push(latencyRow(name, times, status === 200 ? "" : `HTTP ${status}`));
    }

    // Save to searchable: a curator publishes through the app's own route, then polls the search API.
    const curator = await benchCuratorHeaders(pool, base);
    const freshness: number[] = [];
    const probes: number[] = [];
    for (let i = 0; i < Math.min(samples, 20); i++) {
      const marker = `freshness${Date.now().toString(36)}${i}`;
      const started = performance.now();
      const saved = await fetch(`${base}/api/curate/statements`, {
        method: "POST",
        headers: curator,
        body: JSON.stringify({
          text: `Benchmark statement ${marker}`,
          language: "en",
          kind: "direct",
          newSpeaker: { name: "Benchmark" },
          status: "published",
        }),
      });
      if (saved.status !== 201)
        throw new Error(`bench: the curator save answered ${saved.status}: ${await saved.text()}`);
      probes.push(((await saved.json()) as { id: number }).id);
      for (;;) {
        const body = (await (await fetch(`${base}/api/v1/search?q=${marker}`)).json()) as { total: number };
        if (body.total > 0) break;
        if (performance.now() - started > 30_000) throw new Error("a saved statement was not searchable within 30 s");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      freshness.push(performance.now() - started);
    }
    rows.push(latencyRow("curator save → found by search (freshness)", freshness, "target p95 < 1000 ms"));
    // Remove the probes the way the app deletes: with outbox rows, so the index follows.
    await pool.query(
      `WITH gone AS (DELETE FROM statements WHERE id = ANY($1::int[]) RETURNING id)
       INSERT INTO outbox (entity_type, entity_id) SELECT 'statement', id FROM gone`,
      [probes],
    );

    rows.push(...(await (await import("./bench/extract")).benchExtraction(pool, samples))); // 20,000-word articles in ar/de/en through lib/extract
    rows.push(...(await (await import("./bench/api-paging")).benchApiPaging(base, samples))); // /api/v1/statements, cursor pages from the start and past 100,000 rows
    if (size === "120k")
      rows.push(...(await (await import("./bench/backup")).benchExportRestore(stack.databaseUrl, { meili }))); // npm run export / restore throughput, and the index rebuild
    // At 1M a restore and its index rebuild would add most of an hour; their rates per statement are the 120k run's.
    else
      notes.push(
        "Backup export/restore and the index rebuild are measured at 120k only (their cost grows linearly; see the 120k table).",
      );
    const meiliPid = Number(fs.readFileSync(path.join(dataDir, "meili.pid"), "utf8").split("\n")[0]) || undefined;
    rows.push([
      "peak memory",
      `app ${peakRssMiB(app.pid) ?? "—"} MiB`,
      `Meilisearch ${stack.embedded.meilisearch ? (peakRssMiB(meiliPid) ?? "—") : "external"} MiB`,
      "",
      "",
    ]);
    await pool.end();

    console.log(
      `\nBenchmark at ${size} (${total.toLocaleString("en")} published statements), ${samples} samples each after 3 warm-ups; times in ms (p50 / p95).\n`,
    );
    console.log(formatTable(["measure", "app", "engine / p95", "ratio", "note"], rows));
    for (const note of notes) console.log(`\n${note}`);
  }
} catch (error) {
  if (!interrupted.signal.aborted) console.error(error);
  // What was measured before the failure is still worth having (a 1M run takes most of an hour).
  if (rows.length > 0)
    console.log(
      `\nMeasured before the run stopped:\n\n${formatTable(["measure", "app", "engine / p95", "ratio", "note"], rows)}`,
    );
  process.exitCode = 1;
} finally {
  await stopAll();
}
