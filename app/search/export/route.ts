import { CORS_HEADERS, preflight, publicGet } from "@/lib/api/http-cache";
import { apiError } from "@/lib/api/responses";
import { clientAddress } from "@/lib/auth/client-address";
import { appEnv } from "@/lib/env";
import { EXPORT_EXPOSED_HEADERS, exportSearchResult } from "@/lib/export/search-export";

export const dynamic = "force-dynamic";

// One export at a time per client address (in this app process): an export
// reads up to 100,000 statements but counts as one request against the rate
// limit, so parallel exports from one address are refused instead.
const holder = globalThis as unknown as { __statementsExportsRunning?: Set<string> };
const running = (holder.__statementsExportsRunning ??= new Set<string>());
// The export each request started: when the rate limit answers 429 in its place, it is cancelled (and so released).
const started = new WeakMap<Request, Response>();

const limited = publicGet<unknown>(async (request) => {
  const url = new URL(request.url);
  const address = clientAddress(request.headers);
  if (running.has(address)) {
    const refused = apiError(
      429,
      "export_in_progress",
      "An export for this address is still running: one export at a time per address. Try again when it has finished.",
    );
    refused.headers.set("Retry-After", "10");
    return refused;
  }
  running.add(address);
  const response = await exportSearchResult({
    params: url.searchParams,
    origin: appEnv().PUBLIC_URL ?? url.origin,
    onDone: () => running.delete(address),
  });
  started.set(request, response);
  return response;
});

/**
 * GET /search/export?format=csv|jsonl plus the parameters of /api/v1/search
 * (q, speaker, topic, lang, kind, year, from, to, sort; page and limit are
 * ignored): the whole result as a CSV or JSON Lines (import format) download,
 * linked from the search page's results. Beside the page rather than under
 * /api/v1, whose answers are JSON with ETags; like those reads it is open to
 * any origin and counted against the per-address rate limit.
 */
export async function GET(request: Request): Promise<Response> {
  const response = await limited(request, undefined);
  const own = started.get(request);
  if (own && own !== response) await own.body?.cancel().catch(() => undefined);
  // The API's exposed headers, and the export's own (its size, and whether it was cut).
  response.headers.set(
    "Access-Control-Expose-Headers",
    [CORS_HEADERS["Access-Control-Expose-Headers"], ...EXPORT_EXPOSED_HEADERS].join(", "),
  );
  return response;
}

export const OPTIONS = preflight;
