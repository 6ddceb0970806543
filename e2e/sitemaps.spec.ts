import { expect, test } from "@playwright/test";
import { XMLParser, XMLValidator } from "fast-xml-parser";

// robots.txt and the sitemaps through the real server (our node:http server,
// the proxy, Next's routing of /robots.txt, /sitemap.xml and /sitemaps/*), on
// the demo data plus the hostile fixture: the addresses are absolute, on the
// host the request came to, and every statement listed is a page that exists.

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === "url" || name === "sitemap" });

test("robots.txt names the sitemap index, which lists files whose statements are real pages", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain(`Sitemap: ${origin}/sitemap.xml`);

  const index = await request.get("/sitemap.xml");
  expect(index.status()).toBe(200);
  expect(index.headers()["content-type"]).toBe("application/xml; charset=utf-8");
  expect(index.headers()["cache-control"]).toContain("s-maxage=");
  const indexXml = await index.text();
  expect(XMLValidator.validate(indexXml)).toBe(true);
  const files = (parser.parse(indexXml).sitemapindex.sitemap as Array<{ loc: string }>).map((s) => s.loc);
  expect(files).toEqual([
    `${origin}/sitemaps/statements-1.xml`,
    `${origin}/sitemaps/speakers-1.xml`,
    `${origin}/sitemaps/topics-1.xml`,
  ]);

  for (const file of files) {
    const response = await request.get(new URL(file).pathname);
    expect(response.status(), file).toBe(200);
    const xml = await response.text();
    expect(XMLValidator.validate(xml), file).toBe(true);
    const urls = parser.parse(xml).urlset.url as Array<{ loc: string; lastmod: string }>;
    expect(urls.length, file).toBeGreaterThan(0);
    // A few of each kind open as pages.
    for (const url of [urls[0]!, urls[urls.length - 1]!]) {
      expect(url.loc.startsWith(`${origin}/`)).toBe(true);
      expect((await request.get(new URL(url.loc).pathname)).status(), url.loc).toBe(200);
    }
  }
  expect((await request.get("/sitemaps/statements-2.xml")).status()).toBe(404);
});
