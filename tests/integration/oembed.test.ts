import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { statementIdOfUrl } from "@/lib/embed/oembed";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { seedDemoData } from "@/lib/seed/demo";
import { readHostileFixture } from "../support/hostile-fixture";
import { useTestEnvironment } from "../support/integration";

// GET /api/oembed (issue 15) through its route handler on a real Postgres: an oEmbed 1.0 "rich"
// answer for a statement's address, checked field by field against the spec's rules; 404 for any
// other address, 501 for another format, 400 for a malformed parameter; hostile text stays inside
// the iframe's attribute.

const ORIGIN = "http://tracker.test";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let statementId: number;
let hostileId: number;
let draftId: number;

// oEmbed 1.0, section 2.3.4: the fields every answer has, and those of the "rich" type.
const richAnswer = z
  .object({
    version: z.literal("1.0"),
    type: z.literal("rich"),
    title: z.string().min(1),
    author_name: z.string().min(1),
    author_url: z.url(),
    provider_name: z.string().min(1),
    provider_url: z.url(),
    cache_age: z.number().int().positive(),
    html: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  })
  .strict();

async function oembed(query: string, headers: Record<string, string> = {}): Promise<Response> {
  const { GET } = await import("@/app/api/oembed/route");
  return GET(new Request(`${ORIGIN}/api/oembed${query}`, { headers }), undefined);
}

const forUrl = (url: string, extra = "") => `?url=${encodeURIComponent(url)}${extra}`;

beforeAll(async () => {
  env = await useTestEnvironment("oembed");
  process.env.API_RATE_LIMIT_PER_MINUTE = "0";
  await seedDemoData(env.pool);
  await importBatch(env.pool, new ImportResolver(), await readHostileFixture());
  const pick = async (where: string) =>
    (
      await env.pool.query<{ id: number }>(
        `SELECT s.id FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE ${where} ORDER BY s.id LIMIT 1`,
      )
    ).rows[0]!.id;
  statementId = await pick(`sp.slug = 'angela-merkel'`);
  hostileId = await pick(`s.external_id = 'e2e-hostile-1'`);
  draftId = (
    await env.pool.query<{ id: number }>(
      `INSERT INTO statements (text, language, kind, speaker_id, status) SELECT 'Not yet.', 'en', 'direct', id, 'draft' FROM speakers LIMIT 1 RETURNING id`,
    )
  ).rows[0]!.id;
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe("GET /api/oembed", () => {
  it("answers a statement's address with a valid rich answer: an iframe of its card", async () => {
    const response = await oembed(forUrl(`${ORIGIN}/statements/${statementId}`, "&format=json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = richAnswer.parse(await response.json());
    const { rows } = await env.pool.query(
      `SELECT s.text, sp.name, sp.slug FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = $1`,
      [statementId],
    );
    const { text, name, slug } = rows[0];
    expect(body).toMatchObject({
      author_name: name,
      author_url: `${ORIGIN}/speakers/${slug}`,
      provider_name: "Statements tracker",
      provider_url: `${ORIGIN}/`,
      width: 560,
      height: 340,
    });
    expect(
      body.title.startsWith(
        `${name}: ${Array.from(text as string)
          .slice(0, 20)
          .join("")}`,
      ),
    ).toBe(true);
    expect(body.html).toBe(
      `<iframe src="${ORIGIN}/statements/${statementId}/embed" width="560" height="340" title="${body.title}" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`,
    );
    // The same answer for the card's own address, without format (json is the default), and for a trailing slash.
    for (const url of [
      `${ORIGIN}/statements/${statementId}/embed`,
      `${ORIGIN}/statements/${statementId}/?utm_source=x#top`,
    ]) {
      const again = await oembed(forUrl(url));
      expect(again.status, url).toBe(200);
      expect(await again.json()).toEqual(body);
    }
  });

  it("keeps within maxwidth and maxheight", async () => {
    const body = richAnswer.parse(
      await (await oembed(forUrl(`${ORIGIN}/statements/${statementId}`, "&maxwidth=300&maxheight=2000"))).json(),
    );
    expect([body.width, body.height]).toEqual([300, 340]);
    expect(body.html).toContain(`width="300" height="340"`);
  });

  it("keeps hostile text inside the iframe's title attribute", async () => {
    const body = richAnswer.parse(await (await oembed(forUrl(`${ORIGIN}/statements/${hostileId}`))).json());
    expect(body.author_name).toBe("E2E <i>Hostile</i> Speaker");
    // One element, every attribute closed: nothing from the data became markup.
    expect(body.html).toMatch(/^<iframe(?: [a-z]+="[^"<>]*")+><\/iframe>$/);
    expect(body.html).toContain(
      `title="E2E &lt;i&gt;Hostile&lt;/i&gt; Speaker: &lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;windo…"`,
    );
  });

  it("answers 404 for an address that is not a public statement of this site", async () => {
    for (const url of [
      `https://elsewhere.example/statements/${statementId}`,
      `${ORIGIN}/speakers/angela-merkel`,
      `${ORIGIN}/statements/${draftId}`,
      `${ORIGIN}/statements/999999`,
      `${ORIGIN}/statements/abc`,
      `${ORIGIN}/statements/${statementId}/history`,
      `javascript:alert(1)`,
      `not a url`,
    ]) {
      const response = await oembed(forUrl(url, "&format=json"));
      expect(response.status, url).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "not_found", message: "url: not the address of a statement on this site." },
      });
    }
  });

  it("answers 501 for a format other than json, and 400 naming a malformed parameter", async () => {
    const xml = await oembed(forUrl(`${ORIGIN}/statements/${statementId}`, "&format=xml"));
    expect(xml.status).toBe(501);
    expect((await xml.json()).error.message).toBe('format: only json is offered, not "xml"');
    const missing = await oembed("?format=json");
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields).toEqual([
      { field: "url", message: "is required: the address of a statement on this site" },
    ]);
    const width = await oembed(forUrl(`${ORIGIN}/statements/${statementId}`, "&maxwidth=wide"));
    expect(width.status).toBe(400);
    expect((await width.json()).error.fields[0].field).toBe("maxwidth");
  });

  it("answers 304 to a client that holds the same answer", async () => {
    const first = await oembed(forUrl(`${ORIGIN}/statements/${statementId}`));
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\//);
    expect((await oembed(forUrl(`${ORIGIN}/statements/${statementId}`), { "if-none-match": etag })).status).toBe(304);
  });
});

describe("statementIdOfUrl", () => {
  it("reads only this site's statement addresses", () => {
    expect(statementIdOfUrl("http://tracker.test/statements/15", ORIGIN)).toBe(15);
    expect(statementIdOfUrl("https://tracker.test/statements/15/embed/", ORIGIN)).toBe(15);
    expect(statementIdOfUrl("http://tracker.test:8080/statements/15", ORIGIN)).toBeNull();
    expect(statementIdOfUrl("http://user:pw@tracker.test/statements/15", ORIGIN)).toBeNull();
    expect(statementIdOfUrl("http://tracker.test/statements/015", ORIGIN)).toBeNull();
    expect(statementIdOfUrl("http://tracker.test/statements/99999999999", ORIGIN)).toBeNull();
    expect(statementIdOfUrl("ftp://tracker.test/statements/15", ORIGIN)).toBeNull();
  });
});
