import { NextResponse, type NextRequest } from "next/server";
import { CURRENT_PATH_HEADER } from "@/lib/i18n/config";
import { databasePageProxyResponse } from "@/lib/page-status/database";
import { searchPageProxyResponse } from "@/lib/page-status/search";
import { isEmbedPath } from "@/lib/embed/paths";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

// Runs before routing. An address with a malformed %-escape (/topics/%E0%A4%A)
// would otherwise fail inside Next's parameter decoding as a 500: answer 400.
// (Authorization is never decided here: it is checked in every handler.)
export async function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: the address holds a malformed %-escape.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  // The API needs nothing more from here: no CSP (JSON runs no script), no Postgres ping (each
  // handler answers its own 503), no copied headers. The lean path keeps an API request cheap.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  // The layout's language switch links back to the page the reader is on.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(CURRENT_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const csp = contentSecurityPolicy(newNonce(), {
    development: process.env.NODE_ENV === "development",
    https: (process.env.PUBLIC_URL ?? request.nextUrl.origin).startsWith("https:"),
    // The statement card is made to be framed by other sites (oEmbed); every other page refuses it.
    framable: isEmbedPath(request.nextUrl.pathname),
  });
  requestHeaders.set("Content-Security-Policy", csp);
  // The search page answers 400 for bad parameters and 503 when search is down, the
  // other pages 503 while Postgres is away (why here: see those files).
  const response =
    (await searchPageProxyResponse(request, requestHeaders)) ??
    (await databasePageProxyResponse(request)) ??
    NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
