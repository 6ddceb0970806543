import { NextResponse, type NextRequest } from "next/server";
import { databaseIsAvailable } from "@/lib/db/availability";

// Pages read Postgres while they render, and a page cannot set its own status
// (see ./search.ts): a page whose database is away would be
// a 500 error page. So the proxy asks Postgres first, for page loads only, and
// answers a 503 with Retry-After and a plain explanation while it is away —
// what readers, crawlers, caches and monitors should be told. Not checked here:
// /api (route handlers answer their own 503), /search (served by Meilisearch,
// which keeps working while Postgres is away) and Next's own assets. A client-side
// navigation's payload request gets the 503 too: Next's router then loads the
// address as a whole page, and the reader sees this explanation.

const RETRY_AFTER_SECONDS = 15;
const NOT_DATABASE_PAGES = /^\/(api|search|_next)(\/|$)|\.(?:ico|png|svg|txt|webmanifest)$/;

export async function databasePageProxyResponse(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (NOT_DATABASE_PAGES.test(request.nextUrl.pathname)) return null;
  let available = true;
  try {
    available = await databaseIsAvailable();
  } catch {
    return null; // not an outage we recognise (a wrong password, say): the page reports it
  }
  if (available) return null;
  return new NextResponse(request.method === "HEAD" ? null : UNAVAILABLE_PAGE, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

// Static, in the three interface languages; no script, no outside resource.
const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Temporarily unavailable</title></head>
<body>
<main>
<h1>Temporarily unavailable</h1>
<p>The database is unavailable right now; try again in a few seconds. Search keeps working: <a href="/search">search statements</a>.</p>
<p lang="ar" dir="rtl">قاعدة البيانات غير متاحة حاليًا؛ حاول مرة أخرى بعد ثوانٍ. البحث ما زال يعمل: <a href="/search">ابحث في التصريحات</a>.</p>
<p lang="de">Die Datenbank ist gerade nicht erreichbar; bitte in einigen Sekunden erneut versuchen. Die Suche funktioniert weiter: <a href="/search">Aussagen durchsuchen</a>.</p>
</main>
</body>
</html>
`;
