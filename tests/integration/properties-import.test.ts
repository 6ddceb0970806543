import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile, type ImportFileResult } from "@/lib/import/import-file";
import { sourceKey } from "@/lib/db/writes";
import { effectiveExternalId } from "@/lib/import/import-statements";
import { readLines } from "@/lib/import/read-lines";
import { seedDemoData } from "@/lib/seed/demo";
import { STATEMENT_LIMITS, parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { describeDiff, diffSnapshots, takeSnapshot, type DataSnapshot } from "../support/data-snapshot";
import { statementTextKey } from "@/lib/text/statement-key";
import { useTestEnvironment } from "../support/integration";

// Issue 7, item 4: random import files through the real importer (readLines →
// parseImportLine → importBatch, one transaction per batch) into a real
// Postgres. Lines are valid lines of the import contract, the same lines with
// one field made wrong (a random JSON value, a wrong type, an oversized string,
// an impossible date, control characters, lone surrogates), unknown fields,
// non-JSON garbage, invalid UTF-8, blank lines and huge lines. The importer
// must never throw; it must report every rejected line with its number and the
// field and rule; a rejected line must change nothing (every row that changed
// is accounted for by an accepted line); and the valid lines of the file are
// imported all the same. The parser alone is covered by
// lib/validation/import-line.test.ts; this is the whole path.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let dir: string;
let fileCount = 0;

beforeAll(async () => {
  env = await useTestEnvironment("properties_import");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "properties-import-"));
  // Something already imported, which no later file may lose.
  await seedDemoData(env.pool);
});
afterAll(async () => {
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// ——— Generators ———————————————————————————————————————————————————————————

const LETTERS = ["a", "Z", "é", "ß", "ق", "ل", "ش", "ж", "中", "ü", "Ø"];
/** A string with at least one letter, so that it survives cleaning; any script, emoji and marks around it. */
const wordy = (maxLength: number) =>
  fc
    .tuple(
      fc.constantFrom(...LETTERS),
      fc.string({ unit: "grapheme", maxLength }),
      fc.constantFrom("", " ", "  ", "\t", "🙂", " قال", "ـ"),
    )
    .map(([letter, rest, tail]) => `${letter}${rest}${tail}`.slice(0, maxLength));

const SPEAKERS = ["Ms. Example", "Angela Merkel", "ميركل", "Médecins Sans Frontières", "MSF", "Jane Doe", "jane   doe"];
const TOPICS = ["Peace", "peace", "Aleppo", "حلب", "Refugees", "Human rights", "Klima"];

const validDate = fc.oneof(
  fc.integer({ min: 1000, max: 2999 }).map(String),
  fc
    .tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
  fc
    .tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
);

const validUrl = fc
  .tuple(
    fc.constantFrom("http", "https"),
    fc.constantFrom("example.org", "news.example.com", "aawsat.com"),
    fc.stringMatching(/^[a-z0-9/_-]{0,30}$/),
  )
  .map(([scheme, host, rest]) => `${scheme}://${host}/${rest}`);

type Raw = Record<string, unknown>;

/** A line valid under the import contract (checked: the parser must accept it). */
const validRecord: fc.Arbitrary<Raw> = fc.record(
  {
    externalId: fc.oneof(
      fc.integer({ min: 1, max: 25 }).map((n) => `prop-${n}`),
      fc.constant(null),
    ),
    text: wordy(200),
    language: fc.constantFrom("ar", "de", "en", "fr", "AR", " en "),
    kind: fc.constantFrom("direct", "indirect", "mixed", null, ""),
    speaker: fc.record(
      {
        name: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPEAKERS) }, { weight: 1, arbitrary: wordy(60) }),
        kind: fc.constantFrom("person", "organization", "group", null),
        role: fc.oneof(fc.constant(null), wordy(40)),
        affiliation: fc.oneof(fc.constant(null), fc.constantFrom("Utopia", "UN", "الأمم المتحدة")),
        aliases: fc.array(wordy(20), { maxLength: 3 }),
      },
      { requiredKeys: ["name"] },
    ),
    saidOn: fc.oneof(validDate, fc.constant(null)),
    topics: fc.array(fc.oneof(fc.constantFrom(...TOPICS), wordy(30)), { maxLength: 4 }),
    source: fc.record(
      {
        url: fc.oneof(validUrl, fc.constant(null)),
        outlet: fc.oneof(wordy(30), fc.constant(null)),
        title: fc.oneof(wordy(30), fc.constant(null)),
        publishedAt: fc.oneof(validDate, fc.constant(null)),
      },
      { requiredKeys: [] },
    ),
    context: fc.oneof(fc.constant(null), wordy(100)),
  },
  { requiredKeys: ["text", "language", "speaker"] },
);

/** Strings no field should ever crash on: control characters, lone surrogates, bidi controls, NUL. */
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\ud83d",
    "\u202egnirts\u202c",
    "\u200b",
    "<script>alert(1)</script>",
    "'; DROP TABLE statements; --",
    "%00",
    "\\u0000",
    "\r\n",
    "\u0085",
    "\ufeff",
  ),
  fc.tuple(fc.constantFrom(...LETTERS), fc.string({ unit: "binary", maxLength: 20 })).map(([a, b]) => `${a}${b}`),
);

const WRONG_TYPES = [5, 0, -1, 1.5, true, false, [], ["x"], {}, { a: 1 }];

/** A field made wrong in a way that must be refused, with the field the message must name. */
type Mutation = { path: string[]; value: unknown; mustReject: boolean; field: string };

const invalidDate = fc.constantFrom(
  "2016-13-01",
  "2015-02-29",
  "2016-02-30",
  "17.11.2016",
  "2016-1-5",
  "0999",
  "3000",
  "yesterday",
  "2016/11/17",
  "+002016",
  "2016-11-17T10:00",
  "٢٠١٦",
);

function mustReject(
  pathParts: string[],
  value: fc.Arbitrary<unknown>,
  field = pathParts.join("."),
): fc.Arbitrary<Mutation> {
  return value.map((v) => ({ path: pathParts, value: v, mustReject: true, field }));
}
function anything(pathParts: string[], value: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  return value.map((v) => ({ path: pathParts, value: v, mustReject: false, field: pathParts.join(".") }));
}
const over = (limit: number) => fc.integer({ min: limit + 1, max: limit + 40 }).map((n) => "x".repeat(n));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Values the contract refuses, each naming its field.
  mustReject(["text"], over(STATEMENT_LIMITS.textMaxLength)),
  mustReject(["text"], fc.constantFrom(...WRONG_TYPES)),
  mustReject(["text"], fc.constantFrom(null, "", "   ", "\u0000\u0001", "\n\t")),
  mustReject(["language"], fc.constantFrom("xx", "english", "", "en-US", "e n", 7, null)),
  mustReject(["kind"], fc.constantFrom("quote", "Direct", 3, ["direct"])),
  mustReject(["saidOn"], fc.oneof(invalidDate, fc.constantFrom(2016, true, {}))),
  mustReject(["externalId"], fc.constantFrom("a b", "a/b", "ü", "x".repeat(201), 12, {})),
  mustReject(["speaker"], fc.constantFrom("Jane Doe", 5, ["Jane"]), "speaker"),
  mustReject(
    ["speaker", "name"],
    fc.oneof(over(STATEMENT_LIMITS.speakerNameMaxLength), fc.constantFrom(null, "", " ", 7, ["x"])),
  ),
  mustReject(["speaker", "kind"], fc.constantFrom("robot", 1)),
  mustReject(["speaker", "role"], over(STATEMENT_LIMITS.speakerRoleMaxLength)),
  mustReject(["speaker", "aliases"], fc.constantFrom("Jane", 5, [1], [null]), "speaker.aliases"),
  mustReject(["topics"], fc.constantFrom("economy", 5, { a: 1 }, [null], [7]), "topics"),
  mustReject(
    ["topics"],
    over(STATEMENT_LIMITS.topicMaxLength).map((t) => ["Peace", t]),
    "topics.1",
  ),
  mustReject(["context"], fc.oneof(over(STATEMENT_LIMITS.contextMaxLength), fc.constantFrom(1, [], {}))),
  mustReject(["source"], fc.constantFrom("https://example.org", 5, [{}]), "source"),
  mustReject(
    ["source", "url"],
    fc.constantFrom(
      "javascript:alert(1)",
      "ftp://example.org/a",
      "/news/1",
      "http://",
      "example.org",
      1,
      `https://e.org/${"x".repeat(2000)}`,
    ),
  ),
  mustReject(["source", "publishedAt"], invalidDate),
  // Values that may or may not be accepted: the importer must cope either way.
  anything(["text"], hostileString),
  anything(["speaker", "name"], hostileString),
  anything(["speaker", "role"], hostileString),
  anything(["speaker", "affiliation"], hostileString),
  anything(["speaker", "aliases"], fc.array(hostileString, { maxLength: 3 })),
  anything(["topics"], fc.array(hostileString, { maxLength: 3 })),
  anything(["context"], hostileString),
  anything(
    ["source", "url"],
    fc.oneof(
      hostileString,
      validUrl.chain((u) => hostileString.map((h) => `${u}${h}`)),
    ),
  ),
  anything(["source", "outlet"], hostileString),
  anything(["source", "title"], hostileString),
  anything(["externalId"], hostileString),
  ...["externalId", "text", "language", "kind", "speaker", "saidOn", "topics", "source", "context"].map((field) =>
    anything([field], fc.jsonValue({ maxDepth: 2 })),
  ),
);

function setPath(record: Raw, pathParts: string[], value: unknown): Raw {
  const copy = structuredClone(record);
  let at: Raw = copy;
  for (const key of pathParts.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Raw;
  }
  const last = pathParts.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** One line of a file: its bytes, and what we know of it by construction. */
type GeneratedLine = {
  bytes: Buffer;
  kind: "valid" | "mutated" | "unknown-field" | "garbage" | "blank" | "bytes" | "huge";
  mustReject?: string;
  mustAccept?: boolean;
};

/** Shown in a counterexample as its text (bytes that are not UTF-8 as \\xNN), long lines cut. */
function shown(line: GeneratedLine): GeneratedLine {
  const utf8 = line.bytes.toString("utf8");
  const text = Buffer.from(utf8).equals(line.bytes)
    ? utf8
    : [...line.bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16)}`)).join("");
  const preview = text.length > 300 ? `${text.slice(0, 300)}… (${line.bytes.length} bytes)` : text;
  return Object.assign(line, {
    [fc.toStringMethod]: () =>
      `${line.kind}${line.mustReject !== undefined ? ` (reject: ${line.mustReject || "line"})` : ""} ${JSON.stringify(preview)}`,
  });
}

const noNewline = (s: string) => s.replace(/[\n]/g, " ");

const lineArb: fc.Arbitrary<GeneratedLine> = fc
  .oneof(
    {
      weight: 5,
      arbitrary: validRecord.map((r): GeneratedLine => ({
        bytes: Buffer.from(JSON.stringify(r)),
        kind: "valid",
        mustAccept: true,
      })),
    },
    {
      weight: 6,
      arbitrary: fc.tuple(validRecord, mutation).map(([r, m]): GeneratedLine => ({
        bytes: Buffer.from(JSON.stringify(setPath(r, m.path, m.value))),
        kind: "mutated",
        ...(m.mustReject ? { mustReject: m.field } : {}),
      })),
    },
    {
      // Unknown keys are ignored by the contract (the corpus carries extras): still imported.
      weight: 1,
      arbitrary: fc
        .tuple(
          validRecord,
          fc
            .string({ minLength: 1, maxLength: 12 })
            .filter(
              (k) =>
                ![
                  "externalId",
                  "text",
                  "language",
                  "kind",
                  "speaker",
                  "saidOn",
                  "topics",
                  "source",
                  "context",
                  "__proto__",
                ].includes(k),
            ),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([r, key, value]): GeneratedLine => ({
          bytes: Buffer.from(JSON.stringify({ ...r, [key]: value })),
          kind: "unknown-field",
          mustAccept: true,
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.string({ unit: "binary", minLength: 1, maxLength: 80 }),
          fc.constantFrom(
            "{ not json",
            "{text:",
            "[]",
            "null",
            "42",
            '"a string"',
            "true",
            "{}",
            '{"text": "unterminated',
            "\u0000",
            "}{",
            '[{"text":"a","language":"en","speaker":{"name":"X"}}]',
          ),
        )
        .map(noNewline)
        .filter((s) => s.trim() !== "")
        .map((s): GeneratedLine => ({ bytes: Buffer.from(s), kind: "garbage", mustReject: "" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("", " ", "\t", "  \t ", "\r")
        .map((s): GeneratedLine => ({ bytes: Buffer.from(s), kind: "blank" })),
    },
    {
      // Invalid UTF-8 (lone continuation bytes, a cut sequence, an encoded surrogate, an overlong form) inside a valid line's text.
      weight: 1,
      arbitrary: fc
        .tuple(
          validRecord,
          fc.constantFrom(
            [0xff],
            [0xfe, 0xff],
            [0x80],
            [0xc3],
            [0xe2, 0x82],
            [0xed, 0xa0, 0x80],
            [0xc0, 0xaf],
            [0xf4, 0x90, 0x80, 0x80],
          ),
        )
        .map(([r, bad]): GeneratedLine => {
          const [head, tail] = JSON.stringify({ ...r, text: "BEFORE\u0001AFTER" }).split("\\u0001");
          return { bytes: Buffer.concat([Buffer.from(head!), Buffer.from(bad), Buffer.from(tail!)]), kind: "bytes" };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          (): GeneratedLine => ({
            bytes: Buffer.from(`{"text":"${"word ".repeat(60_000)}","language":"en","speaker":{"name":"Huge"}}`),
            kind: "huge",
            mustReject: "text",
          }),
          (): GeneratedLine => ({ bytes: Buffer.from("x".repeat(300_000)), kind: "huge", mustReject: "" }),
          (): GeneratedLine => ({
            bytes: Buffer.from(
              JSON.stringify({
                text: "Big topics.",
                language: "en",
                speaker: { name: "Huge" },
                topics: Array.from({ length: 5000 }, (_, i) => `t${i}`),
              }),
            ),
            kind: "huge",
            mustReject: "topics",
          }),
        )
        .map((make) => make()),
    },
  )
  .map(shown);

type FileSpec = { lines: GeneratedLine[]; newline: "\n" | "\r\n"; bom: boolean; gzip: boolean };

const fileArb = (line: fc.Arbitrary<GeneratedLine>, maxLines = 14): fc.Arbitrary<FileSpec> =>
  fc.record({
    lines: fc.array(line, { minLength: 1, maxLength: maxLines }),
    newline: fc.constantFrom("\n" as const, "\r\n" as const),
    bom: fc.boolean(),
    gzip: fc.boolean(),
  });

function writeFile(spec: FileSpec): string {
  const parts: Buffer[] = [];
  if (spec.bom) parts.push(Buffer.from("\uFEFF"));
  spec.lines.forEach((line, i) => {
    parts.push(line.bytes);
    if (i < spec.lines.length - 1 || fileCount % 2 === 0) parts.push(Buffer.from(spec.newline));
  });
  const content = Buffer.concat(parts);
  const file = path.join(dir, `file-${++fileCount}.jsonl${spec.gzip ? ".gz" : ""}`);
  fs.writeFileSync(file, spec.gzip ? zlib.gzipSync(content) : content);
  return file;
}

// ——— What the file should give ——————————————————————————————————————————————

/** The lines as the contract reads them (readLines is tested on its own), each parsed. */
async function expectedOf(file: string) {
  const accepted: Array<{ lineNumber: number; value: ImportLine }> = [];
  const rejected: Array<{ lineNumber: number; reason: string }> = [];
  for await (const { lineNumber, line } of readLines(file)) {
    const parsed = parseImportLine(line);
    if (parsed.ok) accepted.push({ lineNumber, value: parsed.value });
    else rejected.push({ lineNumber, reason: parsed.reason });
  }
  return { accepted, rejected };
}

/** "line N: field: rule" — the reason names the field (or says the line is not JSON, or not an object) and the rule. */
const REASON =
  /^(invalid JSON: \S.*|the line must be a JSON object, not (an array|null|a \w+)|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*: \S.*)$/s;

async function runImport(file: string): Promise<ImportFileResult> {
  try {
    return await importFile(env.pool, file);
  } catch (error) {
    const lines = fs
      .readFileSync(file, "latin1")
      .split("\n")
      .map((l) => (l.length > 200 ? `${l.slice(0, 200)}…` : l));
    throw new Error(
      `the importer threw: ${error instanceof Error ? error.stack : String(error)}\non the file (as latin1):\n${lines.join("\n")}`,
    );
  }
}

type StatementRow = {
  id: number;
  external_id: string;
  text: string;
  language: string;
  kind: string;
  said_on: string | null;
  context: string | null;
  speaker_name: string;
};

/** The statement of each import id: its own, or (a line joined to another statement as a report) its alias's. */
async function statementsByExternalId(ids: string[]): Promise<Map<string, StatementRow & { via_alias: boolean }>> {
  const { rows } = await env.pool.query<StatementRow & { key: string; via_alias: boolean }>(
    `SELECT s.id, s.external_id AS key, s.external_id, s.text, s.language, s.kind, s.said_on::text AS said_on, s.context,
            sp.name AS speaker_name, false AS via_alias
       FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.external_id = ANY($1::text[])
     UNION ALL
     SELECT s.id, a.external_id, s.external_id, s.text, s.language, s.kind, s.said_on::text, s.context, sp.name, true
       FROM statement_aliases a JOIN statements s ON s.id = a.statement_id JOIN speakers sp ON sp.id = s.speaker_id
      WHERE a.external_id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.key, r]));
}

/** Every change between the snapshots is one that an accepted line explains. */
async function expectOnlyAcceptedChanges(
  before: DataSnapshot,
  after: DataSnapshot,
  accepted: ImportLine[],
  result: ImportFileResult,
) {
  const diff = diffSnapshots(before, after);
  const why = `changes:\n  ${describeDiff(diff)}`;
  const lastByExternalId = new Map<string, ImportLine>();
  const firstIndex = new Map<string, number>();
  const lastIndex = new Map<string, number>();
  for (const [index, line] of accepted.entries()) {
    const externalId = effectiveExternalId(line);
    lastByExternalId.set(externalId, line);
    if (!firstIndex.has(externalId)) firstIndex.set(externalId, index);
    lastIndex.set(externalId, index);
  }
  const externalIds = [...lastByExternalId.keys()];
  const stored = await statementsByExternalId(externalIds);

  const aliasedBefore = new Set(
    (before.statement_aliases?.rows ?? []).map((r) => (JSON.parse(r) as { external_id: string }).external_id),
  );
  // Every accepted line is there, as its last line says (a later line with the same externalId updates the earlier).
  for (const [externalId, line] of lastByExternalId) {
    const row = stored.get(externalId);
    expect(row, `statement ${externalId} of an accepted line`).toBeDefined();
    if (row!.via_alias) {
      // Joined as a report by this file: the statement has the words of the line that joined it, its first
      // with this externalId (a later one replaces only its own report), unless the statement's own line comes
      // later in the file and changes them (lines act in file order, whatever the batches). A line joined
      // before keeps reporting its statement, in its own (possibly changed) wording.
      const joinedAt = firstIndex.get(externalId)!;
      const changedLater = (lastIndex.get(row!.external_id) ?? -1) > joinedAt;
      if (!aliasedBefore.has(externalId) && !changedLater)
        expect(statementTextKey(row!.text), `${externalId} joined ${row!.external_id}\n${why}`).toBe(
          statementTextKey(accepted[joinedAt]!.text),
        );
      continue;
    }
    expect(row!.text).toBe(line.text);
    expect(row!.language).toBe(line.language);
    expect(row!.kind).toBe(line.kind);
    expect(row!.said_on).toBe(line.saidOn?.start ?? null);
  }
  const touchedIds = new Set([...stored.values()].map((r) => r.id));

  const existedBefore = new Set(
    before.statements!.rows.map((r) => (JSON.parse(r) as { external_id: string | null }).external_id),
  );
  // A new id is a new statement, or one more report of a statement with the same speaker and words.
  const newIds = externalIds.filter((id) => !existedBefore.has(id) && !aliasedBefore.has(id));
  const created = newIds.filter((id) => !stored.get(id)!.via_alias).length;
  expect(result.created, why).toBe(created);
  expect(result.merged, why).toBeGreaterThanOrEqual(newIds.length - created);
  expect(result.created + result.updated + result.unchanged + result.merged).toBe(accepted.length);

  const statementIdOf = (row: Record<string, unknown>) => Number(row.statement_id ?? row.id);
  for (const table of ["statements", "statement_topics", "statement_reports"]) {
    for (const row of [...(diff[table]?.added ?? []), ...(diff[table]?.removed ?? [])]) {
      expect(
        touchedIds.has(statementIdOf(row)),
        `${table} row of a statement no accepted line names: ${JSON.stringify(row).slice(0, 300)}\n${why}`,
      ).toBe(true);
    }
  }
  // Nothing already stored is lost: a statement row removed was replaced by its update (or its new version,
  // when a line joined it as a report).
  expect(diff.statements?.removed.length ?? 0).toBeLessThanOrEqual(result.updated + result.merged);
  expect(after.statements!.count).toBe(before.statements!.count + result.created);

  // One revision per statement created or changed, and one per statement that gained reports; an outbox
  // row for each statement written (once, however many lines of the batch wrote it); nothing else gets one.
  const writes = result.created + result.updated;
  for (const table of ["revisions", "outbox"]) {
    expect(diff[table]?.removed ?? [], why).toEqual([]);
    const added = diff[table]?.added.length ?? 0;
    expect(added, why).toBeLessThanOrEqual(writes + result.merged);
    if (table === "revisions") expect(added, why).toBeGreaterThanOrEqual(writes);
    else expect(added > 0, why).toBe(writes + result.merged > 0);
    for (const row of diff[table]?.added ?? []) {
      expect(row.entity_type).toBe("statement");
      expect(touchedIds.has(Number(row.entity_id)), why).toBe(true);
    }
  }

  // New speakers, topics and sources are those of accepted lines; none is changed or removed.
  const speakerNames = new Set(accepted.map((l) => l.speaker.name));
  const topicNames = new Set(accepted.flatMap((l) => l.topics));
  const sourceKeys = new Set(accepted.flatMap((l) => (l.source ? [sourceKey(l.source)] : [])));
  for (const [table, allowed, column] of [
    ["speakers", speakerNames, "name"],
    ["topics", topicNames, "name"],
    ["sources", sourceKeys, "key"],
  ] as const) {
    expect(diff[table]?.removed ?? [], why).toEqual([]);
    for (const row of diff[table]?.added ?? [])
      expect(allowed.has(String(row[column])), `${table}: ${JSON.stringify(row)}\n${why}`).toBe(true);
  }
  const newSpeakerIds = new Set((diff.speakers?.added ?? []).map((r) => Number(r.id)));
  expect(diff.speaker_names?.removed ?? []).toEqual([]);
  for (const row of diff.speaker_names?.added ?? []) expect(newSpeakerIds.has(Number(row.speaker_id)), why).toBe(true);

  // The importer touches nothing else.
  for (const table of ["users", "statement_responses", "slug_redirects", "api_tokens", "setup_tokens"])
    expect(diff[table], `${table}\n${why}`).toBeUndefined();
}

// ——— Properties —————————————————————————————————————————————————————————————

// Each property stops within vitest's 60 s test timeout, shrinking included, so that a failure on a slow
// machine is reported with its counterexample (a timed-out property reports none and keeps importing into
// the next test). A slow machine may so try fewer files; PROP_RUNS=N (with --testTimeout) tries N in full, and
// PROP_SEED=<seed of a failure> with PROP_RUNS=<its path + 1> replays that failure without shrinking.
const timeLimit = process.env.PROP_RUNS ? [] : [fc.interruptAfterTimeLimit(45_000)];
const replay = process.env.PROP_SEED ? { seed: Number(process.env.PROP_SEED), endOnFailure: true } : {};

describe("random import files through the real importer", () => {
  it("never throws; reports each rejected line with its number, field and rule; changes only what accepted lines say; imports every valid line", async () => {
    await fc.assert(
      fc.asyncProperty(fileArb(lineArb), async (spec) => {
        const file = writeFile(spec);
        const expected = await expectedOf(file);
        const before = await takeSnapshot(env.pool);
        const result = await runImport(file);
        const after = await takeSnapshot(env.pool);

        // Every rejected line, with its line number (blank lines count, as in an editor) and a reason naming the field and rule.
        expect(result.rejected).toEqual(expected.rejected);
        expect(result.lines).toBe(expected.accepted.length + expected.rejected.length);
        for (const { reason } of result.rejected) expect(reason).toMatch(REASON);

        // What we know by construction (independent of the parser): line i of the file is line i + 1.
        const rejectedAt = new Map(result.rejected.map((r) => [r.lineNumber, r.reason]));
        const acceptedAt = new Set(expected.accepted.map((a) => a.lineNumber));
        spec.lines.forEach((line, i) => {
          const lineNumber = i + 1;
          if (line.mustReject !== undefined) {
            const reason = rejectedAt.get(lineNumber);
            expect(
              reason,
              `line ${lineNumber} (${line.kind}) must be rejected: ${line.bytes.subarray(0, 300).toString("utf8")}`,
            ).toBeDefined();
            if (line.mustReject !== "")
              expect(
                reason!.startsWith(`${line.mustReject}: `) || reason!.startsWith(`${line.mustReject}.`),
                `line ${lineNumber}: "${reason}" should name ${line.mustReject}`,
              ).toBe(true);
          }
          if (line.mustAccept)
            expect(
              acceptedAt.has(lineNumber),
              `line ${lineNumber} (${line.kind}) is valid but was rejected: ${rejectedAt.get(lineNumber)}`,
            ).toBe(true);
          if (line.kind === "blank") expect(rejectedAt.has(lineNumber) || acceptedAt.has(lineNumber)).toBe(false);
        });

        await expectOnlyAcceptedChanges(
          before,
          after,
          expected.accepted.map((a) => a.value),
          result,
        );
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 100), plugins: timeLimit, ...replay },
    );
  });

  it("a file of rejected lines changes nothing at all", async () => {
    const rejectedOnly = lineArb.filter((line) => line.mustReject !== undefined || line.kind === "blank");
    await fc.assert(
      fc.asyncProperty(fileArb(rejectedOnly, 10), async (spec) => {
        const file = writeFile(spec);
        const before = await takeSnapshot(env.pool);
        const result = await runImport(file);
        const after = await takeSnapshot(env.pool);
        expect({ created: result.created, updated: result.updated, unchanged: result.unchanged }).toEqual({
          created: 0,
          updated: 0,
          unchanged: 0,
        });
        expect(result.rejected.length).toBe(spec.lines.filter((l) => l.kind !== "blank").length);
        expect(diffSnapshots(before, after), describeDiff(diffSnapshots(before, after))).toEqual({});
      }),
      { numRuns: 60, plugins: timeLimit },
    );
  });
});

// ——— Counterexamples the properties found, kept as plain cases ————————————————

describe("import regressions found by the properties", () => {
  async function importLines(lines: string[]) {
    const file = path.join(dir, `regression-${++fileCount}.jsonl`);
    fs.writeFileSync(file, lines.join("\n"));
    return runImport(file);
  }

  it("a line in a language without a topic-name column of its own (fr) creates its new topic (was: SQL error, whole batch lost)", async () => {
    const result = await importLines([
      JSON.stringify({
        externalId: "reg-fr-1",
        text: "La paix est possible.",
        language: "fr",
        speaker: { name: "Jane Doe" },
        topics: ["Paix durable"],
      }),
      JSON.stringify({
        externalId: "reg-fr-2",
        text: "Valid line in the same batch.",
        language: "en",
        speaker: { name: "Jane Doe" },
      }),
    ]);
    expect(result).toMatchObject({ created: 2, rejected: [] });
    const { rows } = await env.pool.query(
      `SELECT t.slug, t.name, t.name_ar, t.name_en, t.name_de FROM topics t JOIN statement_topics st ON st.topic_id = t.id
         JOIN statements s ON s.id = st.statement_id WHERE s.external_id = 'reg-fr-1'`,
    );
    expect(rows).toEqual([{ slug: "paix-durable", name: "Paix durable", name_ar: null, name_en: null, name_de: null }]);
  });

  it("a lone surrogate (\\ud800, valid JSON) becomes U+FFFD, as invalid UTF-8 does (was: jsonb error in revisions, whole batch lost)", async () => {
    const result = await importLines([
      '{"externalId":"reg-sur-1","text":"before \\ud800 after","language":"ar","speaker":{"name":"Surrogate \\udc00 Speaker"},"topics":["t\\ud83d"],"context":"\\udfff"}',
      JSON.stringify({
        externalId: "reg-sur-2",
        // Words of its own: a line with another line's speaker and words joins that statement as a report.
        text: "Valid line in the same batch as the surrogates.",
        language: "en",
        speaker: { name: "Jane Doe" },
      }),
    ]);
    expect(result).toMatchObject({ created: 2, rejected: [] });
    const { rows } = await env.pool.query(
      `SELECT s.text, s.context, sp.name FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.external_id = 'reg-sur-1'`,
    );
    expect(rows).toEqual([{ text: "before \uFFFD after", context: "\uFFFD", name: "Surrogate \uFFFD Speaker" }]);
  });

  it("a source URL with a control character is refused, naming source.url (was: NUL reached Postgres, whole batch lost)", async () => {
    const before = await takeSnapshot(env.pool);
    const result = await importLines([
      JSON.stringify({
        externalId: "reg-url-1",
        text: "Words.",
        language: "en",
        speaker: { name: "Jane Doe" },
        source: { url: "https://example.org/a\u0000b" },
      }),
      JSON.stringify({
        externalId: "reg-url-2",
        text: "Words.",
        language: "en",
        speaker: { name: "Jane Doe" },
        source: { url: "https://example.org/\ud800" },
      }),
    ]);
    expect(result.rejected).toEqual([
      { lineNumber: 1, reason: "source.url: must be an http(s) URL without control characters" },
      { lineNumber: 2, reason: "source.url: must be an http(s) URL without control characters" },
    ]);
    expect(diffSnapshots(before, await takeSnapshot(env.pool))).toEqual({});
  });
});
