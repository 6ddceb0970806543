// The paging rows of `npm run bench`: GET /api/v1/statements?limit=100 through
// the app, following nextCursor from the first page to the last, timed page by
// page. Keyset paging should make a page deep in the collection (after 100,000
// rows) cost what the first one does; OFFSET paging would grow with the depth.
// Needs the app started without a rate limit (API_RATE_LIMIT_PER_MINUTE=0) or
// with a high one: the walk makes one request per 100 statements.
import { percentile } from "./stats";

export const PAGE_SIZE = 100;
export const DEEP_ROWS = 100_000;

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");

type Page = { data: unknown[]; nextCursor: string | null };

async function timedPage(url: string): Promise<{ page: Page; ms: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status === 429) {
    throw new Error(
      "bench: the API's rate limit answered 429: start the app with API_RATE_LIMIT_PER_MINUTE=0 (no limit) or a high limit for the benchmark",
    );
  }
  if (response.status !== 200) throw new Error(`bench: ${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return { page: JSON.parse(text) as Page, ms: elapsed };
}

/**
 * Rows [measure, p50, p95, ratio, note]: the first `samples` pages, `samples`
 * pages after 100,000 rows (or as deep as the collection goes), the first page
 * asked again and again, and the whole walk.
 */
export async function benchApiPaging(base: string, samples: number): Promise<string[][]> {
  const first = `${base}/api/v1/statements?limit=${PAGE_SIZE}`;
  for (let i = 0; i < 3; i++) await timedPage(first);

  // The same first page, repeatedly (what a client polling for news asks).
  const repeated: number[] = [];
  for (let i = 0; i < samples; i++) repeated.push((await timedPage(first)).ms);

  // The whole collection, page after page.
  const times: number[] = [];
  const rowsBefore: number[] = [];
  let rows = 0;
  let cursor: string | null = null;
  const started = performance.now();
  do {
    const { page, ms: elapsed }: { page: Page; ms: number } = await timedPage(
      cursor ? `${first}&cursor=${cursor}` : first,
    );
    times.push(elapsed);
    rowsBefore.push(rows);
    rows += page.data.length;
    cursor = page.nextCursor;
    if (times.length > 100_000) throw new Error("bench: the statements list did not end after 100,000 pages");
  } while (cursor);
  const seconds = (performance.now() - started) / 1000;

  const start = times.slice(0, samples);
  // The pages after DEEP_ROWS rows; in a smaller collection, its last `samples` pages.
  let deepIndex = rowsBefore.findIndex((before) => before >= DEEP_ROWS);
  if (deepIndex < 0 || deepIndex + samples > times.length) deepIndex = Math.max(0, times.length - samples);
  const deep = times.slice(deepIndex, deepIndex + samples);
  const depth = rowsBefore[deepIndex] ?? 0;
  const ratio = (a: number[], b: number[]) => `× ${(percentile(a, 50) / percentile(b, 50)).toFixed(2)}`;

  return [
    [
      `API list, first page (limit=${PAGE_SIZE}), asked ${samples}×`,
      `p50 ${ms(percentile(repeated, 50))} ms`,
      `p95 ${ms(percentile(repeated, 95))} ms`,
      "",
      "",
    ],
    [
      `API list, cursor paging: pages 1–${start.length}`,
      `p50 ${ms(percentile(start, 50))} ms`,
      `p95 ${ms(percentile(start, 95))} ms`,
      "",
      "per page",
    ],
    [
      `API list, cursor paging: ${deep.length} pages after ${depth.toLocaleString("en")} rows`,
      `p50 ${ms(percentile(deep, 50))} ms`,
      `p95 ${ms(percentile(deep, 95))} ms`,
      ratio(deep, start),
      "vs pages from the start",
    ],
    [
      `API list, whole collection by cursor (${times.length.toLocaleString("en")} pages)`,
      `p50 ${ms(percentile(times, 50))} ms`,
      `p95 ${ms(percentile(times, 95))} ms`,
      "",
      `${rows.toLocaleString("en")} statements in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString("en")}/s)`,
    ],
  ];
}
