import { siteUrl } from "@/lib/site-url";
import { sitemapFailure, xmlResponse } from "@/lib/sitemaps/responses";
import { sitemapFiles } from "@/lib/sitemaps/sitemaps";
import { sitemapIndex } from "@/lib/sitemaps/xml";

export const dynamic = "force-dynamic";

/** GET /sitemap.xml — the sitemap index: every /sitemaps/{statements,speakers,topics}-N.xml that holds a URL. */
export async function GET() {
  try {
    const [origin, files] = await Promise.all([siteUrl(), sitemapFiles()]);
    return xmlResponse(sitemapIndex(files.map((file) => ({ loc: `${origin}${file.path}`, lastmod: file.lastmod }))));
  } catch (error) {
    return sitemapFailure(error);
  }
}
