import { describe, expect, it } from "vitest";
import { absoluteUrl, atomDate, buildAtomFeed, escapeXml, excerpt, type AtomFeed } from "./atom";

const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Hostile \u202Egnirts desrever\u202C words & <b>bold</b> ]]> 'x'`;

function feed(overrides: Partial<AtomFeed> = {}): AtomFeed {
  return {
    id: "https://example.org/speakers/angela-merkel",
    title: "Statements by Angela Merkel",
    self: "https://example.org/speakers/angela-merkel/feed.xml",
    alternate: "https://example.org/speakers/angela-merkel",
    lang: "en",
    authors: [{ name: "Angela Merkel", uri: "https://example.org/speakers/angela-merkel" }],
    entries: [
      {
        id: "https://example.org/statements/2",
        title: "Angela Merkel, November 2016",
        updated: "2016-11-20T10:00:00.000Z",
        lang: "ar",
        link: "https://example.org/statements/2",
        content: "أدانت المستشارة الألمانية",
        categories: [{ term: "aleppo", label: "Aleppo" }],
      },
      {
        id: "https://example.org/statements/1",
        title: "Angela Merkel, November 2016",
        updated: new Date("2016-11-21T08:30:00Z"),
        published: new Date("2016-11-19T08:30:00Z"),
        lang: "de",
        link: "https://example.org/statements/1",
        content: "Krankenhäuser",
      },
    ],
    ...overrides,
  };
}

/** Every element name that opens in the document, in order. */
function tags(xml: string): string[] {
  return [...xml.matchAll(/<([A-Za-z][\w:.-]*)/g)].map((m) => m[1]!);
}

describe("escapeXml", () => {
  it("escapes markup characters and quotes", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });

  it("does not double-escape what looks like an entity: the text is the text", () => {
    expect(escapeXml("&amp; &#x3C;")).toBe("&amp;amp; &amp;#x3C;");
  });

  it("drops characters XML 1.0 forbids and keeps tabs, newlines, bidi controls and astral characters", () => {
    expect(escapeXml("a\u0000b\u0007c\u000Bd\uFFFEe\uFFFF")).toBe("abcde");
    expect(escapeXml("lone \uD800 high, lone \uDC00 low")).toBe("lone  high, lone  low");
    expect(escapeXml("tab\there\nline\r\u202Ertl\u202C 😀 𝒜")).toBe("tab\there\nline\r\u202Ertl\u202C 😀 𝒜");
  });
});

describe("atomDate", () => {
  it("writes RFC 3339 UTC without milliseconds", () => {
    expect(atomDate("2016-11-20T10:00:00.123Z")).toBe("2016-11-20T10:00:00Z");
    expect(atomDate(new Date(Date.UTC(2020, 0, 2, 3, 4, 5)))).toBe("2020-01-02T03:04:05Z");
    expect(atomDate("2016-11-20T12:00:00+02:00")).toBe("2016-11-20T10:00:00Z");
  });

  it("refuses an invalid date instead of writing NaN", () => {
    expect(() => atomDate("yesterday")).toThrow(RangeError);
  });
});

describe("buildAtomFeed", () => {
  it("writes the required feed and entry elements in the Atom namespace", () => {
    const xml = buildAtomFeed(feed());
    expect(
      xml.startsWith(
        `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`,
      ),
    ).toBe(true);
    expect(xml.trimEnd().endsWith("</feed>")).toBe(true);
    expect(xml).toContain("<id>https://example.org/speakers/angela-merkel</id>");
    expect(xml).toContain(`<title type="text">Statements by Angela Merkel</title>`);
    expect(xml).toContain(
      `<link rel="self" type="application/atom+xml" href="https://example.org/speakers/angela-merkel/feed.xml"/>`,
    );
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="https://example.org/speakers/angela-merkel"/>`);
    expect(xml).toContain(
      "<author><name>Angela Merkel</name><uri>https://example.org/speakers/angela-merkel</uri></author>",
    );
    expect(xml).toContain(`<entry xml:lang="ar">`);
    expect(xml).toContain(`<content type="text">أدانت المستشارة الألمانية</content>`);
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="https://example.org/statements/1"/>`);
    expect(xml).toContain(`<category term="aleppo" label="Aleppo"/>`);
    expect(xml).toContain("<published>2016-11-19T08:30:00Z</published>");
    expect(tags(xml).filter((t) => t === "entry")).toHaveLength(2);
  });

  it("dates the feed by its latest entry unless told otherwise", () => {
    expect(buildAtomFeed(feed())).toContain('<updated>2016-11-21T08:30:00Z</updated>\n  <link rel="self"');
    expect(buildAtomFeed(feed({ updated: "2030-01-01T00:00:00Z" }))).toContain(
      '<updated>2030-01-01T00:00:00Z</updated>\n  <link rel="self"',
    );
  });

  it("needs a date when there is no entry, and then writes a valid empty feed", () => {
    expect(() => buildAtomFeed(feed({ entries: [] }))).toThrow(/fallbackUpdated/);
    const xml = buildAtomFeed(feed({ entries: [], fallbackUpdated: "2020-01-02T00:00:00Z" }));
    expect(xml).toContain("<updated>2020-01-02T00:00:00Z</updated>");
    expect(xml).not.toContain("<entry");
  });

  it("refuses entries without any author", () => {
    expect(() => buildAtomFeed(feed({ authors: [] }))).toThrow(/author/);
    const withOwn = feed({ authors: [] });
    withOwn.entries = withOwn.entries.map((e) => ({ ...e, authors: [{ name: "Someone" }] }));
    expect(buildAtomFeed(withOwn)).toContain("<author><name>Someone</name></author>");
  });

  it("keeps hostile text inert: no element, attribute or entity comes from the data", () => {
    const hostileName = `E2E <i>Hostile</i> Speaker" onload="x`;
    const xml = buildAtomFeed(
      feed({
        title: `Statements by ${hostileName}`,
        lang: `en"><script>`,
        authors: [{ name: hostileName, uri: `https://example.org/speakers/e2e"><x>` }],
        entries: [
          {
            id: "https://example.org/statements/19",
            title: { value: `${hostileName}: ${HOSTILE}`, lang: "en" },
            updated: "2020-01-02T00:00:00Z",
            lang: `en" xmlns:evil="x`,
            link: `https://example.org/statements/19?a=<script>&b="`,
            content: HOSTILE,
            categories: [{ term: `<b>`, label: `"E2E" & safety` }],
          },
        ],
      }),
    );
    expect(new Set(tags(xml))).toEqual(
      new Set(["feed", "id", "title", "updated", "link", "author", "name", "uri", "entry", "content", "category"]),
    );
    expect(xml).not.toMatch(/<script|<img|<b>|<i>|<x>|CDATA|onerror="|onload="/);
    expect(xml).toContain(
      "&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;",
    );
    expect(xml).toContain("]]&gt;");
    expect(xml).toContain("\u202Egnirts desrever\u202C");
    // Every attribute value is a closed, quoted string: no quote from the data ends it early.
    for (const open of xml.match(/<[a-z][^>]*>/g) ?? []) expect(open).toMatch(/^<[a-z:]+(?: [a-z:]+="[^"<]*")*\/?>$/);
  });
});

describe("excerpt", () => {
  it("keeps short text and collapses whitespace", () => {
    expect(excerpt("  a \n b  ")).toBe("a b");
  });

  it("cuts long text at a word boundary with an ellipsis", () => {
    expect(excerpt("one two three four five six", 12)).toBe("one two…");
    expect(excerpt("مستشفى في حلب، وقالت المنظمة إن", 15)).toBe("مستشفى في حلب…");
  });

  it("never splits a surrogate pair", () => {
    expect(excerpt("😀".repeat(10), 4)).toBe("😀😀😀😀…");
  });
});

describe("absoluteUrl", () => {
  it("joins an origin and an encoded path", () => {
    expect(absoluteUrl("https://example.org", "/speakers/%D8%A8/feed.xml")).toBe(
      "https://example.org/speakers/%D8%A8/feed.xml",
    );
    expect(absoluteUrl("http://127.0.0.1:3000/", "/statements/1")).toBe("http://127.0.0.1:3000/statements/1");
  });
});
