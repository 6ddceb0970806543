import { siteUrl } from "@/lib/site-url";
import { plainText, sitemapFailure, xmlResponse } from "@/lib/sitemaps/responses";
import { sitemapStream } from "@/lib/sitemaps/sitemaps";
import { parseSitemapFile } from "@/lib/sitemaps/xml";

export const dynamic = "force-dynamic";

/** GET /sitemaps/statements-N.xml (speakers-N, topics-N) — one sitemap file, streamed (lib/sitemaps/sitemaps.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const wanted = parseSitemapFile((await params).file);
  if (!wanted) return plainText(404, "No sitemap at this address; /sitemap.xml lists them.");
  try {
    const stream = await sitemapStream(wanted.kind, wanted.page, await siteUrl());
    return stream
      ? xmlResponse(stream)
      : plainText(404, "This sitemap holds no address; /sitemap.xml lists the ones that do.");
  } catch (error) {
    return sitemapFailure(error);
  }
}
