// Next.js sets AsyncLocalStorage up for its request scope before anything else loads; so must we.
import "next/dist/server/node-environment-baseline";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_PARAMETERS } from "@/lib/api/list-params";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { seedDemoData } from "@/lib/seed/demo";
import { drainOutbox } from "@/lib/sync/worker";
import { describeDiff, diffSnapshots, takeSnapshot } from "../support/data-snapshot";
import { useTestEnvironment } from "../support/integration";
import { readHostileFixture } from "../support/hostile-fixture";
import { inRequestScope } from "../support/request-scope";

// Issue 7, item 4: random query strings and addresses against every public GET
// of the site — /api/v1/search, /statements, /statements/:id, /speakers,
// /speakers/:slug, /topics, /topics/:slug, /dates, the Atom feeds and the search
// export — through their route handlers, inside Next's request scope, on a real
// Postgres and Meilisearch. Known parameters get random and hostile values
// (huge, Arabic, emoji, lone surrogates, NUL, broken percent-encoding, repeated),
// unknown parameters are mixed in, and the headers a reader's browser sends are
// random too. Properties: never a 5xx (nor a 429: the limit is set out of reach,
// so that the limiter still counts every request); a 400 names the parameter and
// the rule; no GET changes any data. The parsers alone are covered by
// lib/api/list-params.test.ts; this is the whole path.

const ORIGIN = "http://tracker.test";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
const known = {
  speakerSlugs: [] as string[],
  topicSlugs: [] as string[],
  statementIds: [] as number[],
  cursors: [] as string[],
};

beforeAll(async () => {
  // Counted, but never reached: answers are never turned into 429s.
  process.env.API_RATE_LIMIT_PER_MINUTE = "999999999";
  env = await useTestEnvironment("properties_api");
  await seedDemoData(env.pool);
  const fixtures = await readHostileFixture();
  await importBatch(env.pool, new ImportResolver(), fixtures);
  await drainOutbox(env.ctx);
  await drainOutbox(env.ctx);
  known.speakerSlugs = (await env.pool.query<{ slug: string }>(`SELECT slug FROM speakers ORDER BY id`)).rows.map(
    (r) => r.slug,
  );
  known.topicSlugs = (await env.pool.query<{ slug: string }>(`SELECT slug FROM topics ORDER BY id`)).rows.map(
    (r) => r.slug,
  );
  known.statementIds = (await env.pool.query<{ id: number }>(`SELECT id FROM statements ORDER BY id`)).rows.map(
    (r) => r.id,
  );
  // Real cursors, to be sent to the wrong list, the wrong query, or tampered with.
  for (const [route, query] of [
    ["statements", "limit=2"],
    ["statements", "limit=1&sort=id"],
    ["speakers", "limit=2"],
    ["topics", "limit=2"],
  ] as const) {
    const answer = await get(route, query, {}, null);
    const cursor = (JSON.parse(answer.text) as { nextCursor: string | null }).nextCursor;
    if (cursor) known.cursors.push(cursor);
  }
  expect(known.cursors.length).toBe(4);
});
afterAll(async () => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  await env?.close();
});

// ——— Calling a route handler as Next.js does ————————————————————————————————

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES = {
  search: { path: "/api/v1/search", load: async () => (await import("@/app/api/v1/search/route")).GET },
  statements: { path: "/api/v1/statements", load: async () => (await import("@/app/api/v1/statements/route")).GET },
  statement: {
    path: "/api/v1/statements/[id]",
    load: async () => (await import("@/app/api/v1/statements/[id]/route")).GET,
  },
  speakers: { path: "/api/v1/speakers", load: async () => (await import("@/app/api/v1/speakers/route")).GET },
  speaker: {
    path: "/api/v1/speakers/[slug]",
    load: async () => (await import("@/app/api/v1/speakers/[slug]/route")).GET,
  },
  topics: { path: "/api/v1/topics", load: async () => (await import("@/app/api/v1/topics/route")).GET },
  topic: { path: "/api/v1/topics/[slug]", load: async () => (await import("@/app/api/v1/topics/[slug]/route")).GET },
  dates: { path: "/api/v1/dates", load: async () => (await import("@/app/api/v1/dates/route")).GET },
  feed: { path: "/feed.xml", load: async () => (await import("@/app/feed.xml/route")).GET },
  speakerFeed: {
    path: "/speakers/[slug]/feed.xml",
    load: async () => (await import("@/app/speakers/[slug]/feed.xml/route")).GET,
  },
  topicFeed: {
    path: "/topics/[slug]/feed.xml",
    load: async () => (await import("@/app/topics/[slug]/feed.xml/route")).GET,
  },
  export: { path: "/search/export", load: async () => (await import("@/app/search/export/route")).GET },
} as const;
type RouteName = keyof typeof ROUTES;

/** The query parameters each route reads; any other is refused by the lists and search, ignored by the rest. */
const PARAMETERS: Record<RouteName, readonly string[]> = {
  search: ["q", "speaker", "topic", "lang", "kind", "year", "from", "to", "sort", "page", "limit"],
  statements: LIST_PARAMETERS.statements,
  statement: [],
  speakers: LIST_PARAMETERS.speakers,
  speaker: [],
  topics: LIST_PARAMETERS.topics,
  topic: [],
  dates: LIST_PARAMETERS.dates,
  feed: [],
  speakerFeed: [],
  topicFeed: [],
  export: ["format", "q", "speaker", "topic", "lang", "kind", "year", "from", "to", "sort", "page", "limit"],
};

type Answer = { status: number; headers: Headers; text: string };

/** GET `route` with a query string written as is, the path parameter as Next hands it over (still percent-encoded), and headers. */
async function get(
  route: RouteName,
  query: string,
  headers: Record<string, string>,
  param: string | null,
): Promise<Answer> {
  const { path: pattern, load } = ROUTES[route];
  const key = pattern.includes("[id]") ? "id" : "slug";
  const url = `${ORIGIN}${pattern.replace(/\[(id|slug)\]/, param ?? "")}${query ? `?${query}` : ""}`;
  const request = new NextRequest(url, { headers });
  const handler = (await load()) as unknown as Handler;
  const response = await inRequestScope(request, `${pattern}/route`, () =>
    handler(request, { params: Promise.resolve<Record<string, string>>(param === null ? {} : { [key]: param }) }),
  );
  // The whole body: an export streams, and a failure while streaming counts too.
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

// ——— Generators ———————————————————————————————————————————————————————————

/** UTF-8 percent-encoding of any string, lone surrogates included (as the bytes of their WTF-8 form). */
function percentEncode(value: string): string {
  let out = "";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (/[A-Za-z0-9_.~-]/.test(ch)) out += ch;
    else if (code >= 0xd800 && code <= 0xdfff)
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += [...Buffer.from(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  }
  return out;
}

const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "🙂",
    "ميركل",
    "حلب",
    "أنجيلا ميركل",
    "\u202egnirts\u202c",
    "'; DROP TABLE statements; --",
    '" OR 1 = 1 OR x = "',
    "\\",
    '\\"',
    "*",
    "%",
    "_",
    "%_%",
    "..",
    "../..",
    "/",
    "?",
    "#",
    "&",
    "=",
    "+",
    " ",
    "",
    ",",
    ",,,",
    "a,b,c",
    "null",
    "undefined",
    "NaN",
    "Infinity",
    "-0",
    "1e3",
    "0x10",
    "٣",
    "2016‐11",
    "2016-11-31",
    "0000",
    "9999-99-99",
  ),
  fc.integer({ min: 1, max: 120_000 }).map((n) => "x".repeat(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => "ش".repeat(n)),
  fc.integer({ min: 2, max: 60 }).map((n) => Array.from({ length: n }, (_, i) => `v${i}`).join(",")),
);

/** Characters that have broken servers before: NUL (Postgres refuses it), lone surrogates, quotes, LIKE and filter syntax, bidi controls, non-characters. */
const DANGEROUS = fc.oneof(
  { weight: 6, arbitrary: fc.constant("\u0000") },
  { weight: 3, arbitrary: fc.constantFrom("\ud800", "\udfff", "\ud83d") },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      "\\",
      '"',
      "'",
      "%",
      "_",
      "*",
      "\u202e",
      "\n",
      "\r",
      "\t",
      "\uffff",
      "\ufffe",
      "\u0085",
      "\u2028",
      "[",
      "]",
      "(",
      ")",
      ",",
      ":",
      "$",
      "{",
      "}",
      "\u0001",
      "\u007f",
    ),
  },
);

/** A value (good or not) with a dangerous character put somewhere in it. */
const withDanger = (values: fc.Arbitrary<string>) =>
  fc
    .tuple(values, DANGEROUS, fc.nat())
    .map(([v, d, at]) => `${v.slice(0, at % (v.length + 1))}${d}${v.slice(at % (v.length + 1))}`);

function goodValues(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      "ar",
      "en",
      "de",
      "ar,en",
      "direct",
      "indirect,mixed",
      "person",
      "organization",
      "published",
      "retracted",
      "csv",
      "jsonl",
      "CSV",
    ),
    fc.constantFrom(
      "2016",
      "2016-11",
      "2016-11-17",
      "2015",
      "1999-12-31",
      "newest",
      "oldest",
      "relevance",
      "id",
      "1",
      "2",
      "20",
      "100",
      "200",
      "1000",
    ),
    fc.constantFrom("merkel", "Aleppo", "حلب", "مستشفى", "hospital", "e2e"),
    fc.constantFrom(...known.speakerSlugs, ...known.topicSlugs),
    fc.constantFrom(...known.cursors),
    // A real cursor with one character changed.
    fc
      .tuple(fc.constantFrom(...known.cursors), fc.nat(), fc.constantFrom("A", "z", "_", "-", "=", "%"))
      .map(([c, at, ch]) => `${c.slice(0, at % c.length)}${ch}${c.slice((at % c.length) + 1)}`),
  );
}

/** How a key or value is written into the URL: encoded, raw, or with broken percent-escapes. */
const writing = fc.constantFrom("encoded", "encoded", "encoded", "raw", "broken");
const BROKEN = ["%", "%Z", "%zz", "%E0%A4%A", "%C3", "%ED%A0%80", "%00", "%FF%FE", "%%", "%2", "%u0041", "%C0%AF"];

function write(value: string, how: string, brokenAt: number): string {
  if (how === "raw") return value.replace(/[&#]/g, (c) => percentEncode(c));
  if (how === "broken") {
    const encoded = percentEncode(value);
    const at = brokenAt % (encoded.length + 1);
    return `${encoded.slice(0, at)}${BROKEN[brokenAt % BROKEN.length]}${encoded.slice(at)}`;
  }
  return percentEncode(value);
}

type Pair = { key: string; value: string; keyHow: string; valueHow: string; brokenAt: number };

function queryArb(route: RouteName): fc.Arbitrary<Pair[]> {
  const names = PARAMETERS[route];
  const key = fc.oneof(
    ...(names.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...names) }] : []),
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "Q",
        "speakr",
        "said_on",
        "page[]",
        "__proto__",
        "constructor",
        "",
        "q ",
        " q",
        "limit\u0000",
        "format",
        "status",
        "cursor",
      ),
    },
    { weight: 1, arbitrary: hostile.map((s) => s.slice(0, 200)) },
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: goodValues() },
    { weight: 2, arbitrary: hostile },
    { weight: 3, arbitrary: withDanger(goodValues()) },
    { weight: 1, arbitrary: withDanger(hostile) },
  );
  const pair = fc.record({
    key,
    value,
    keyHow: fc.constantFrom("encoded", "encoded", "raw", "broken"),
    valueHow: writing,
    brokenAt: fc.nat(),
  });
  // Mostly one or two parameters, so that a bad one is not hidden behind another's 400; sometimes many.
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(pair, { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.array(pair, { maxLength: 10 }) },
  );
}

function queryString(pairs: Pair[], separator: string): string {
  return pairs
    .map((p) => `${write(p.key, p.keyHow, p.brokenAt)}=${write(p.value, p.valueHow, p.brokenAt >> 3)}`)
    .join(separator);
}

/** What a browser might send, hostile or not (header values are bytes: Latin-1 at most). */
const headerValue = fc.oneof(
  fc.string({ unit: "binary-ascii", maxLength: 60 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, " ")),
  fc.constantFrom(
    "",
    "*",
    "ar",
    "ar-SY,ar;q=0.9,en;q=0.8",
    "en;q=abc",
    "de;q=-1",
    "xx",
    "ar;q=1e999",
    ",,,;",
    'W/"x"',
    '"abc", W/"def"',
  ),
);
const headersArb = fc.record(
  {
    "accept-language": headerValue,
    cookie: fc.oneof(
      headerValue.map((v) => `locale=${v}`),
      fc.constantFrom("locale=ar", "locale=en; months=levantine", "months=xx", "locale="),
    ),
    "if-none-match": headerValue,
    "x-forwarded-for": fc.oneof(
      headerValue,
      fc.constantFrom("1.2.3.4", "::1", "1.2.3.4, 5.6.7.8", " , ,", "x".repeat(2000)),
    ),
    "x-client-address": fc.oneof(headerValue, fc.constantFrom("1.2.3.4", "::1", " ", "x".repeat(2000))),
  },
  { requiredKeys: [] },
);

/** A path parameter as Next hands it over: still percent-encoded, possibly badly. */
function paramArb(route: RouteName): fc.Arbitrary<string | null> {
  if (!ROUTES[route].path.includes("[")) return fc.constant(null);
  const values =
    route === "statement"
      ? fc.oneof(
          fc.constantFrom(...known.statementIds).map(String),
          fc.constantFrom(
            "0",
            "-1",
            "1.5",
            "abc",
            "99999999",
            "2147483648",
            "99999999999999999999",
            "1e3",
            "٣",
            " 1",
            "0x1f",
            "1%00",
          ),
        )
      : fc.oneof(
          fc.constantFrom(...(route.startsWith("speaker") ? known.speakerSlugs : known.topicSlugs)),
          hostile.map((s) => s.slice(0, 5000)),
          withDanger(fc.constantFrom(...known.speakerSlugs, ...known.topicSlugs)),
        );
  return fc
    .tuple(values, fc.constantFrom("encoded", "encoded", "raw", "broken"), fc.nat())
    .map(([v, how, at]) => write(v, how, at).replace(/\//g, "%2F").replace(/\?/g, "%3F"));
}

type Case = {
  route: RouteName;
  pairs: Pair[];
  separator: string;
  headers: Record<string, string>;
  param: string | null;
};

function caseArb(): fc.Arbitrary<Case> {
  const routes = Object.keys(ROUTES) as RouteName[];
  return fc
    .constantFrom(...routes)
    .chain((route) =>
      fc.record({
        route: fc.constant(route),
        pairs: queryArb(route),
        separator: fc.constantFrom("&", "&", "&", ";", "&&"),
        headers: headersArb,
        param: paramArb(route),
      }),
    )
    .map((c) =>
      Object.assign(c, {
        [fc.toStringMethod]: () =>
          `${c.route} ${c.param === null ? "" : `param=${JSON.stringify(c.param.slice(0, 200))} `}?${queryString(c.pairs, c.separator).slice(0, 600)} headers=${JSON.stringify(c.headers).slice(0, 300)}`,
      }),
    );
}

/** Zod's own wording must never reach a reader: every message is ours. */
const ZOD_DEFAULT = /^(Invalid input|Invalid option|Too (big|small)|Expected|Required$)|expected .*, received/;

// ——— Properties —————————————————————————————————————————————————————————————

describe("random query strings against every public GET", () => {
  it("never answers 5xx or 429; a 400 names the parameter and the rule; no GET changes any data", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const query = queryString(c.pairs, c.separator);
        const before = await takeSnapshot(env.pool);
        const answer = await get(c.route, query, c.headers, c.param);
        const after = await takeSnapshot(env.pool);
        const why = `${c.route} ${answer.status}: ${answer.text.slice(0, 400)}`;

        expect(answer.status, why).toBeLessThan(500);
        expect(answer.status, why).not.toBe(429);
        expect(
          diffSnapshots(before, after),
          `a GET changed data: ${describeDiff(diffSnapshots(before, after))}`,
        ).toEqual({});

        if (answer.status === 400) {
          const body = JSON.parse(answer.text) as {
            error: { code: string; message: string; fields: Array<{ field: string; message: string }> };
          };
          expect(body.error.code, why).toBe("invalid_parameter");
          expect(body.error.fields.length, why).toBeGreaterThan(0);
          // Each problem names a parameter of this route, or one the query sent (unknown ones are shown cut to 40 characters).
          const sent = [...new URL(`${ORIGIN}/?${query}`).searchParams.keys()];
          const id = ROUTES[c.route].path.includes("[id]") ? ["id"] : [];
          for (const f of body.error.fields) {
            expect(f.message.length, why).toBeGreaterThan(0);
            expect(f.message, why).not.toMatch(ZOD_DEFAULT);
            const named =
              [...PARAMETERS[c.route], ...id].includes(f.field) ||
              sent.some((name) => Array.from(name).slice(0, 40).join("") === f.field) ||
              (f.field === "" && /^and \d+ more unknown fields$/.test(f.message));
            expect(named, `field ${JSON.stringify(f.field)} is no parameter of the request: ${why}`).toBe(true);
          }
          expect(body.error.message).toBe(
            body.error.fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; "),
          );
        }
        if (answer.status === 200) {
          const type = answer.headers.get("content-type") ?? "";
          if (c.route === "feed" || c.route === "speakerFeed" || c.route === "topicFeed")
            expect(type).toBe("application/atom+xml; charset=utf-8");
          else if (c.route === "export") expect(type).toMatch(/^(text\/csv|application\/x-ndjson)/);
          else expect(() => JSON.parse(answer.text), why).not.toThrow();
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 250) },
    );
  });
});

// ——— Counterexamples the property found, kept as plain cases ——————————————————

describe("public GET regressions found by the property", () => {
  it("a NUL (%00) in q, speaker or topic of the statements list is a 400 naming it (was: Postgres refused it, 500)", async () => {
    for (const [route, query, field] of [
      ["statements", "q=%00", "q"],
      ["statements", "q=a%00b", "q"],
      ["statements", "speaker=shaam%00", "speaker"],
      ["statements", "topic=%00", "topic"],
      ["search", "q=%00", "q"],
      ["export", "format=csv&speaker=%00", "speaker"],
    ] as const) {
      const answer = await get(route, query, {}, null);
      expect(answer.status, `${route}?${query}`).toBe(400);
      expect(JSON.parse(answer.text).error.fields).toEqual([{ field, message: "must not contain NUL (%00)" }]);
    }
  });

  it("a NUL in a speaker's or topic's address finds nothing: 404 (was: Postgres refused it, 500)", async () => {
    for (const [route, param] of [
      ["speaker", "%00shaam"],
      ["speaker", "\u0000shaam"],
      ["speakerFeed", "%00shaam"],
      ["topic", "aleppo%00"],
      ["topicFeed", "aleppo%00"],
      ["topicFeed", "\u0000"],
    ] as const) {
      const answer = await get(route, "", {}, param);
      expect(answer.status, `${route} ${JSON.stringify(param)}`).toBe(404);
    }
    // The address without the NUL still works.
    expect((await get("speakerFeed", "", {}, "shaam")).status).toBe(200);
  });
});
