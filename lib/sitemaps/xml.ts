import { escapeXml } from "@/lib/feeds/atom";

// The pieces of sitemap XML (sitemaps.org protocol 0.9), written as strings so
// that a file of 50,000 URLs can be streamed a chunk at a time. Every value
// goes through escapeXml: slugs are percent-encoded already, but an address
// taken from PUBLIC_URL or the Host header may hold & or '.

export const SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8";
const NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** At most this many URLs in one sitemap file (the protocol's limit). */
export const SITEMAP_URLS_PER_FILE = 50_000;

export const SITEMAP_KINDS = ["statements", "speakers", "topics"] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

/** W3C datetime in UTC, seconds precision (what <lastmod> takes). */
export function sitemapDate(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const URLSET_OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NS}">\n`;
export const URLSET_CLOSE = "</urlset>\n";

export function urlEntry(loc: string, lastmod: Date | string): string {
  return `<url><loc>${escapeXml(loc)}</loc><lastmod>${sitemapDate(lastmod)}</lastmod></url>\n`;
}

export function sitemapIndex(entries: Array<{ loc: string; lastmod: Date | string | null }>): string {
  const items = entries.map(
    (e) =>
      `<sitemap><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${sitemapDate(e.lastmod)}</lastmod>` : ""}</sitemap>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NS}">\n${items.join("")}</sitemapindex>\n`;
}

/** The path of a sitemap file: /sitemaps/statements-3.xml. */
export function sitemapPath(kind: SitemapKind, page: number): string {
  return `/sitemaps/${kind}-${page}.xml`;
}

/** "statements-3.xml" → { kind, page }; null for any other name (a 404, not a 400: no such file). */
export function parseSitemapFile(name: string): { kind: SitemapKind; page: number } | null {
  const match = /^(statements|speakers|topics)-([1-9]\d{0,5})\.xml$/.exec(name);
  return match ? { kind: match[1] as SitemapKind, page: Number(match[2]) } : null;
}

/** Page N holds the ids ((N-1)·size, N·size]: fixed id ranges, so an entry never moves to another file. */
export function idRange(page: number, size = SITEMAP_URLS_PER_FILE): { after: number; upTo: number } {
  return { after: (page - 1) * size, upTo: page * size };
}

// Crawlers fetch these a few times a day; an hour's staleness costs nothing,
// and a CDN may keep serving a stale copy for a day while it refreshes.
export const SITEMAP_CACHE_CONTROL = "public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400";
