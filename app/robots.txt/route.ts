import { siteUrl } from "@/lib/site-url";

export const dynamic = "force-dynamic";

// Crawlers are pointed at the sitemap index and kept off what is not content:
// the curators' workspace and sign-in, the JSON API, the language switch, and
// search results (noindex already; their filter combinations are an endless
// crawl space that costs Meilisearch and server rendering for nothing: every
// statement, speaker and topic is in the sitemaps).
const DISALLOWED = ["/curate", "/login", "/setup", "/api/", "/preferences", "/search"];

/** GET /robots.txt (a route rather than app/robots.ts, to set its Cache-Control). */
export async function GET() {
  const origin = await siteUrl();
  const body = [
    "User-agent: *",
    "Allow: /",
    ...DISALLOWED.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
