import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/lib/seed/demo";
import { useTestEnvironment } from "../support/integration";

// robots.txt, the sitemap index and the sitemap files through their route
// handlers on a real Postgres, read back with a real XML parser: exactly the
// published statements (no draft, no retracted one), the speakers and topics
// with a published statement, files cut by id range (an empty range is not
// listed), several chunks streamed into one file, absolute addresses from the
// site URL helper, escaping, and crawler-friendly Cache-Control.

// The site's address comes from our server's forwarding headers (lib/site-url.ts).
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ host: "internal:3000", "x-forwarded-host": "tracker.test", "x-forwarded-proto": "https" }),
  cookies: async () => ({ get: () => undefined }),
}));
const ORIGIN = "https://tracker.test";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
const ids: Record<string, number> = {};
const FAR_ID = 100_123; // in the third file: ids 100,001–150,000
const GENERATED = 12_000; // more than two chunks of 5,000 in the first file

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  isArray: (name) => name === "url" || name === "sitemap",
});

function parse(xml: string): Record<string, unknown> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, unknown>;
}

type UrlEntry = { loc: string; lastmod: string };

async function get(path: string): Promise<Response> {
  const request = new Request(`http://internal:3000${path}`);
  if (path === "/robots.txt") return (await import("@/app/robots.txt/route")).GET();
  if (path === "/sitemap.xml") return (await import("@/app/sitemap.xml/route")).GET();
  const file = path.replace(/^\/sitemaps\//, "");
  return (await import("@/app/sitemaps/[file]/route")).GET(request, { params: Promise.resolve({ file }) });
}

async function urls(path: string): Promise<UrlEntry[]> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
  const doc = parse(await response.text());
  const urlset = doc.urlset as { "@_xmlns": string; url?: UrlEntry[] };
  expect(urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  return urlset.url ?? [];
}

const W3C_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

beforeAll(async () => {
  delete process.env.PUBLIC_URL;
  env = await useTestEnvironment("sitemaps");
  await seedDemoData(env.pool);
  const speaker = async (slug: string) =>
    (
      await env.pool.query<{ id: number }>(
        `INSERT INTO speakers (slug, kind, name) VALUES ($1, 'person', $1) RETURNING id`,
        [slug],
      )
    ).rows[0]!.id;
  const statement = async (speakerId: number, status: string, id?: number) =>
    (
      await env.pool.query<{ id: number }>(
        `INSERT INTO statements (${id ? "id, " : ""}text, language, kind, speaker_id, status, retraction_reason)
         VALUES (${id ? "$4, " : ""}'Sitemap test words', 'en', 'direct', $1, $2, $3) RETURNING id`,
        id
          ? [speakerId, status, status === "retracted" ? "wrong" : null, id]
          : [speakerId, status, status === "retracted" ? "wrong" : null],
      )
    ).rows[0]!.id;
  // A speaker whose slug needs escaping both as a URL and as XML, with one published statement.
  ids.oddSpeaker = await speaker("o'neil-&-co");
  ids.published = await statement(ids.oddSpeaker, "published");
  // A speaker with a draft only, and one with a retracted statement only: neither is announced.
  ids.draftSpeaker = await speaker("draft-only-speaker");
  ids.draft = await statement(ids.draftSpeaker, "draft");
  ids.retractedSpeaker = await speaker("retracted-only-speaker");
  ids.retracted = await statement(ids.retractedSpeaker, "retracted");
  // A topic with only the draft: not announced either.
  ids.draftTopic = (
    await env.pool.query<{ id: number }>(
      `INSERT INTO topics (slug, name) VALUES ('draft-topic', 'Draft topic') RETURNING id`,
    )
  ).rows[0]!.id;
  await env.pool.query(`INSERT INTO statement_topics (statement_id, topic_id) VALUES ($1, $2)`, [
    ids.draft,
    ids.draftTopic,
  ]);
  // Many published statements (several chunks), and one far away in the third file.
  await env.pool.query(
    `INSERT INTO statements (text, language, kind, speaker_id, status)
     SELECT 'Generated ' || i, 'en', 'direct', $1, 'published' FROM generate_series(1, $2) AS i`,
    [ids.oddSpeaker, GENERATED],
  );
  ids.far = await statement(ids.oddSpeaker, "published", FAR_ID);
});
afterAll(async () => {
  await env?.close();
});

async function publishedStatementIds(from: number, to: number): Promise<number[]> {
  const { rows } = await env.pool.query<{ id: number }>(
    `SELECT id FROM statements WHERE status = 'published' AND id > $1 AND id <= $2 ORDER BY id`,
    [from, to],
  );
  return rows.map((r) => r.id);
}

describe("robots.txt", () => {
  it("names the sitemap index by its absolute address and keeps crawlers off the workspace", async () => {
    const response = await get("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const body = await response.text();
    expect(body).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(body).toMatch(/^User-agent: \*$/m);
    expect(body).toMatch(/^Disallow: \/curate$/m);
    expect(body).toMatch(/^Disallow: \/api\/$/m);
    expect(body).not.toMatch(/^Disallow: \/$/m);
  });
});

describe("the sitemap index", () => {
  it("lists the files that hold an address, with their newest change, and no empty one", async () => {
    const response = await get("/sitemap.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("s-maxage=");
    const doc = parse(await response.text());
    const index = doc.sitemapindex as { "@_xmlns": string; sitemap: Array<{ loc: string; lastmod: string }> };
    expect(index["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(index.sitemap.map((s) => s.loc)).toEqual([
      `${ORIGIN}/sitemaps/statements-1.xml`,
      `${ORIGIN}/sitemaps/statements-3.xml`,
      `${ORIGIN}/sitemaps/speakers-1.xml`,
      `${ORIGIN}/sitemaps/topics-1.xml`,
    ]);
    for (const entry of index.sitemap) expect(entry.lastmod).toMatch(W3C_UTC);
    const { rows } = await env.pool.query<{ lastmod: Date }>(
      `SELECT max(updated_at) AS lastmod FROM statements WHERE status = 'published' AND id <= 50000`,
    );
    expect(index.sitemap[0]!.lastmod).toBe(rows[0]!.lastmod.toISOString().replace(/\.\d{3}Z$/, "Z"));
  });
});

describe("the sitemap files", () => {
  it("statements-1 lists exactly the published statements of its id range, over several chunks", async () => {
    const entries = await urls("/sitemaps/statements-1.xml");
    const listed = entries.map((e) => Number(/^https:\/\/tracker\.test\/statements\/(\d+)$/.exec(e.loc)?.[1]));
    const expected = await publishedStatementIds(0, 50_000);
    expect(expected.length).toBeGreaterThan(GENERATED);
    expect(listed).toEqual(expected);
    expect(listed).toContain(ids.published);
    expect(listed).not.toContain(ids.draft);
    expect(listed).not.toContain(ids.retracted);
    for (const entry of entries.slice(0, 50)) expect(entry.lastmod).toMatch(W3C_UTC);
  });

  it("statements-3 holds the one far id; the empty statements-2 and a file past the end are 404", async () => {
    expect((await urls("/sitemaps/statements-3.xml")).map((e) => e.loc)).toEqual([`${ORIGIN}/statements/${FAR_ID}`]);
    expect((await get("/sitemaps/statements-2.xml")).status).toBe(404);
    expect((await get("/sitemaps/statements-40.xml")).status).toBe(404);
  });

  it("speakers-1 lists the speakers with a published statement, escaped, and not those with drafts or retractions only", async () => {
    const response = await get("/sitemaps/speakers-1.xml");
    const xml = await response.clone().text();
    // ' stays as written by encodeURIComponent, so XML must escape it; & is percent-encoded.
    expect(xml).toContain(`<loc>${ORIGIN}/speakers/o&apos;neil-%26-co</loc>`);
    const locs = (await urls("/sitemaps/speakers-1.xml")).map((e) => e.loc);
    const { rows } = await env.pool.query<{ slug: string }>(
      `SELECT slug FROM speakers sp WHERE EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = sp.id AND s.status = 'published') ORDER BY id`,
    );
    expect(locs).toEqual(rows.map((r) => `${ORIGIN}/speakers/${encodeURIComponent(r.slug)}`));
    expect(locs).toContain(`${ORIGIN}/speakers/o'neil-%26-co`);
    expect(locs.some((l) => l.includes("draft-only-speaker") || l.includes("retracted-only-speaker"))).toBe(false);
  });

  it("topics-1 lists the topics with a published statement", async () => {
    const locs = (await urls("/sitemaps/topics-1.xml")).map((e) => e.loc);
    const { rows } = await env.pool.query<{ slug: string }>(
      `SELECT slug FROM topics t WHERE EXISTS (SELECT 1 FROM statement_topics st JOIN statements s ON s.id = st.statement_id
         WHERE st.topic_id = t.id AND s.status = 'published') ORDER BY id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(locs).toEqual(rows.map((r) => `${ORIGIN}/topics/${encodeURIComponent(r.slug)}`));
    expect(locs).not.toContain(`${ORIGIN}/topics/draft-topic`);
  });

  it("answers 404 for names that are not sitemap files", async () => {
    for (const name of [
      "statements-0.xml",
      "statements-1.xml.gz",
      "drafts-1.xml",
      "statements-01.xml",
      "statements-x.xml",
      "statements-9999999.xml",
    ]) {
      const response = await get(`/sitemaps/${name}`);
      expect(response.status, name).toBe(404);
    }
  });
});
