// Next.js sets AsyncLocalStorage up for its request scope before anything else loads; so must we.
import "next/dist/server/node-environment-baseline";
import fc from "fast-check";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/roles";
import { startUserSession } from "@/lib/auth/user-sessions";
import { createUser } from "@/lib/auth/users";
import { pickPresent } from "@/lib/curate/entities";
import { createSpeaker, parseSpeakerFields, SPEAKER_FIELDS } from "@/lib/curate/speakers";
import { createStatement } from "@/lib/curate/statements";
import { createTopic, parseTopicFields, TOPIC_FIELDS } from "@/lib/curate/topics";
import { seedDemoData } from "@/lib/seed/demo";
import { nameKey } from "@/lib/text/name-key";
import { cleanMultilineText } from "@/lib/validation/import-line";
import { parseStatementForm } from "@/lib/validation/statement-form";
import { describeDiff, diffSnapshots, takeSnapshot } from "../support/data-snapshot";
import { useTestEnvironment } from "../support/integration";
import { inRequestScope } from "../support/request-scope";

// Issue 7, item 4: random form submissions to the curators' write routes —
// statements (create, edit with a version, retract, restore), speakers and
// topics (create, edit, merge), the extraction assistant (propose, accept) —
// through their route handlers, on a real Postgres, as a logged-in curator
// (a real next-auth session cookie, read by next-auth inside Next's request
// scope) or with a personal API token where the route takes one. Bodies are
// valid forms, the same with one field made wrong (wrong type, oversized,
// hostile strings, impossible dates, unknown ids, stale versions), unknown
// fields, non-JSON, empty bodies, wrong content types and oversized bodies.
// Properties: never a 5xx; a 400 names each field and its rule; a refused
// request (4xx) changes nothing; an accepted one reads back as sent. The
// schemas alone are covered by lib/validation/statement-form.test.ts.

const SECRET = "properties-forms-auth-secret-0123456789abcdef";
const ORIGIN = "http://localhost:3000";

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let editor: CurrentUser;
let sessionCookie: string;
let apiToken: string;
const known = { speakers: [] as number[], topics: [] as number[], statements: [] as number[] };
const targets = { statement: 0, speaker: 0, topic: 0 };

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = ORIGIN;
  env = await useTestEnvironment("properties_forms");
  await seedDemoData(env.pool);
  const id = await createUser(env.pool, {
    email: "forms@example.org",
    name: "Forms Prop",
    role: "editor",
    password: "a long enough password",
  });
  editor = { id, email: "forms@example.org", name: "Forms Prop", role: "editor" };
  // The cookie next-auth itself would set at login: a JWT with the user id, the session version and
  // the id of its server-side session row (an editor without two-factor login: no second step).
  const sid = await startUserSession(env.pool, id, 3600);
  const jwt = await encode({
    token: { sub: String(id), name: editor.name, email: editor.email, uid: id, sv: 1, sid },
    secret: SECRET,
  });
  sessionCookie = `next-auth.session-token=${jwt}`;
  apiToken = (await createApiToken(env.pool, editor, { name: "properties", role: "editor" })).token;

  const ids = async (table: string) =>
    (await env.pool.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r) => r.id);
  known.speakers = await ids("speakers");
  known.topics = await ids("topics");
  known.statements = await ids("statements");
  const form = parseStatementForm({
    text: "The target of edits.",
    language: "en",
    speakerId: known.speakers[0],
    status: "published",
  });
  if (!form.ok) throw new Error(JSON.stringify(form.fields));
  targets.statement = (await createStatement(env.pool, editor, form.value)).id;
  targets.speaker = (await createSpeaker(env.pool, { input: { name: "Target Speaker" }, user: editor })).id;
  targets.topic = (await createTopic(env.pool, { input: { name: "Target Topic" }, user: editor })).id;
});
afterAll(async () => {
  delete process.env.NEXTAUTH_URL;
  await env?.close();
});

// ——— Calling a route handler as Next.js does ————————————————————————————————

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES = {
  createStatement: {
    path: "/api/curate/statements",
    load: async () => (await import("@/app/api/curate/statements/route")).POST,
  },
  updateStatement: {
    path: "/api/curate/statements/[id]",
    load: async () => (await import("@/app/api/curate/statements/[id]/route")).PUT,
  },
  retract: {
    path: "/api/curate/statements/[id]/retract",
    load: async () => (await import("@/app/api/curate/statements/[id]/retract/route")).POST,
  },
  restore: {
    path: "/api/curate/statements/[id]/restore",
    load: async () => (await import("@/app/api/curate/statements/[id]/restore/route")).POST,
  },
  createSpeaker: {
    path: "/api/curate/speakers",
    load: async () => (await import("@/app/api/curate/speakers/route")).POST,
  },
  updateSpeaker: {
    path: "/api/curate/speakers/[id]",
    load: async () => (await import("@/app/api/curate/speakers/[id]/route")).PUT,
  },
  mergeSpeaker: {
    path: "/api/curate/speakers/[id]/merge",
    load: async () => (await import("@/app/api/curate/speakers/[id]/merge/route")).POST,
  },
  createTopic: { path: "/api/curate/topics", load: async () => (await import("@/app/api/curate/topics/route")).POST },
  updateTopic: {
    path: "/api/curate/topics/[id]",
    load: async () => (await import("@/app/api/curate/topics/[id]/route")).PUT,
  },
  mergeTopic: {
    path: "/api/curate/topics/[id]/merge",
    load: async () => (await import("@/app/api/curate/topics/[id]/merge/route")).POST,
  },
  extract: { path: "/api/curate/extract", load: async () => (await import("@/app/api/curate/extract/route")).POST },
  accept: {
    path: "/api/curate/extract/accept",
    load: async () => (await import("@/app/api/curate/extract/accept/route")).POST,
  },
} as const;
type RouteName = keyof typeof ROUTES;
/** The write API: these take a personal API token as well as a session. */
const TOKEN_ROUTES = new Set<RouteName>(["createStatement", "updateStatement", "retract", "restore"]);

type Auth = "session" | "token" | "none" | "cross-origin" | "bad-token";
type Answer = {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; fields?: Array<{ field: string; message: string }> };
  };
  text: string;
};

async function call(
  route: RouteName,
  id: string | null,
  body: string | undefined,
  options: { auth: Auth; contentType: string | null },
): Promise<Answer> {
  const { path, load } = ROUTES[route];
  const url = `${ORIGIN}${path.replace("[id]", encodeURIComponent(id ?? ""))}`;
  const headers: Record<string, string> = { host: "localhost:3000" };
  if (options.contentType !== null) headers["content-type"] = options.contentType;
  if (options.auth === "session") Object.assign(headers, { cookie: sessionCookie, origin: ORIGIN });
  if (options.auth === "cross-origin")
    Object.assign(headers, { cookie: sessionCookie, origin: "https://evil.example" });
  if (options.auth === "token") headers.authorization = `Bearer ${apiToken}`;
  if (options.auth === "bad-token") headers.authorization = `Bearer ${apiToken.slice(0, -2)}xx`;
  const method = route === "updateStatement" || route === "updateSpeaker" || route === "updateTopic" ? "PUT" : "POST";
  const request = new NextRequest(url, { method, headers, body });
  const handler = (await load()) as unknown as Handler;
  const response = await inRequestScope(request, `${path}/route`, () =>
    handler(request, { params: Promise.resolve<Record<string, string>>(id === null ? {} : { id }) }),
  );
  const text = await response.text();
  let parsed: Answer["body"] = {};
  try {
    parsed = text ? (JSON.parse(text) as Answer["body"]) : {};
  } catch {
    throw new Error(`${route}: answer ${response.status} is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, body: parsed, text };
}

// ——— Generators ———————————————————————————————————————————————————————————

const LETTERS = ["a", "Z", "é", "ß", "ق", "ل", "ж", "中", "Ø"];
const wordy = (maxLength: number) =>
  fc
    .tuple(
      fc.constantFrom(...LETTERS),
      fc.string({ unit: "grapheme", maxLength }),
      fc.constantFrom("", " ", "🙂", " قال", "\t"),
    )
    .map(([a, b, c]) => `${a}${b}${c}`.slice(0, maxLength));
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\u202egnirts\u202c",
    "\u200b",
    "<script>alert(1)</script>",
    "'; DROP TABLE statements; --",
    "%00",
    "\r\n",
    "\ufeff",
    "__proto__",
    "constructor",
  ),
);
const anyJson = fc.jsonValue({ maxDepth: 2 });
const WRONG_TYPES = [5, -1, 1.5, true, [], ["x"], {}, { a: 1 }];
const over = (limit: number) => fc.integer({ min: limit + 1, max: limit + 30 }).map((n) => "x".repeat(n));
const validDate = fc.oneof(
  fc.integer({ min: 1000, max: 2999 }).map(String),
  fc
    .tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
);
const invalidDate = fc.constantFrom(
  "2016-13-01",
  "2015-02-29",
  "2016-02-30",
  "17.11.2016",
  "0999",
  "yesterday",
  "2016-11-17T10:00",
  2016,
  true,
);
const validUrl = fc
  .tuple(
    fc.constantFrom("http", "https"),
    fc.constantFrom("example.org", "news.example.com"),
    fc.stringMatching(/^[a-z0-9/_-]{0,20}$/),
  )
  .map(([s, h, p]) => `${s}://${h}/${p}`);
const badId = fc.constantFrom(0, -1, 1.5, "abc", 2_147_483_648, [], {}, true, "1 OR 1=1");
const MISSING_ID = 999_999;

type Raw = Record<string, unknown>;
/** A JSON body (with the field a refusal must name, when it must be refused), or raw text. */
type Body = { kind: "json"; value: unknown; mustReject?: string } | { kind: "raw"; text: string; mustReject?: string };

function setPath(record: Raw, path: string[], value: unknown): Raw {
  const copy = structuredClone(record);
  let at: Raw = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
    at = at[key] as Raw;
  }
  if (value === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = value;
  return copy;
}

/** One field set to `value` (and, with `clear`, other fields removed so that the rule broken is this one). */
type Mutation = { path: string[]; value: unknown; field?: string; clear?: string[] };
const reject = (
  path: string[],
  value: fc.Arbitrary<unknown>,
  field = path.join("."),
  clear: string[] = [],
): fc.Arbitrary<Mutation> => value.map((v) => ({ path, value: v, field, clear }));
const maybe = (path: string[], value: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> =>
  value.map((v) => ({ path, value: v }));

/** A body built from a valid record and one mutation (or none), or something that is not a JSON object at all. */
function bodies(
  valid: fc.Arbitrary<Raw>,
  mutations: fc.Arbitrary<Mutation>,
  knownFields: readonly string[] | null,
): fc.Arbitrary<Body> {
  const unknownField = fc.constantFrom("said_on", "speaker_id", "retractionReason", "id", "createdBy", "Text");
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((value): Body => ({ kind: "json", value })) },
    {
      weight: 8,
      arbitrary: fc.tuple(valid, mutations).map(([value, m]): Body => {
        let mutated = setPath(value, m.path, m.value);
        for (const field of m.clear ?? []) mutated = setPath(mutated, [...m.path.slice(0, -1), field], undefined);
        return { kind: "json", value: mutated, ...(m.field ? { mustReject: m.field } : {}) };
      }),
    },
    ...(knownFields
      ? [
          {
            weight: 1,
            arbitrary: fc.tuple(valid, unknownField, anyJson).map(([value, key, extra]): Body => ({
              kind: "json",
              value: { ...value, [key]: extra },
              mustReject: key,
            })),
          },
        ]
      : []),
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            "",
            " ",
            "{",
            "{text:",
            "null",
            "[]",
            "[{}]",
            "42",
            '"text"',
            "text=abc&language=en",
            "<form/>",
            "\u0000",
            "{}{}",
            '{"text": "\\ud800"',
          ),
          fc.string({ unit: "binary", maxLength: 60 }),
        )
        .map((text): Body => ({ kind: "raw", text, mustReject: "body" })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<Body>({ kind: "raw", text: `{"text":"${"x".repeat(8_100_000)}"}`, mustReject: "" }),
    },
  );
}

const statementForm = (): fc.Arbitrary<Raw> =>
  fc
    .record(
      {
        text: wordy(150),
        language: fc.constantFrom("ar", "de", "en", "fr", "EN"),
        kind: fc.constantFrom("direct", "indirect", "mixed"),
        speaker: fc.oneof(
          fc.constantFrom(...known.speakers).map((speakerId) => ({ speakerId })),
          fc.record({
            newSpeaker: fc.record({ name: wordy(40), kind: fc.constantFrom("person", "group", "organization") }),
          }),
        ),
        saidOn: fc.oneof(validDate, fc.constant(null)),
        saidOnApproximate: fc.boolean(),
        topicIds: fc.subarray(known.topics, { maxLength: 3 }),
        newTopics: fc.array(wordy(30), { maxLength: 2 }),
        sources: fc.array(
          fc.record({
            url: fc.oneof(validUrl, fc.constant(null)),
            outlet: fc.oneof(wordy(20), fc.constant(null)),
            title: fc.oneof(wordy(20), fc.constant(null)),
            publishedOn: fc.oneof(validDate, fc.constant(null)),
          }),
          { maxLength: 2 },
        ),
        context: fc.oneof(wordy(60), fc.constant(null)),
        respondsToIds: fc.subarray(known.statements, { maxLength: 2 }),
        attribution: fc.oneof(
          fc.constantFrom({ attribution: "own_channel" }, { attribution: "secondary" }, {}),
          fc
            .tuple(fc.constantFrom("disputed", "misattributed"), wordy(40))
            .map(([attribution, attributionNote]) => ({ attribution, attributionNote })),
        ),
        status: fc.constantFrom("draft", "published"),
      },
      { requiredKeys: ["text", "language", "speaker"] },
    )
    .map(({ speaker, attribution, ...rest }) => ({ ...rest, ...speaker, ...attribution }) as Raw);

const statementMutations: fc.Arbitrary<Mutation> = fc.oneof(
  reject(["text"], fc.oneof(over(10_000), fc.constantFrom(...WRONG_TYPES, null, "", "  ", "\u0000\u0001"))),
  reject(["language"], fc.constantFrom("xx", "", "en-US", 7, null)),
  reject(["kind"], fc.constantFrom("shouted", 3)),
  reject(["speakerId"], fc.oneof(badId, fc.constant(MISSING_ID)), "speakerId", ["newSpeaker"]),
  reject(["newSpeaker"], fc.constantFrom("Jane", 5, [])),
  reject(["saidOn"], invalidDate),
  reject(["saidOnApproximate"], fc.constantFrom("yes", 1, "true")),
  reject(
    ["topicIds"],
    fc.oneof(
      fc.constantFrom("1", 5, {}, [0], ["1"], [MISSING_ID]),
      fc.constant(Array.from({ length: 31 }, (_, i) => i + 1)),
    ),
  ),
  reject(
    ["newTopics"],
    fc.oneof(
      fc.constantFrom("Peace", [5], [null]),
      over(100).map((t) => [t]),
    ),
  ),
  reject(
    ["sources"],
    fc.oneof(
      fc.constantFrom("https://example.org", 5, [5]),
      fc.constant(Array.from({ length: 11 }, (_, i) => ({ url: `https://e.org/${i}` }))),
    ),
  ),
  reject(
    ["sources"],
    fc.constantFrom(
      [{ url: "javascript:alert(1)" }],
      [{ url: "https://e.org/\u0000" }],
      [{ publishedOn: "2016-02-30" }],
      [{ url: 5 }],
    ),
  ),
  reject(["context"], fc.oneof(over(5_000), fc.constantFrom(1, []))),
  reject(["translationOfId"], fc.oneof(badId, fc.constant(MISSING_ID))),
  reject(["translatedBy"], wordy(20)),
  reject(["respondsToIds"], fc.constantFrom([MISSING_ID], "1", [0], [-5])),
  reject(["attribution"], fc.constantFrom("rumour", 1)),
  reject(["attribution"], fc.constantFrom("disputed", "misattributed"), "attributionNote", ["attributionNote"]),
  reject(["status"], fc.constantFrom("retracted", "deleted", 1)),
  maybe(["text"], hostileString),
  maybe(["context"], hostileString),
  maybe(["newTopics"], fc.array(hostileString, { maxLength: 3 })),
  maybe(["newSpeaker"], fc.record({ name: hostileString, kind: fc.oneof(hostileString, fc.constant("person")) })),
  maybe(
    ["sources"],
    fc.array(fc.record({ url: hostileString, outlet: hostileString, title: hostileString }, { requiredKeys: [] }), {
      maxLength: 2,
    }),
  ),
  ...[
    "text",
    "language",
    "kind",
    "speakerId",
    "newSpeaker",
    "saidOn",
    "topicIds",
    "newTopics",
    "sources",
    "context",
    "translationOfId",
    "respondsToIds",
    "attribution",
    "status",
  ].map((f) => maybe([f], anyJson)),
);

const speakerFields = (): fc.Arbitrary<Raw> =>
  fc.record(
    {
      kind: fc.constantFrom("person", "organization", "group", ""),
      name: wordy(40),
      nameAr: fc.oneof(fc.constant(null), fc.constantFrom("أنجيلا ميركل", "منظمة")),
      nameEn: fc.oneof(fc.constant(null), wordy(30)),
      nameDe: fc.oneof(fc.constant(null), wordy(30)),
      aliases: fc.oneof(
        fc.array(wordy(20), { maxLength: 3 }),
        wordy(20).map((a) => `${a}\n\n${a}x`),
      ),
      role: fc.oneof(fc.constant(null), wordy(30)),
      affiliation: fc.oneof(fc.constant(null), wordy(30)),
      affiliationId: fc.oneof(
        fc.constant(null),
        fc.constantFrom(...known.speakers),
        fc.constantFrom(...known.speakers).map(String),
      ),
      country: fc.oneof(fc.constant(null), fc.constantFrom("Germany", "سوريا")),
      wikidataId: fc.oneof(
        fc.constant(null),
        fc.integer({ min: 1, max: 99_999 }).map((n) => `q${n}`),
      ),
      description: fc.oneof(fc.constant(null), wordy(80)),
    },
    { requiredKeys: ["name"] },
  );

const speakerMutations: fc.Arbitrary<Mutation> = fc.oneof(
  reject(["name"], fc.oneof(over(200), fc.constantFrom(null, "", "  ", "!!!", "—", 7, ["x"]))),
  reject(["kind"], fc.constantFrom("robot", 1)),
  reject(["nameAr"], fc.oneof(over(200), fc.constantFrom(5, []))),
  reject(
    ["aliases"],
    fc.oneof(
      fc.constantFrom(5, [1], [null], {}),
      over(200).map((a) => [a]),
      fc.constant(Array.from({ length: 51 }, (_, i) => `alias ${i}`)),
    ),
  ),
  reject(["role"], over(300)),
  reject(["affiliationId"], fc.oneof(badId, fc.constant(MISSING_ID))),
  reject(["country"], over(100)),
  reject(["wikidataId"], fc.constantFrom("X1", "Q0", "Q", 567, "Q1234567890123")),
  reject(["description"], over(5_000)),
  maybe(["name"], hostileString),
  maybe(["aliases"], fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }))),
  maybe(["role"], hostileString),
  maybe(["description"], hostileString),
  ...["kind", "name", "nameAr", "aliases", "affiliationId", "wikidataId", "country"].map((f) => maybe([f], anyJson)),
);

const topicFields = (): fc.Arbitrary<Raw> =>
  fc.record(
    {
      name: fc.tuple(wordy(30), fc.nat()).map(([n, i]) => `${n} ${i}`),
      nameAr: fc.oneof(
        fc.constant(null),
        fc.nat().map((i) => `موضوع ${i}`),
      ),
      nameEn: fc.oneof(
        fc.constant(null),
        fc.nat().map((i) => `Topic ${i}`),
      ),
      nameDe: fc.constant(null),
      parentId: fc.oneof(fc.constant(null), fc.constantFrom(...known.topics)),
    },
    { requiredKeys: ["name"] },
  );

const topicMutations: fc.Arbitrary<Mutation> = fc.oneof(
  reject(["name"], fc.oneof(over(100), fc.constantFrom(null, "", "!!!", 5, {}))),
  reject(["name"], fc.constantFrom("Aleppo", "aleppo", "حلب", "Refugees"), "name"),
  reject(["nameEn"], fc.oneof(over(100), fc.constantFrom(5, "Aleppo"))),
  reject(["parentId"], fc.oneof(badId, fc.constant(MISSING_ID))),
  maybe(["name"], hostileString),
  maybe(["nameAr"], hostileString),
  ...["name", "nameAr", "parentId"].map((f) => maybe([f], anyJson)),
);

/** The version a body carries: the stored one, a stale or future one, or junk. */
const versionChoice = fc.oneof(
  { weight: 4, arbitrary: fc.constant("$current") },
  { weight: 2, arbitrary: fc.constantFrom("$stale", "$future") },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1.5, "1", null, [], "abc", 2 ** 40, "1e3", true) },
);

const ARTICLE = [
  'Foreign minister Jane Doe said on Thursday: "We will rebuild the bridge." The mayor said the works would start soon.',
  "قال وزير الخارجية أمس إن «الحل السياسي هو الطريق الوحيد».",
  'Die Kanzlerin sagte am Montag: „Wir schaffen das."',
  "No statements here at all.",
];

/** Everything one case needs: the route, its id, its body, how it is authenticated and labelled. */
type Case = { route: RouteName; id: string; version: unknown; body: Body; auth: Auth; contentType: string | null };

const idChoice = fc.oneof(
  { weight: 6, arbitrary: fc.constant("$target") },
  { weight: 1, arbitrary: fc.constantFrom("0", "-1", "abc", "999999", "2147483648", "1.5", "٣", " 1", "%00", "") },
);

function cases(only?: readonly RouteName[]): fc.Arbitrary<Case> {
  const auth = (route: RouteName) =>
    fc.oneof(
      {
        weight: 12,
        arbitrary: TOKEN_ROUTES.has(route) ? fc.constantFrom<Auth>("session", "token") : fc.constant<Auth>("session"),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Auth>(
          "none",
          "cross-origin",
          "bad-token",
          ...(TOKEN_ROUTES.has(route) ? [] : ["token" as const]),
        ),
      },
    );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant("application/json") },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        null,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
      ),
    },
  );
  const caseOf = (route: RouteName, body: fc.Arbitrary<Body>, id: fc.Arbitrary<string> = fc.constant("")) =>
    fc.record({ route: fc.constant(route), id, version: versionChoice, body, auth: auth(route), contentType });

  const statementBody = bodies(statementForm(), statementMutations, ["x"]);
  const retractBody = bodies(
    fc.record({ reason: wordy(60) }),
    fc.oneof(
      reject(["reason"], fc.oneof(over(2_000), fc.constantFrom(null, "", " ", 5))),
      maybe(["reason"], hostileString),
    ),
    ["x"],
  );
  const restoreBody = bodies(
    fc.record({ revisionId: fc.constant("$revision") }),
    fc.oneof(
      reject(["revisionId"], fc.oneof(badId, fc.constant(MISSING_ID), fc.constant(null))),
      maybe(["revisionId"], anyJson),
    ),
    ["x"],
  );
  const speakerBody = bodies(speakerFields(), speakerMutations, null);
  const speakerEdit = bodies(
    speakerFields().chain((r) =>
      fc.subarray(Object.keys(r)).map((keys) => Object.fromEntries(keys.map((k) => [k, r[k]]))),
    ),
    speakerMutations,
    null,
  );
  const topicBody = bodies(topicFields(), topicMutations, null);
  const topicEdit = bodies(
    topicFields().chain((r) =>
      fc.subarray(Object.keys(r)).map((keys) => Object.fromEntries(keys.map((k) => [k, r[k]]))),
    ),
    topicMutations,
    null,
  );
  const mergeBody = (ids: number[]) =>
    bodies(
      fc.record({ intoId: fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...ids).map(String)) }),
      fc.oneof(
        reject(["intoId"], fc.oneof(fc.constantFrom(0, -1, 1.5, "abc", {}, [], true, null, MISSING_ID, "$target"))),
        maybe(["intoId"], anyJson),
      ),
      null,
    );
  const extractBody = bodies(
    fc.record(
      {
        text: fc.constantFrom(...ARTICLE),
        language: fc.constantFrom("en", "ar", "de", "fr", null),
        publishedOn: fc.oneof(fc.constant(null), fc.constantFrom("2016-11-19", "2020-02-29")),
        source: fc.oneof(fc.constant(null), fc.record({ url: validUrl, outlet: wordy(20) })),
      },
      { requiredKeys: ["text"] },
    ),
    fc.oneof(
      reject(["text"], fc.constantFrom(null, "", "   ", 5, [], {})),
      reject(["publishedOn"], fc.constantFrom("2016-02-30", "2016-11", "yesterday", 5, "0999-01-01")),
      reject(["language"], fc.constantFrom(5, [], "x".repeat(40))),
      reject(["source", "url"], fc.constantFrom("javascript:alert(1)", 5, "https://e.org/\u0000")),
      maybe(["text"], fc.oneof(hostileString, fc.string({ unit: "grapheme", maxLength: 400 }))),
      maybe(["language"], hostileString),
      ...["text", "language", "publishedOn", "source"].map((f) => maybe([f], anyJson)),
    ),
    null,
  );
  const acceptBody = bodies(
    fc.record({
      status: fc.constantFrom("draft", "published"),
      source: fc.oneof(fc.constant(null), fc.record({ url: validUrl, outlet: wordy(20), publishedOn: validDate })),
      statements: fc.array(
        statementForm().map((form) =>
          Object.fromEntries(Object.entries(form).filter(([key]) => key !== "sources" && key !== "status")),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    fc.oneof(
      reject(["statements"], fc.constantFrom(null, [], "all", 5)),
      reject(["status"], fc.constantFrom("retracted", 1)),
      reject(["source", "publishedOn"], invalidDate),
      // The article's source and status apply to every statement: an item's own are not read.
      statementMutations
        .filter((m) => m.path[0] !== "sources" && m.path[0] !== "status")
        .map((m): Mutation => ({
          path: ["statements", "0", ...m.path],
          value: m.value,
          clear: m.clear,
          ...(m.field ? { field: `statements.0.${m.field}` } : {}),
        })),
    ),
    null,
  );

  const all = [
    { weight: 4, arbitrary: caseOf("createStatement", statementBody) },
    { weight: 3, arbitrary: caseOf("updateStatement", statementBody, idChoice) },
    { weight: 2, arbitrary: caseOf("retract", retractBody, idChoice) },
    { weight: 2, arbitrary: caseOf("restore", restoreBody, idChoice) },
    { weight: 2, arbitrary: caseOf("createSpeaker", speakerBody) },
    { weight: 2, arbitrary: caseOf("updateSpeaker", speakerEdit, idChoice) },
    { weight: 1, arbitrary: caseOf("mergeSpeaker", mergeBody(known.speakers), idChoice) },
    { weight: 2, arbitrary: caseOf("createTopic", topicBody) },
    { weight: 2, arbitrary: caseOf("updateTopic", topicEdit, idChoice) },
    { weight: 1, arbitrary: caseOf("mergeTopic", mergeBody(known.topics), idChoice) },
    { weight: 2, arbitrary: caseOf("extract", extractBody) },
    { weight: 2, arbitrary: caseOf("accept", acceptBody) },
  ];
  const chosen = only ? all.filter((_, i) => only.includes(CASE_ORDER[i]!)) : all;
  return fc.oneof(...chosen);
}
const CASE_ORDER: RouteName[] = [
  "createStatement",
  "updateStatement",
  "retract",
  "restore",
  "createSpeaker",
  "updateSpeaker",
  "mergeSpeaker",
  "createTopic",
  "updateTopic",
  "mergeTopic",
  "extract",
  "accept",
];

// ——— Running one case ——————————————————————————————————————————————————————

/** The record a case works on, made fresh where the case consumes it (a retraction, a merge's loser). */
async function prepare(c: Case): Promise<{ id: number; version: number; revisionId: number }> {
  const one = async (sql: string, params: unknown[]) =>
    (await env.pool.query<{ id: number; version: number }>(sql, params)).rows[0]!;
  if (c.route === "retract" || c.route === "restore") {
    const form = parseStatementForm({
      text: "A statement to retract or restore.",
      language: "en",
      speakerId: known.speakers[1],
      status: "published",
    });
    if (!form.ok) throw new Error("fixture");
    const saved = await createStatement(env.pool, editor, form.value);
    const revision = await one(`SELECT id, version FROM revisions WHERE entity_type = 'statement' AND entity_id = $1`, [
      saved.id,
    ]);
    return { id: saved.id, version: saved.version, revisionId: Number(revision.id) };
  }
  if (c.route === "mergeSpeaker") {
    const speaker = await createSpeaker(env.pool, {
      input: { name: `Merge me ${Math.random().toString(36).slice(2)}` },
      user: editor,
    });
    return { id: speaker.id, version: speaker.version, revisionId: 0 };
  }
  if (c.route === "mergeTopic") {
    const topic = await createTopic(env.pool, {
      input: { name: `Merge me ${Math.random().toString(36).slice(2)}` },
      user: editor,
    });
    return { id: topic.id, version: topic.version, revisionId: 0 };
  }
  const table = c.route === "updateSpeaker" ? "speakers" : c.route === "updateTopic" ? "topics" : "statements";
  const id =
    c.route === "updateSpeaker" ? targets.speaker : c.route === "updateTopic" ? targets.topic : targets.statement;
  return { ...(await one(`SELECT id, version FROM ${table} WHERE id = $1`, [id])), revisionId: 0 };
}

/** Puts the run's ids and versions into a body ("$current", "$stale", "$revision", "$target"). */
function resolve(value: unknown, ctx: { id: number; version: number; revisionId: number }): unknown {
  if (value === "$current") return ctx.version;
  if (value === "$stale") return ctx.version - 1 >= 1 ? ctx.version - 1 : ctx.version + 7;
  if (value === "$future") return ctx.version + 1;
  if (value === "$revision") return ctx.revisionId;
  if (value === "$target") return ctx.id;
  if (Array.isArray(value)) return value.map((v) => resolve(v, ctx));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ctx)]));
  return value;
}

const VERSIONED = new Set<RouteName>(["updateStatement", "retract", "restore", "updateSpeaker", "updateTopic"]);

/** Zod's own wording must never reach a curator: every message is ours. */
const ZOD_DEFAULT = /^(Invalid input|Invalid option|Too (big|small)|Expected|Required$)|expected .*, received/;

async function readBack(route: RouteName, id: number): Promise<Answer> {
  const path = route.includes("Speaker")
    ? "/api/curate/speakers/[id]"
    : route.includes("Topic")
      ? "/api/curate/topics/[id]"
      : "/api/curate/statements/[id]";
  const load = route.includes("Speaker")
    ? async () => (await import("@/app/api/curate/speakers/[id]/route")).GET
    : route.includes("Topic")
      ? async () => (await import("@/app/api/curate/topics/[id]/route")).GET
      : async () => (await import("@/app/api/curate/statements/[id]/route")).GET;
  const request = new NextRequest(`${ORIGIN}${path.replace("[id]", String(id))}`, {
    headers: { host: "localhost:3000", cookie: sessionCookie },
  });
  const handler = (await load()) as unknown as Handler;
  const response = await inRequestScope(request, `${path}/route`, () =>
    handler(request, { params: Promise.resolve({ id: String(id) }) }),
  );
  return { status: response.status, body: (await response.json()) as Answer["body"], text: "" };
}

type StatementRecordView = Record<string, unknown> & {
  sources: Array<{ url: string | null }>;
  topicIds: number[];
  speakerId: number;
};

/** An accepted statement form reads back as sent (after the form's own cleaning: trimmed, NFC, defaults filled). */
async function expectStatementAsSent(id: number, sent: unknown, statusOverride?: string) {
  const parsed = parseStatementForm(sent);
  expect(parsed.ok, `accepted, yet the form does not parse: ${JSON.stringify(parsed)}`).toBe(true);
  if (!parsed.ok) return;
  const form = parsed.value;
  const stored = await readBack("updateStatement", id);
  expect(stored.status).toBe(200);
  const record = stored.body.record as StatementRecordView;
  expect(record).toMatchObject({
    text: form.text,
    language: form.language,
    kind: form.kind,
    saidOn: form.saidOn?.iso ?? null,
    saidOnApproximate: form.saidOn ? form.saidOnApproximate : false,
    context: form.context,
    translationOfId: form.translationOfId,
    translatedBy: form.translatedBy,
    respondsToIds: [...form.respondsToIds].sort((a, b) => a - b),
    attribution: form.attribution,
    attributionNote: form.attributionNote,
  });
  expect(record.status).toBe(statusOverride ?? form.status);
  if (form.speakerId !== null) expect(record.speakerId).toBe(form.speakerId);
  else {
    // A new speaker typed with a known name or alias is that speaker: the name must be one of theirs.
    const names = await env.pool.query(`SELECT 1 FROM speaker_names WHERE speaker_id = $1 AND normalized = $2`, [
      record.speakerId,
      nameKey(form.newSpeaker!.name),
    ]);
    expect(names.rowCount, `speaker ${record.speakerId} is not "${form.newSpeaker!.name}"`).toBe(1);
  }
  for (const topicId of form.topicIds) expect(record.topicIds).toContain(topicId);
  const topicNames = ((stored.body.labels as { topics: Array<{ name: string }> }).topics ?? []).map((t) => t.name);
  expect(record.topicIds.length).toBeLessThanOrEqual(form.topicIds.length + form.newTopics.length);
  expect(topicNames.length).toBe(record.topicIds.length);
  const urls = (list: Array<{ url: string | null }>) =>
    [...new Set(list.map((s) => s.url).filter((u): u is string => u !== null))].sort();
  expect(urls(record.sources)).toEqual(urls(form.sources));
}

async function runCase(c: Case) {
  const ctx = await prepare(c);
  const id = c.id === "$target" ? String(ctx.id) : c.id;
  let text: string;
  let sent: unknown = undefined;
  if (c.body.kind === "json") {
    sent = resolve(c.body.value, ctx);
    if (VERSIONED.has(c.route) && typeof sent === "object" && sent !== null && !Array.isArray(sent))
      sent = { ...sent, version: resolve(c.version, ctx) };
    text = JSON.stringify(sent);
  } else {
    text = c.body.text;
  }
  const routeTakesId = ROUTES[c.route].path.includes("[id]");
  // The record the request addresses: speaker and topic routes read " 12 " as 12.
  const addressed = c.id === "$target" ? ctx.id : /^\s*[1-9]\d{0,8}\s*$/.test(c.id) ? Number(c.id.trim()) : null;
  const before = await takeSnapshot(env.pool);
  const storedBefore =
    (c.route === "updateSpeaker" || c.route === "updateTopic") && addressed !== null
      ? await readBack(c.route, addressed)
      : null;
  const answer = await call(
    c.route,
    routeTakesId ? id : null,
    text === "" && c.body.kind === "raw" && c.body.text === "" ? undefined : text,
    { auth: c.auth, contentType: c.contentType },
  );
  const after = await takeSnapshot(env.pool);
  const diff = diffSnapshots(before, after);
  const why = `${c.route} ${answer.status} ${answer.text.slice(0, 500)}\n  changes: ${describeDiff(diff)}`;

  // Never a 5xx.
  expect(answer.status, why).toBeLessThan(500);

  if (answer.status === 400) {
    const error = answer.body.error!;
    expect(error.code, why).toBe("invalid_parameter");
    expect(error.fields?.length, why).toBeGreaterThan(0);
    for (const f of error.fields!) {
      expect(typeof f.field === "string" && f.field.length > 0, `a 400 must name each field: ${why}`).toBe(true);
      expect(f.message.length, why).toBeGreaterThan(0);
      expect(f.message, why).not.toMatch(ZOD_DEFAULT);
    }
    expect(error.message).toBe(error.fields!.map((f) => `${f.field}: ${f.message}`).join("; "));
    // A version that was sent, but is not a version, is not "required": the message must say what a version is.
    const sentVersion = typeof sent === "object" && sent !== null ? (sent as Raw).version : undefined;
    if (sentVersion !== undefined && sentVersion !== null) {
      for (const f of error.fields!.filter((f) => f.field === "version"))
        expect(f.message, why).not.toBe("is required");
    }
  }
  if (answer.status >= 400) {
    // Refused: nothing changed, anywhere.
    expect(diff, `refused, yet data changed: ${why}`).toEqual({});
  }

  // What must be refused is refused, naming its field — unless refused earlier for another reason (who asks, which id, which version).
  const refusedEarlier = !(c.auth === "session" || (c.auth === "token" && TOKEN_ROUTES.has(c.route)));
  const mustReject = c.body.mustReject;
  if (mustReject !== undefined && !refusedEarlier) {
    expect(answer.status, `must be refused: ${why}`).toBeGreaterThanOrEqual(400);
    const idRefused = answer.status === 400 && answer.body.error?.fields?.some((f) => f.field === "id");
    if (answer.status === 400 && mustReject !== "" && !idRefused) {
      const fields = answer.body.error!.fields!.map((f) => f.field);
      const named =
        fields.some((f) => f === mustReject || f.startsWith(`${mustReject}.`)) ||
        (mustReject !== "body" && fields.includes("version")) ||
        (mustReject === "body" && fields.includes("text"));
      expect(named, `should name ${mustReject}: ${why}`).toBe(true);
    }
  }
  if (c.auth === "none" || (c.auth === "bad-token" && TOKEN_ROUTES.has(c.route))) expect(answer.status, why).toBe(401);
  if (c.auth === "bad-token" && !TOKEN_ROUTES.has(c.route))
    expect(answer.body.error?.code, why).toBe("token_not_accepted");
  if (c.auth === "cross-origin") expect(answer.status, why).toBe(403);
  if (c.auth === "token" && !TOKEN_ROUTES.has(c.route)) expect(answer.body.error?.code, why).toBe("token_not_accepted");
  // Only the stored version is accepted: a stale, future or malformed one never is; a conflict tells the stored one.
  const storedRecord = (storedBefore?.body.speaker ?? storedBefore?.body.topic) as { version: number } | undefined;
  const storedVersion = storedRecord?.version ?? ctx.version;
  if (VERSIONED.has(c.route) && answer.status < 300) expect(Number(resolve(c.version, ctx)), why).toBe(storedVersion);
  if (answer.status === 409 && answer.body.error?.code === "version_conflict")
    expect(answer.body.currentVersion, why).toBe(storedVersion);

  // Accepted: the record reads back as sent.
  if (answer.status < 300)
    await expectAccepted(c, sent, answer, { ...ctx, id: addressed ?? ctx.id }, storedBefore, diff, why);
}

async function expectAccepted(
  c: Case,
  sent: unknown,
  answer: Answer,
  ctx: { id: number; version: number },
  storedBefore: Answer | null,
  diff: ReturnType<typeof diffSnapshots>,
  why: string,
) {
  const body = answer.body as Record<string, unknown>;
  const input = sent as Raw;
  switch (c.route) {
    case "createStatement": {
      expect(answer.status, why).toBe(201);
      await expectStatementAsSent(body.id as number, sent);
      break;
    }
    case "updateStatement": {
      expect(body.version, why).toBe(ctx.version + 1);
      await expectStatementAsSent(ctx.id, sent);
      break;
    }
    case "retract": {
      const stored = await readBack("updateStatement", ctx.id);
      expect((stored.body.record as Raw).status).toBe("retracted");
      expect((stored.body.record as Raw).retractionReason).toBe(cleanMultilineText(String(input.reason)));
      expect(stored.body.version).toBe(ctx.version + 1);
      break;
    }
    case "restore": {
      expect(body.version, why).toBe(ctx.version + 1);
      break;
    }
    case "createSpeaker":
    case "updateSpeaker": {
      const speaker = body.speaker as Raw;
      const base =
        c.route === "updateSpeaker"
          ? Object.fromEntries(SPEAKER_FIELDS.map((f) => [f, (storedBefore!.body.speaker as Raw)[f]]))
          : {};
      const expected = parseSpeakerFields({ ...base, ...pickPresent(input, SPEAKER_FIELDS) });
      const stored = (await readBack(c.route, speaker.id as number)).body.speaker as Raw;
      for (const field of SPEAKER_FIELDS) expect(stored[field], `${field}: ${why}`).toEqual(expected[field]);
      break;
    }
    case "createTopic":
    case "updateTopic": {
      const topic = body.topic as Raw;
      const base =
        c.route === "updateTopic"
          ? Object.fromEntries(TOPIC_FIELDS.map((f) => [f, (storedBefore!.body.topic as Raw)[f]]))
          : {};
      const expected = parseTopicFields({ ...base, ...pickPresent(input, TOPIC_FIELDS) });
      const stored = (await readBack(c.route, topic.id as number)).body.topic as Raw;
      for (const field of TOPIC_FIELDS) expect(stored[field], `${field}: ${why}`).toEqual(expected[field]);
      break;
    }
    case "mergeSpeaker":
    case "mergeTopic": {
      const into = Number(input.intoId);
      expect((body.into as Raw).id).toBe(into);
      expect((await readBack(c.route, ctx.id)).status, why).toBe(404);
      expect((await readBack(c.route, into)).status, why).toBe(200);
      break;
    }
    case "extract": {
      // Proposing reads; it never writes.
      expect(answer.status, why).toBe(200);
      expect(Array.isArray(body.proposals), why).toBe(true);
      expect(diff, `extract changed data: ${why}`).toEqual({});
      break;
    }
    case "accept": {
      expect(answer.status, why).toBe(201);
      const saved = body.statements as Array<{ id: number }>;
      const items = input.statements as unknown[];
      expect(saved.length).toBe(items.length);
      const sources = input.source ? [input.source] : [];
      for (const [i, { id }] of saved.entries())
        await expectStatementAsSent(
          id,
          { ...(items[i] as Raw), sources, status: input.status ?? "draft" },
          String(input.status ?? "draft"),
        );
      break;
    }
  }
}

function label(c: Case): Case {
  const body =
    c.body.kind === "raw"
      ? `raw ${JSON.stringify(c.body.text.length > 200 ? `${c.body.text.slice(0, 200)}… (${c.body.text.length})` : c.body.text)}`
      : JSON.stringify(c.body.value)?.slice(0, 600);
  return Object.assign(c, {
    [fc.toStringMethod]: () =>
      `${c.route} id=${JSON.stringify(c.id)} version=${JSON.stringify(c.version)} auth=${c.auth} type=${c.contentType} mustReject=${c.body.mustReject ?? "-"} body=${body}`,
  });
}

// ——— Properties —————————————————————————————————————————————————————————————

describe("random curator form submissions through the write routes", () => {
  it("never answer 5xx; a 400 names each field and rule; a refusal changes nothing; an accepted form reads back as sent", async () => {
    await fc.assert(
      fc.asyncProperty(cases().map(label), async (c) => {
        await runCase(c);
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 150) },
    );
  });

  it("edits based on any version but the stored one are refused, changing nothing; a malformed version is named with its rule", async () => {
    const versioned = cases(["updateStatement", "retract", "restore", "updateSpeaker", "updateTopic"]).filter(
      (c) => c.version !== "$current" && c.body.kind === "json" && c.body.mustReject === undefined,
    );
    await fc.assert(
      fc.asyncProperty(versioned.map(label), async (c) => {
        await runCase(c);
      }),
      { numRuns: Number(process.env.PROP_RUNS_VERSIONS ?? 60) },
    );
  });
});

// ——— Counterexamples the properties found, kept as plain cases ————————————————

describe("curator form regressions found by the properties", () => {
  it('a retraction based on version 0 names the rule for version (was: "version: is required" for a version that was sent)', async () => {
    const form = parseStatementForm({
      text: "To retract with a bad version.",
      language: "en",
      speakerId: known.speakers[0],
      status: "published",
    });
    if (!form.ok) throw new Error("fixture");
    const { id } = await createStatement(env.pool, editor, form.value);
    for (const version of [0, -1, 1.5, "1", 2 ** 40]) {
      const before = await takeSnapshot(env.pool);
      const answer = await call("retract", String(id), JSON.stringify({ reason: "a", version }), {
        auth: "session",
        contentType: "application/json",
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.fields).toEqual([
        { field: "version", message: "is required: the version you started editing (a positive whole number)" },
      ]);
      expect(diffSnapshots(before, await takeSnapshot(env.pool))).toEqual({});
    }
  });

  it("a lone surrogate in a statement's text or a speaker's name is saved as U+FFFD (was: jsonb refused the revision, 500)", async () => {
    const created = await call(
      "createStatement",
      null,
      '{"text":"before \\ud800 after","language":"en","newSpeaker":{"name":"Lone \\udc00 Surrogate"},"newTopics":["t\\ud83d"]}',
      { auth: "token", contentType: "application/json" },
    );
    expect(created.status, created.text).toBe(201);
    const stored = await readBack("createStatement", created.body.id as number);
    expect((stored.body.record as Raw).text).toBe("before \uFFFD after");
    expect((stored.body.labels as { speaker: { name: string } }).speaker.name).toBe("Lone \uFFFD Surrogate");
    const speaker = await call("createSpeaker", null, '{"name":"a\\ud800b","aliases":["\\udfff"]}', {
      auth: "session",
      contentType: "application/json",
    });
    expect(speaker.status, speaker.text).toBe(201);
    expect(speaker.body.speaker).toMatchObject({ name: "a\uFFFDb", aliases: ["\uFFFD"] });
  });

  it("a source URL with NUL or a lone surrogate is refused naming it, and nothing is saved (was: 500)", async () => {
    const before = await takeSnapshot(env.pool);
    for (const url of ["https://example.org/a\u0000b", "https://example.org/\ud800"]) {
      const answer = await call(
        "createStatement",
        null,
        JSON.stringify({ text: "Words.", language: "en", speakerId: known.speakers[0], sources: [{ url }] }),
        { auth: "session", contentType: "application/json" },
      );
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body.error?.fields).toContainEqual({
        field: "sources.0.url",
        message: "must be an http(s) URL without control characters",
      });
    }
    expect(diffSnapshots(before, await takeSnapshot(env.pool))).toEqual({});
  });
});
