// The load test of `npm run bench -- --load [--duration SECONDS] [--rate N]`:
// a fixed mix of realistic GET requests (the benchmark's search queries through
// /api/v1/search, server-rendered search, speaker and statement pages, cursor
// pages of /api/v1/statements, the home page) sent by autocannon at a constant
// arrival rate against the built app, with latencies and errors per step.
// Without --rate it looks for the highest rate this machine sustains (short
// probe steps at rising rates, then a bisection), then runs the full duration
// at that rate. A benchmark: it reports and asserts nothing.
//
// How the rate is held. autocannon's rate limit is per connection and per
// second: each connection may send `rate` requests in a second, back to back
// (closed loop: the next only after the previous answer), and then waits for
// its next one-second tick. All connections of one autocannon instance tick
// together, so one instance at `overallRate` R with R connections sends its R
// requests as one burst at the start of every second. To come closer to a
// constant arrival rate the load here is split into LANES instances started
// 1/LANES of a second apart, each with one connection per request/s (so every
// connection sends exactly one request a second): a burst of R/LANES requests
// every 1000/LANES ms. A connection whose answer takes longer than a second
// sends its next request late; the rate then falls below the one asked for,
// which is how a rate the app cannot keep up with shows ("not sustained").
//
// What is counted. A step of D seconds counts the requests each lane sent in
// its first D seconds, and their answers; the lane keeps sending at the same
// rate for GRACE_SECONDS more, so that the last requests of the window are
// answered under the same load (and not cut off when autocannon stops). A
// request of the window still unanswered at the very end counts as slower than
// any answer in the percentiles.
import { createRequire } from "node:module";
import os from "node:os";
import type pg from "pg";
import { formatTable, peakRssMiB, percentile } from "./stats";

const require = createRequire(import.meta.url);

/** Instances started 1/LANES s apart (fewer when the rate is lower). */
const LANES = 10;
/** A rate is sustained when all of this holds (p99 ≤ 1 s: issue 12's target). */
const SUSTAINED = { minAchieved: 0.98, p99Ms: 1_000 } as const;
/** Probe steps: seconds each (or the run's duration when shorter), the first rate, the growth factor. */
const PROBE = {
  seconds: 10,
  startRate: 5,
  growth: 1.5,
  maxRate: 2_000,
  pauseMs: 3_000,
  pauseAfterFailureMs: 10_000,
} as const;
/** Seconds each lane goes on after its counted window (see the top of the file). */
const GRACE_SECONDS = 3;
/** A request unanswered after this many seconds is a timeout (an error) for autocannon. */
const TIMEOUT_SECONDS = 10;
/** When the full-length run does not sustain the probes' best rate: retries, each at 85 % of the last. */
const FINAL_RETRIES = 2;

// The part of autocannon 8's API used here (the package ships no types).
type MixRequest = { method: "GET"; path: string; kind: Kind };
type AutocannonClient = {
  setRequests(requests: MixRequest[]): void;
  requestIterator: { currentRequest: MixRequest };
  on(event: "request", listener: () => void): AutocannonClient;
};
type AutocannonResult = {
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
};
type AutocannonInstance = {
  stop(): void;
  on(
    event: "response",
    listener: (client: AutocannonClient, status: number, bytes: number, ms: number) => void,
  ): AutocannonInstance;
};
type AutocannonOptions = {
  url: string;
  connections: number;
  overallRate: number;
  duration: number;
  timeout: number;
  ignoreCoordinatedOmission: boolean;
  headers: Record<string, string>;
  requests: MixRequest[];
  setupClient: (client: AutocannonClient) => void;
};
const autocannon = require("autocannon") as (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const KINDS = [
  "API search",
  "API statements list",
  "search page",
  "speaker page",
  "statement page",
  "home page",
] as const;
type Kind = (typeof KINDS)[number];

export type LoadOptions = {
  base: string;
  /** Which data, for the heading: "120k (134,861 published statements)". */
  dataset: string;
  pool: pg.Pool;
  /** [name, query string] of /api/v1/search: the benchmark's own queries. */
  searchQueries: Array<[string, string]>;
  /** [name, path] of the benchmark's page measurements. */
  pages: Array<[string, string]>;
  durationSeconds: number;
  /** A fixed rate (requests/s): no search, one run at it. */
  rate: number | null;
  signal: AbortSignal;
  appPid?: number;
};

type Step = {
  label: string;
  rate: number;
  seconds: number;
  /** Requests sent in the counted window, and those of them answered. */
  sent: number;
  answered: number;
  /** Of the window's requests, in ms; Infinity for those never answered. */
  latencies: number[];
  byKind: Map<Kind, { latencies: number[]; non2xx: number }>;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  sustained: boolean;
  why: string[];
};

function kindOf(path: string): Kind {
  if (path.startsWith("/api/v1/search")) return "API search";
  if (path.startsWith("/api/v1/statements")) return "API statements list";
  if (path.startsWith("/search")) return "search page";
  if (path.startsWith("/speakers/")) return "speaker page";
  if (path.startsWith("/statements/")) return "statement page";
  if (path === "/") return "home page";
  throw new Error(`bench --load: no route kind for ${path}`);
}

/** The fixed list of requests: about 40, in a seeded shuffle so that consecutive ones differ in kind. */
async function buildMix(options: LoadOptions): Promise<MixRequest[]> {
  const { base, pool } = options;
  const paths: string[] = [];
  // API search: every query of the benchmark, once each.
  for (const [, qs] of options.searchQueries) paths.push(`/api/v1/search?${qs}`);
  // The benchmark's pages (home, two search pages, its speaker and statement page) …
  for (const [, url] of options.pages) paths.push(url);
  // … and more of each kind, so that the pages are not always the same ones.
  paths.push(
    "/",
    `/search?q=${encodeURIComponent('"nuclear weapons"')}`,
    `/search?q=${encodeURIComponent("السعودية")}&lang=ar`,
    `/search?q=climate&year=2019`,
  );
  const speakers = await pool.query<{ slug: string }>(
    `SELECT sp.slug FROM speakers sp JOIN statements s ON s.speaker_id = sp.id
     WHERE sp.slug NOT LIKE 'e2e%' AND s.status = 'published'
     GROUP BY sp.slug ORDER BY md5(sp.slug) LIMIT 4`,
  );
  for (const { slug } of speakers.rows) paths.push(`/speakers/${encodeURIComponent(slug)}`);
  const statements = await pool.query<{ id: number }>(
    `SELECT id FROM statements WHERE status = 'published' ORDER BY md5(id::text) LIMIT 11`,
  );
  for (const { id } of statements.rows) paths.push(`/statements/${id}`);
  // API statements list: first pages and the pages their cursors lead to, as a client paging through.
  for (const filter of ["", "&lang=ar", "&year=2010"]) {
    let url = `/api/v1/statements?limit=100${filter}`;
    for (let page = 0; page < 2; page++) {
      paths.push(url);
      const response = await fetch(`${base}${url}`);
      if (!response.ok) throw new Error(`bench --load: ${url} answered ${response.status}`);
      const { nextCursor } = (await response.json()) as { nextCursor: string | null };
      if (!nextCursor) break;
      url = `/api/v1/statements?limit=100${filter}&cursor=${nextCursor}`;
    }
  }
  // Seeded shuffle (mulberry32): the same order on every run.
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [paths[i], paths[j]] = [paths[j]!, paths[i]!];
  }
  return paths.map((path) => ({ method: "GET", path, kind: kindOf(path) }));
}

/** Sends every request of the mix once, one at a time: each must answer 200 (and the app warms up). */
async function warmUp(base: string, mix: MixRequest[]): Promise<void> {
  for (const { path } of mix) {
    const response = await fetch(`${base}${path}`, { redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200)
      throw new Error(`bench --load: ${path} answered ${response.status}, not 200; the request mix needs fixing`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One run of `seconds` at `rate` requests/s (see the top of the file for how the rate is held). */
async function runStep(
  base: string,
  mix: MixRequest[],
  rate: number,
  seconds: number,
  label: string,
  signal: AbortSignal,
): Promise<Step> {
  const lanes = Math.min(LANES, rate);
  const windowMs = seconds * 1000;
  const latencies: number[] = [];
  let sent = 0;
  const byKind = new Map<Kind, { latencies: number[]; non2xx: number }>(
    KINDS.map((kind) => [kind, { latencies: [], non2xx: 0 }]),
  );
  const instances: AutocannonInstance[] = [];
  const timers: NodeJS.Timeout[] = [];
  const unfinished: Array<() => void> = [];
  let connection = 0;
  // Ctrl-C: stop the lanes that run, drop those not started yet.
  const stopAll = () => {
    for (const timer of timers) clearTimeout(timer);
    for (const instance of instances) instance.stop();
    for (const finish of unfinished) finish();
  };
  signal.addEventListener("abort", stopAll, { once: true });

  const results = await Promise.all(
    Array.from(
      { length: lanes },
      (_, lane) =>
        new Promise<AutocannonResult | null>((resolve, reject) => {
          unfinished.push(() => resolve(null));
          const laneRate = Math.floor(rate / lanes) + (lane < rate % lanes ? 1 : 0);
          const start = () => {
            const laneStart = performance.now();
            const instance = autocannon(
              {
                url: base,
                connections: laneRate,
                overallRate: laneRate,
                duration: seconds + GRACE_SECONDS,
                timeout: TIMEOUT_SECONDS,
                // The latencies are collected below, from each answer; autocannon's own
                // correction assumes a gap of 1 ms between requests at any rate.
                ignoreCoordinatedOmission: true,
                headers: { "accept-encoding": "gzip, deflate, br", "user-agent": "statements-bench-load" },
                requests: mix,
                // Each connection starts at its own place in the mix and then walks it, one
                // request a second. The starting places are spread evenly over the mix, so
                // that every second asks for requests from all over it, and a burst is a
                // mix of kinds, not one page asked for N times.
                setupClient: (client) => {
                  const offset = Math.floor((connection++ * mix.length) / rate) % mix.length;
                  client.setRequests(
                    [...mix.slice(offset), ...mix.slice(0, offset)].map((request) => ({ ...request })),
                  );
                  client.on("request", () => {
                    if (performance.now() - laneStart < windowMs) sent++;
                  });
                },
              },
              (error, result) => (error ? reject(error) : resolve(result)),
            );
            instance.on("response", (client, status, _bytes, ms) => {
              if (performance.now() - ms - laneStart >= windowMs) return; // sent in the grace time
              const kind = byKind.get(client.requestIterator.currentRequest.kind)!;
              latencies.push(ms);
              kind.latencies.push(ms);
              if (status < 200 || status > 299) kind.non2xx++;
            });
            instances.push(instance);
          };
          if (signal.aborted) resolve(null);
          else if (lane === 0) start();
          else timers.push(setTimeout(start, (lane * 1000) / lanes));
        }),
    ),
  );
  signal.removeEventListener("abort", stopAll);

  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  for (const result of results) {
    if (!result) continue;
    errors += result.errors;
    timeouts += result.timeouts;
    non2xx += result.non2xx;
    for (const [code, { count }] of Object.entries(result.statusCodeStats))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  const answered = latencies.length;
  for (let i = answered; i < sent; i++) latencies.push(Number.POSITIVE_INFINITY);
  const p99 = percentile(latencies, 99);
  const why: string[] = [];
  if (errors > 0) why.push(`${errors} errors`);
  if (non2xx > 0) why.push(`${non2xx} non-2xx`);
  if (sent < SUSTAINED.minAchieved * rate * seconds)
    why.push(`sent ${((100 * sent) / (rate * seconds)).toFixed(0)} % of the rate`);
  if (!(p99 <= SUSTAINED.p99Ms))
    why.push(`p99 ${Number.isFinite(p99) ? `${(p99 / 1000).toFixed(1)} s` : "unanswered"}`);
  return {
    label,
    rate,
    seconds,
    sent,
    answered,
    latencies,
    byKind,
    errors,
    timeouts,
    non2xx,
    statusCodes,
    sustained: why.length === 0,
    why,
  };
}

const ms = (n: number) =>
  Number.isFinite(n) ? n.toFixed(0) : n === Number.POSITIVE_INFINITY ? `> ${GRACE_SECONDS * 1000}` : "—";

function stepRow(step: Step): string[] {
  const l = step.latencies;
  return [
    step.label,
    String(step.rate),
    String(step.seconds),
    step.sent.toLocaleString("en"),
    (step.sent / step.seconds).toFixed(1),
    (step.sent - step.answered).toLocaleString("en"),
    ms(percentile(l, 50)),
    ms(percentile(l, 95)),
    ms(percentile(l, 99)),
    ms(Math.max(...l)),
    String(step.errors),
    String(step.non2xx),
    String(step.timeouts),
    step.sustained ? "yes" : `no: ${step.why.join(", ")}`,
  ];
}

function progress(step: Step): void {
  const codes = Object.entries(step.statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(" ");
  process.stderr.write(
    `bench --load: ${step.label}, ${step.rate}/s for ${step.seconds} s: ${step.sent} sent, ${step.answered} answered in time (all answers: ${codes || "none"}), p99 ${ms(percentile(step.latencies, 99))} ms, ` +
      `${step.sustained ? "sustained" : `not sustained (${step.why.join(", ")})`}\n`,
  );
}

export async function benchLoad(options: LoadOptions): Promise<void> {
  const { base, signal, durationSeconds } = options;
  const mix = await buildMix(options);
  await warmUp(base, mix);
  const loadBefore = os.loadavg();
  const steps: Step[] = [];
  const run = async (rate: number, seconds: number, label: string) => {
    if (steps.length > 0) await sleep(steps.at(-1)!.sustained ? PROBE.pauseMs : PROBE.pauseAfterFailureMs);
    const step = await runStep(base, mix, rate, seconds, label, signal);
    if (signal.aborted) throw new Error("bench --load: interrupted");
    steps.push(step);
    progress(step);
    return step;
  };

  let finals: Step[] = [];
  let best: number | null = null;
  if (options.rate !== null) {
    finals = [await run(options.rate, durationSeconds, `fixed rate (${durationSeconds} s)`)];
  } else {
    // Rising rates until one is not sustained, then bisection between the last good and the first bad.
    const probeSeconds = Math.min(PROBE.seconds, durationSeconds);
    let low = 0;
    let high = Number.POSITIVE_INFINITY;
    let rate: number = PROBE.startRate;
    let probe = 0;
    while (high === Number.POSITIVE_INFINITY && rate <= PROBE.maxRate) {
      if ((await run(rate, probeSeconds, `probe ${++probe}`)).sustained) low = rate;
      else high = rate;
      rate = Math.max(rate + 1, Math.round(rate * PROBE.growth));
    }
    while (high - low > Math.max(1, Math.floor(low * 0.1)) && high !== Number.POSITIVE_INFINITY) {
      const mid = Math.floor((low + high) / 2);
      if ((await run(mid, probeSeconds, `probe ${++probe}`)).sustained) low = mid;
      else high = mid;
    }
    // The full-length run at the best probe rate; lower, up to FINAL_RETRIES times, when it does not hold.
    for (let attempt = 0, rate = low; rate > 0 && attempt <= FINAL_RETRIES; attempt++) {
      const step = await run(rate, durationSeconds, `full run (${durationSeconds} s)`);
      finals.push(step);
      if (step.sustained) {
        best = rate;
        break;
      }
      rate = Math.min(rate - 1, Math.floor(rate * 0.85));
    }
  }
  const final = finals.at(-1);
  const loadAfter = os.loadavg();

  const cpus = os.cpus();
  console.log(
    `\nLoad test at ${options.dataset}: ${mix.length} GET requests in a fixed mix (${KINDS.map((kind) => `${mix.filter((r) => r.kind === kind).length} ${kind}`).join(", ")}), ` +
      `sent by autocannon in up to ${LANES} lanes started 1/${LANES} s apart, one connection per request/s (each connection sends one request a second).`,
  );
  console.log(
    `Each step counts the requests sent in its first "s" seconds ("requests"; "achieved" = requests / s) and their answers; ` +
      `its lanes go on at the same rate ${GRACE_SECONDS} s longer so that the last ones are answered under load ("unanswered": no answer by then). ` +
      `Errors, non-2xx and timeouts are autocannon's, over the whole step. ` +
      `Sustained = no errors, no non-2xx, at least ${SUSTAINED.minAchieved * 100} % of the rate sent, p99 ≤ ${SUSTAINED.p99Ms} ms. ` +
      `Latency = request written to answer read, in ms. Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), ` +
      `load average ${loadBefore[0]!.toFixed(2)} before the first step, ${loadAfter[0]!.toFixed(2)} (1 min) after the last.\n`,
  );
  console.log(
    formatTable(
      [
        "step",
        "rate/s",
        "s",
        "requests",
        "achieved/s",
        "unanswered",
        "p50",
        "p95",
        "p99",
        "max",
        "errors",
        "non-2xx",
        "timeouts",
        "sustained",
      ],
      steps.map(stepRow),
    ),
  );
  if (final) {
    console.log(`\nBy route kind, ${final.label} at ${final.rate}/s:\n`);
    console.log(
      formatTable(
        ["route kind", "in the mix", "answered", "p50", "p95", "p99", "max", "non-2xx"],
        KINDS.map((kind) => {
          const { latencies, non2xx } = final.byKind.get(kind)!;
          return [
            kind,
            `${mix.filter((r) => r.kind === kind).length} of ${mix.length}`,
            latencies.length.toLocaleString("en"),
            ms(percentile(latencies, 50)),
            ms(percentile(latencies, 95)),
            ms(percentile(latencies, 99)),
            ms(Math.max(...latencies)),
            String(non2xx),
          ];
        }),
      ),
    );
  }
  const rss = peakRssMiB(options.appPid);
  if (rss !== null) console.log(`\nPeak memory of the app: ${rss} MiB.`);
  if (options.rate !== null) {
    console.log(
      `\nrate ${options.rate} requests/s for ${durationSeconds} s: ${final?.sustained ? "sustained" : `not sustained (${final?.why.join(", ")})`}`,
    );
  } else if (best !== null) {
    console.log(`\nhighest sustained rate on this machine: ${best} requests/s (for ${durationSeconds} s)`);
  } else {
    const tried = finals.map((s) => s.rate).join(", ");
    console.log(
      `\nhighest sustained rate on this machine: none established (${tried ? `the ${durationSeconds}-second runs at ${tried} requests/s were not sustained` : "not even the lowest probe was sustained"})`,
    );
  }
}
