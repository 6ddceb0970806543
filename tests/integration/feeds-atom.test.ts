import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { createStatement, updateStatement } from "@/lib/curate/statements";
import { createTopic, mergeTopics } from "@/lib/curate/topics";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { seedDemoData } from "@/lib/seed/demo";
import { parseStatementForm } from "@/lib/validation/statement-form";
import { parseAtom, RFC3339_UTC, ATOM_NS, type ParsedFeed } from "../support/atom";
import { useTestEnvironment } from "../support/integration";
import { readHostileFixture } from "../support/hostile-fixture";

// The Atom feeds (all statements, one topic's, one speaker's) through their
// route handlers, read back with a real XML parser: ids, dates, authors,
// languages, escaping of hostile text, redirects of merged topics.

// The reader's interface language comes from a cookie (next/headers outside a request).
const reader = vi.hoisted(() => ({ locale: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "locale" && reader.locale ? { name, value: reader.locale } : undefined),
  }),
  headers: async () => new Headers({ "accept-language": "en-GB,en;q=0.8" }),
}));

const ORIGIN = "http://tracker.test";
const HOSTILE_TEXT = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Hostile \u202Egnirts desrever\u202C words & <b>bold</b>`;

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let curator: CurrentUser;
let editedId: number;

type RouteContext = { params: Promise<{ slug: string }> };

async function get(route: "site" | "topic" | "speaker", slug = ""): Promise<Response> {
  const context: RouteContext = { params: Promise.resolve({ slug: encodeURIComponent(slug) }) };
  if (route === "site") return (await import("@/app/feed.xml/route")).GET(new Request(`${ORIGIN}/feed.xml`));
  if (route === "topic")
    return (await import("@/app/topics/[slug]/feed.xml/route")).GET(
      new Request(`${ORIGIN}/topics/${encodeURIComponent(slug)}/feed.xml`),
      context,
    );
  return (await import("@/app/speakers/[slug]/feed.xml/route")).GET(
    new Request(`${ORIGIN}/speakers/${encodeURIComponent(slug)}/feed.xml`),
    context,
  );
}

async function feed(route: "site" | "topic" | "speaker", slug = ""): Promise<ParsedFeed> {
  const response = await get(route, slug);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  return parseAtom(await response.text());
}

type Published = {
  id: number;
  text: string;
  language: string;
  speaker: string;
  slug: string;
  said_on: string | null;
  created_at: Date;
  updated_at: Date;
};

async function published(where = "TRUE", params: unknown[] = []): Promise<Published[]> {
  const { rows } = await env.pool.query<Published>(
    `SELECT s.id, s.text, s.language, sp.name AS speaker, sp.slug, s.said_on::text AS said_on, s.created_at, s.updated_at
       FROM statements s JOIN speakers sp ON sp.id = s.speaker_id
      WHERE s.status = 'published' AND ${where}
      ORDER BY s.said_on DESC NULLS LAST, s.id DESC`,
    params,
  );
  return rows;
}

const statementIdOf = (entryId: string) => Number(/\/statements\/(\d+)$/.exec(entryId)?.[1]);

beforeAll(async () => {
  env = await useTestEnvironment("feeds_atom");
  await seedDemoData(env.pool);
  const fixtures = await readHostileFixture();
  await importBatch(env.pool, new ImportResolver(), fixtures);
  const id = await createUser(env.pool, {
    email: "feeds@example.org",
    name: "Feeds",
    role: "admin",
    password: "feeds-password-1",
  });
  curator = { id, email: "feeds@example.org", name: "Feeds", role: "admin" };
  // A statement edited after it was made: its entry's updated is after its published.
  const form = (text: string) => {
    const parsed = parseStatementForm({
      text,
      language: "de",
      kind: "direct",
      status: "published",
      newSpeaker: { name: "Feed Tester" },
      saidOn: "2016-11-25",
      newTopics: ["Aleppo"],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
    return parsed.value;
  };
  const saved = await createStatement(env.pool, curator, form("Erste Fassung."));
  // Atom dates are to the second: the edit comes a second later.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const speakerId = (await env.pool.query(`SELECT speaker_id FROM statements WHERE id = $1`, [saved.id])).rows[0]
    .speaker_id as number;
  const edit = parseStatementForm({
    text: "Zweite Fassung.",
    language: "de",
    kind: "direct",
    status: "published",
    speakerId,
    saidOn: "2016-11-25",
    newTopics: ["Aleppo"],
  });
  if (!edit.ok) throw new Error(JSON.stringify(edit.fields));
  await updateStatement(env.pool, curator, saved.id, saved.version, edit.value);
  editedId = saved.id;
  // A topic merged into Aleppo: its old feed address redirects.
  const old = await createTopic(env.pool, { input: { name: "Halab" }, user: curator });
  const aleppo = (await env.pool.query(`SELECT id FROM topics WHERE slug = 'aleppo'`)).rows[0].id as number;
  await mergeTopics(env.pool, { fromId: old.id, intoId: aleppo, user: curator });
}, 120_000);

afterAll(async () => {
  await env.close();
});

describe("the feed of all statements", () => {
  it("is an Atom feed of the latest published statements, newest first, with stable ids, dates, authors and languages", async () => {
    reader.locale = undefined;
    const parsed = await feed("site");
    expect(parsed.namespace).toBe(ATOM_NS);
    expect(parsed.lang).toBe("en");
    expect(parsed.id).toBe(`${ORIGIN}/`);
    expect(parsed.self).toBe(`${ORIGIN}/feed.xml`);
    expect(parsed.alternate).toBe(`${ORIGIN}/`);
    expect(parsed.title).toBe("Latest statements — Statements tracker");
    expect(parsed.updated).toMatch(RFC3339_UTC);
    expect(parsed.authors).toEqual([{ name: "Statements tracker", uri: `${ORIGIN}/` }]);

    const expected = await published();
    expect(parsed.entries.map((e) => statementIdOf(e.id))).toEqual(expected.map((s) => s.id));
    expect(new Set(parsed.entries.map((e) => e.id)).size).toBe(parsed.entries.length);
    // The feed is as new as its newest change.
    expect(parsed.updated).toBe(
      parsed.entries
        .map((e) => e.updated)
        .sort()
        .at(-1),
    );
    for (const [i, entry] of parsed.entries.entries()) {
      const statement = expected[i]!;
      expect(entry.id).toBe(`${ORIGIN}/statements/${statement.id}`);
      expect(entry.link).toBe(entry.id);
      expect(entry.updated).toBe(statement.updated_at.toISOString().replace(/\.\d{3}Z$/, "Z"));
      expect(entry.published).toBe(statement.created_at.toISOString().replace(/\.\d{3}Z$/, "Z"));
      expect(entry.updated >= entry.published!).toBe(true);
      expect(entry.lang).toBe(statement.language);
      expect(entry.authors).toEqual([
        { name: statement.speaker, uri: `${ORIGIN}/speakers/${encodeURIComponent(statement.slug)}` },
      ]);
      expect(entry.contentType).toBe("text");
      expect(entry.content).toBe(statement.text);
    }
    const edited = parsed.entries.find((e) => statementIdOf(e.id) === editedId)!;
    expect(edited.content).toBe("Zweite Fassung.");
    expect(edited.updated > edited.published!).toBe(true);
    expect(edited.lang).toBe("de");
    expect(edited.title).toMatch(/^Feed Tester, 25 November 2016: Zweite Fassung\.$/);
    expect(edited.categories).toEqual(["aleppo"]);
    // Arabic statements are tagged Arabic, whatever the interface language.
    const merkel = parsed.entries.filter((e) => e.authors[0]?.name === "Angela Merkel");
    expect(merkel).toHaveLength(2);
    for (const entry of merkel) expect(entry.lang).toBe("ar");
  });

  it("keeps hostile text as text: no element, attribute or entity comes from the data", async () => {
    const response = await get("site");
    const xml = await response.text();
    const parsed = parseAtom(xml);
    const hostile = parsed.entries.find((e) => e.authors[0]?.name === "E2E <i>Hostile</i> Speaker")!;
    expect(hostile.content).toBe(HOSTILE_TEXT);
    expect(hostile.lang).toBe("en");
    expect(hostile.title).toContain("<script>");
    expect(xml).not.toMatch(/<script|<img|<b>|<i>/);
    expect([...parsed.elements].sort()).toEqual([
      "author",
      "category",
      "content",
      "entry",
      "feed",
      "generator",
      "id",
      "link",
      "name",
      "published",
      "subtitle",
      "title",
      "updated",
      "uri",
    ]);
  });

  it("follows the reader's interface language for its own words, never for the statements'", async () => {
    reader.locale = "ar";
    try {
      const parsed = await feed("site");
      expect(parsed.lang).toBe("ar");
      expect(parsed.title).toBe("أحدث التصريحات — متتبّع التصريحات");
      const merkel = parsed.entries.find((e) => e.authors[0]?.name === "أنجيلا ميركل")!;
      expect(merkel.lang).toBe("ar");
      expect(merkel.title).toMatch(/^أنجيلا ميركل، نوفمبر 2016: /);
      const edited = parsed.entries.find((e) => statementIdOf(e.id) === editedId)!;
      expect(edited.lang).toBe("de");
      // The same statement has the same id whatever the language of the feed.
      const english = await (async () => {
        reader.locale = "en";
        return feed("site");
      })();
      expect(english.entries.map((e) => e.id)).toEqual(parsed.entries.map((e) => e.id));
    } finally {
      reader.locale = undefined;
    }
  });
});

describe("a topic's feed", () => {
  it("holds the topic's statements only, each with its speaker as author, and the same ids as the other feeds", async () => {
    const parsed = await feed("topic", "aleppo");
    expect(parsed.id).toBe(`${ORIGIN}/topics/aleppo`);
    expect(parsed.self).toBe(`${ORIGIN}/topics/aleppo/feed.xml`);
    expect(parsed.alternate).toBe(`${ORIGIN}/topics/aleppo`);
    expect(parsed.title).toBe("Statements on Aleppo");
    expect(parsed.updated).toMatch(RFC3339_UTC);
    const expected = await published(
      `EXISTS (SELECT 1 FROM statement_topics st JOIN topics t ON t.id = st.topic_id WHERE st.statement_id = s.id AND t.slug = $1)`,
      ["aleppo"],
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(parsed.entries.map((e) => statementIdOf(e.id))).toEqual(expected.map((s) => s.id));
    for (const entry of parsed.entries) {
      expect(entry.categories).toContain("aleppo");
      expect(entry.authors).toHaveLength(1);
    }
    const all = await feed("site");
    const allIds = new Set(all.entries.map((e) => e.id));
    for (const entry of parsed.entries) expect(allIds.has(entry.id)).toBe(true);
  });

  it("redirects a merged topic's old feed address permanently, and answers 404 for an unknown topic", async () => {
    const moved = await get("topic", "halab");
    expect(moved.status).toBe(308);
    expect(moved.headers.get("location")).toBe("/topics/aleppo/feed.xml");
    const unknown = await get("topic", "no-such-topic");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("No topic at this address.");
  });

  it("keeps a hostile statement inert in its topic's feed too", async () => {
    const parsed = await feed("topic", "e2e-safety");
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]!.content).toBe(HOSTILE_TEXT);
  });
});

describe("a speaker's feed", () => {
  it("names the speaker once, as the feed's author, with the same entry ids as the other feeds", async () => {
    const parsed = await feed("speaker", "angela-merkel");
    expect(parsed.authors.map((a) => a.name)).toEqual(["Angela Merkel"]);
    expect(parsed.entries).toHaveLength(2);
    const all = await feed("site");
    for (const entry of parsed.entries) {
      expect(entry.authors).toEqual([]);
      expect(entry.lang).toBe("ar");
      expect(all.entries.find((e) => e.id === entry.id)?.content).toBe(entry.content);
    }
  });
});
