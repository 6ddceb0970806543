import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { URLSET_CLOSE, URLSET_OPEN, idRange, parseSitemapFile, sitemapDate, sitemapIndex, urlEntry } from "./xml";

describe("sitemap XML", () => {
  it("escapes what XML needs escaped in an address, and writes W3C UTC dates", () => {
    const xml = `${URLSET_OPEN}${urlEntry("https://a.test/speakers/o'neil-%26?x=1&y=<2>", new Date("2026-12-06T21:30:45.123Z"))}${URLSET_CLOSE}`;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(
      "<loc>https://a.test/speakers/o&apos;neil-%26?x=1&amp;y=&lt;2&gt;</loc><lastmod>2026-12-06T21:30:45Z</lastmod>",
    );
    const parsed = new XMLParser({ processEntities: true }).parse(xml) as { urlset: { url: { loc: string } } };
    expect(parsed.urlset.url.loc).toBe("https://a.test/speakers/o'neil-%26?x=1&y=<2>");
  });

  it("writes an index with and without lastmod", () => {
    const xml = sitemapIndex([
      { loc: "https://a.test/sitemaps/statements-1.xml", lastmod: "2026-01-02T03:04:05Z" },
      { loc: "https://a.test/sitemaps/topics-1.xml", lastmod: null },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<sitemap><loc>https://a.test/sitemaps/topics-1.xml</loc></sitemap>");
    expect(sitemapDate("2026-01-02T03:04:05.999Z")).toBe("2026-01-02T03:04:05Z");
  });

  it("reads file names strictly and cuts fixed id ranges of 50,000", () => {
    expect(parseSitemapFile("statements-3.xml")).toEqual({ kind: "statements", page: 3 });
    expect(parseSitemapFile("speakers-1.xml")).toEqual({ kind: "speakers", page: 1 });
    for (const bad of [
      "statements-0.xml",
      "statements-01.xml",
      "statements-1.xml.gz",
      "users-1.xml",
      "statements-1234567.xml",
      "statements-.xml",
    ]) {
      expect(parseSitemapFile(bad), bad).toBeNull();
    }
    expect(idRange(1)).toEqual({ after: 0, upTo: 50_000 });
    expect(idRange(3)).toEqual({ after: 100_000, upTo: 150_000 });
  });
});
