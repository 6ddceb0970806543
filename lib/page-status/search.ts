import { NextResponse, type NextRequest } from "next/server";
import { searchIsAvailable } from "@/lib/search/query";
import { parseSearchParams } from "@/lib/validation/search-params";

// Why the search page's status is decided in proxy.ts (with this function), and not in the page:
//
// An App Router page cannot set its HTTP status. The response head is sent with
// the first streamed bytes, and the only statuses a page can cause are 404/403/401
// (notFound(), forbidden(), unauthorized()), a redirect, or 500 for an error thrown
// before the shell. A bad parameter must be a 400 and search being down a 503 (so
// that crawlers, caches and monitors are not told "200 OK" for an error page).
// Next does carry the status of a proxy (middleware) response over to the page it
// then renders (router-utils/resolve-routes.js copies it onto the response before
// routing on), so the proxy decides the status before rendering and lets the
// request through to the same page with it — NextResponse.next({ status }), not a
// rewrite to the same address: a rewrite's absolute URL says "localhost" where the
// server was started as 127.0.0.1, and Next then takes it for an external proxy.
//   - 400: the parameters are checked with the very parser the page uses
//     (parseSearchParams), so the status and the page's messages always agree;
//   - 503: one cheap request for the index's metadata (searchIsAvailable). When it
//     fails the page is told so by a request header (set only here; a client's own
//     copy is always removed), renders the "search is unavailable" state without
//     waiting for a second failure, and the response carries 503 and Retry-After.
// Client-side navigations (search as you type fetches React Server Component
// payloads) are left alone: a non-2xx answer makes Next's router give up and load
// the whole page, and no reader sees their status. The proxy is not shown Next's
// own RSC headers (it strips them), so they are told apart the way browsers mark
// them: a script's fetch has `Sec-Fetch-Mode: cors`/`same-origin`, a page load
// `navigate`; clients that send no Sec-Fetch-Mode (crawlers, curl, monitors) get
// the status. The page handles bad parameters and an unavailable index itself in
// every case.

/** Set by the proxy only: "unavailable" when the index did not answer. */
export const SEARCH_STATE_HEADER = "x-search-state";

const RETRY_AFTER_SECONDS = 30;

/**
 * For /search document requests, the response that carries the 400 or 503 status;
 * null to let the request through unchanged. Removes any client-sent
 * SEARCH_STATE_HEADER from `requestHeaders` (the headers forwarded to the page).
 */
export async function searchPageProxyResponse(
  request: NextRequest,
  requestHeaders: Headers,
): Promise<NextResponse | null> {
  if (request.nextUrl.pathname !== "/search") return null;
  requestHeaders.delete(SEARCH_STATE_HEADER);
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const fetchMode = request.headers.get("sec-fetch-mode");
  if (fetchMode !== null && fetchMode !== "navigate") return null;

  if (!parseSearchParams(request.nextUrl.searchParams).ok) {
    return NextResponse.next({ status: 400, request: { headers: requestHeaders } });
  }
  let available = true;
  try {
    available = await searchIsAvailable();
  } catch {
    // Not an outage we recognise (a bad key, say): let the page search and report it.
    return null;
  }
  if (available) return null;
  requestHeaders.set(SEARCH_STATE_HEADER, "unavailable");
  return NextResponse.next({
    status: 503,
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    request: { headers: requestHeaders },
  });
}
