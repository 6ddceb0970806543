import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/roles";
import { enrolWithSecret } from "@/lib/auth/two-factor";
import { createUser } from "@/lib/auth/users";
import { mergeSpeakers } from "@/lib/curate/speakers";
import { createStatement, retractStatement, updateStatement } from "@/lib/curate/statements";
import { createTopic, mergeTopics } from "@/lib/curate/topics";
import { fillTextKeys } from "@/lib/db/text-keys";
import { BACKUP_TABLES, EMBEDDED_TABLES, SKIPPED_TABLES, writeBackup } from "@/lib/export/backup";
import { RestoreError, nonEmptyTables, restoreBackup } from "@/lib/export/restore";
import { deleteIndex, documentFingerprints, ensureStatementIndex } from "@/lib/search/index-admin";
import { seedDemoData } from "@/lib/seed/demo";
import { compareIndexWithPostgres, isInSync } from "@/lib/sync/check-index";
import { reindexAll } from "@/lib/sync/reindex";
import { drainOutbox } from "@/lib/sync/worker";
import { parseStatementForm, type StatementForm } from "@/lib/validation/statement-form";
import { useTestEnvironment } from "../support/integration";
import { createTestDatabase } from "../support/test-services";

// The backup round trip of issue 6: a database with demo data and curators'
// work (edits with revisions, a translation, a response, a retraction, a draft,
// merged speakers and topics with their redirects, topic parents, users) is
// exported, restored into a second empty database, and exported again: the two
// files are the same bytes, and the second database's rebuilt index holds the
// same documents as the first one's.

const run = promisify(execFile);
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const TSX = path.resolve("node_modules/.bin/tsx");

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let dir: string;
const extra: Array<{ pool: pg.Pool; indexUid: string }> = [];

async function secondDatabase(label: string) {
  const { databaseUrl, indexUid } = await createTestDatabase(env.services, label);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  extra.push({ pool, indexUid });
  return { pool, databaseUrl, indexUid, ctx: { pool, meili: env.meili, indexUid } };
}

function form(input: Record<string, unknown>): StatementForm {
  const parsed = parseStatementForm({ language: "en", kind: "direct", status: "published", ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return parsed.value;
}

function gunzip(file: string): Buffer {
  return zlib.gunzipSync(fs.readFileSync(file));
}

function linesOf(file: string): Array<Record<string, unknown>> {
  return gunzip(file)
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function fingerprints(indexUid: string): Promise<Map<number, string>> {
  const all = new Map<number, string>();
  for await (const page of documentFingerprints(env.meili, indexUid))
    for (const doc of page) all.set(doc.id, doc.fingerprint);
  return all;
}

async function cli(script: string, args: string[], target: { databaseUrl: string; indexUid: string }) {
  const childEnv = {
    ...process.env,
    DATABASE_URL: target.databaseUrl,
    MEILI_URL: env.services.meiliUrl,
    MEILI_MASTER_KEY: env.services.meiliKey,
    MEILI_INDEX: target.indexUid,
  };
  try {
    const { stdout, stderr } = await run(TSX, [`scripts/${script}.ts`, ...args], { env: childEnv, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let admin: CurrentUser;
let editor: CurrentUser;

beforeAll(async () => {
  env = await useTestEnvironment("backup_roundtrip");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-roundtrip-"));
  await seedDemoData(env.pool);
  const adminId = await createUser(env.pool, {
    email: "admin@example.org",
    name: "Admin",
    role: "admin",
    password: "admin-password-1",
  });
  const editorId = await createUser(env.pool, {
    email: "editor@example.org",
    name: "Editor «محرر»",
    role: "editor",
    password: "editor-password-1",
  });
  admin = { id: adminId, email: "admin@example.org", name: "Admin", role: "admin" };
  editor = { id: editorId, email: "editor@example.org", name: "Editor «محرر»", role: "editor" };

  // Topics with a parent, and two to merge.
  const syria = await createTopic(env.pool, { input: { name: "Syria", nameAr: "سوريا" }, user: admin });
  const siege = await createTopic(env.pool, { input: { name: "Siege of Aleppo", parentId: syria.id }, user: admin });
  const backups = await createTopic(env.pool, { input: { name: "Backups" }, user: editor });

  // Curators' statements: created, edited (revisions), translated, responded to, retracted, a draft.
  const original = await createStatement(
    env.pool,
    editor,
    form({
      text: "Wir werden das Krankenhaus wieder aufbauen.",
      language: "de",
      newSpeaker: { name: "Dr. Backup Test", kind: "person", role: "Director" },
      topicIds: [siege.id, backups.id],
      saidOn: "2016-11-20",
      sources: [
        {
          url: "https://news.example.org/backup",
          outlet: "Example News",
          title: "Rebuilding",
          publishedOn: "2016-11-21",
        },
      ],
    }),
  );
  const edited = await updateStatement(
    env.pool,
    admin,
    original.id,
    original.version,
    form({
      text: "Wir werden das Krankenhaus in Aleppo wieder aufbauen.",
      language: "de",
      speakerId: (await env.pool.query(`SELECT speaker_id FROM statements WHERE id = $1`, [original.id])).rows[0]
        .speaker_id,
      topicIds: [siege.id, backups.id],
      saidOn: "2016-11-20",
      sources: [
        {
          url: "https://news.example.org/backup",
          outlet: "Example News",
          title: "Rebuilding",
          publishedOn: "2016-11-21",
        },
      ],
      context: "Said at a press conference «في مؤتمر صحفي».",
    }),
  );
  expect(edited.version).toBe(2);
  const speakerId = (await env.pool.query(`SELECT speaker_id FROM statements WHERE id = $1`, [original.id])).rows[0]
    .speaker_id as number;
  const demoMerkel = (await env.pool.query(`SELECT id FROM statements WHERE external_id = 'demo-aleppo-15'`)).rows[0]
    .id as number;
  await createStatement(
    env.pool,
    editor,
    form({
      text: "We will rebuild the hospital in Aleppo.",
      speakerId,
      translationOfId: original.id,
      translatedBy: "Editor",
      respondsToIds: [demoMerkel],
      topicIds: [siege.id],
      attribution: "disputed",
      attributionNote: "The quote is contested.",
    }),
  );
  const retracted = await createStatement(
    env.pool,
    editor,
    form({ text: "A statement later retracted.", speakerId, saidOn: "2017" }),
  );
  await retractStatement(env.pool, admin, retracted.id, retracted.version, "Misattributed by the source.");
  await createStatement(env.pool, editor, form({ text: "A draft nobody sees yet.", speakerId, status: "draft" }));

  // A duplicate speaker and topic merged into the originals: their slugs redirect.
  const duplicate = await createStatement(
    env.pool,
    editor,
    form({ text: "Ein Duplikat.", language: "de", newSpeaker: { name: "Backup Test (dup)", kind: "person" } }),
  );
  const duplicateSpeaker = (await env.pool.query(`SELECT speaker_id FROM statements WHERE id = $1`, [duplicate.id]))
    .rows[0].speaker_id as number;
  await mergeSpeakers(env.pool, { fromId: duplicateSpeaker, intoId: speakerId, user: admin });
  await mergeTopics(env.pool, { fromId: backups.id, intoId: siege.id, user: admin });

  // Reports (issue 15): a statement reported by three outlets, one in its own words and one undated; an
  // import id that joined it (an alias); a statement merged into it (merged into a LATER id, so its link
  // and its status wait until all statements are in); a merge candidate a curator rejected.
  const reported = await env.pool.query<{ id: number }>(
    `INSERT INTO statements (text, language, kind, speaker_id, status, external_id) VALUES
       ('Statement merged away, said twice.', 'en', 'direct', $1, 'published', 'backup-merged'),
       ('Statement said twice, reported three times.', 'en', 'direct', $1, 'published', 'backup-reported'),
       ('A near duplicate the curators kept apart.', 'en', 'direct', $1, 'published', NULL)
     RETURNING id`,
    [speakerId],
  );
  const [mergedAway, kept, apart] = reported.rows.map((r) => r.id) as [number, number, number];
  const reportSources = await env.pool.query<{ id: number }>(
    `INSERT INTO sources (key, url, outlet, title, published_on, published_on_precision) VALUES
       ('url:https://first.example/r', 'https://first.example/r', 'First Outlet', 'First', '2016-11-20', 'day'),
       ('url:https://second.example/r', 'https://second.example/r', 'Second «الثاني»', NULL, '2016-11-01', 'month'),
       ('ref:Undated Radio||', NULL, 'Undated Radio', NULL, NULL, NULL)
     RETURNING id`,
  );
  const [first, second, undated] = reportSources.rows.map((r) => r.id) as [number, number, number];
  await env.pool.query(
    `INSERT INTO statement_reports (statement_id, source_id, text, reported_on, reported_on_precision, external_id) VALUES
       ($1, $3, NULL, '2016-11-20', 'day', 'backup-reported'),
       ($1, $4, 'Said twice, «مرتين», in other words.', '2016-11-22', 'day', 'backup-alias'),
       ($1, $5, NULL, NULL, NULL, NULL),
       ($2, $4, NULL, '2016-11-01', 'month', 'backup-merged')`,
    [kept, mergedAway, first, second, undated],
  );
  await env.pool.query(
    `INSERT INTO statement_aliases (external_id, statement_id, import_fingerprint) VALUES ('backup-alias', $1, 'fp-alias')`,
    [kept],
  );
  await env.pool.query(`UPDATE statements SET status = 'merged', merged_into_id = $1 WHERE id = $2`, [
    kept,
    mergedAway,
  ]);
  await env.pool.query(
    `INSERT INTO merge_candidates (statement_id, other_id, score, status, decided_by_id, decided_at) VALUES
       ($1, $2, 0.8125, 'rejected', $3, '2026-12-01T10:00:00Z')`,
    [kept, apart, adminId],
  );
  // The merge as lib/merge records it (what it moved, so it can be undone), by the admin.
  await env.pool.query(
    `INSERT INTO statement_merges (kind, statement_id, other_id, candidate_id, moved, user_id, created_at) VALUES
       ('merge', $1, $2, NULL, $3::jsonb, $4, '2026-12-01T09:00:00Z')`,
    [kept, mergedAway, JSON.stringify({ reports: [second], aliases: ["backup-alias"], note: "«ملاحظة»" }), adminId],
  );
  await env.pool.query(
    `INSERT INTO outbox (entity_type, entity_id) VALUES ('statement', $1), ('statement', $2), ('statement', $3)`,
    [mergedAway, kept, apart],
  );
  await fillTextKeys(env.pool);

  // An API token (written only with credentials).
  await env.pool.query(
    `INSERT INTO api_tokens (user_id, name, token_hash, role) VALUES ($1, 'notebook', 'sha256-of-a-token', 'editor')`,
    [editorId],
  );
  // The admin's two-factor login (its secret and recovery-code hashes: written only with credentials).
  await enrolWithSecret(env.pool, adminId, TOTP_SECRET, ["abcd-efgh-jkmn-pqrs", "stuv-wxyz-2345-6789"]);
  await env.pool.query(`UPDATE user_two_factor SET last_used_step = 59000000 WHERE user_id = $1`, [adminId]);

  await drainOutbox(env.ctx);
}, 120_000);

afterAll(async () => {
  for (const { pool, indexUid } of extra) {
    await pool.end();
    await deleteIndex(env.meili, indexUid).catch(() => undefined);
  }
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("classifies every table: backed up, carried on another table's lines, or deliberately skipped", async () => {
    const { rows } = await env.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const classified = new Set([...BACKUP_TABLES.map((t) => t.table), ...EMBEDDED_TABLES, ...SKIPPED_TABLES]);
    expect(rows.map((r) => r.table_name).filter((t) => !classified.has(t))).toEqual([]);
  });

  it("exports, restores into an empty database with the same ids, and exports the very same bytes again; the rebuilt index has the same documents", async () => {
    const first = path.join(dir, "first.jsonl.gz");
    const summary = await writeBackup(env.pool, first);
    expect(summary.counts.statement).toBe(18 + 5 + 3);
    expect(summary.counts.alias).toBe(1);
    expect(summary.counts.mergeCandidate).toBe(1);
    expect(summary.counts.merge).toBe(1);
    expect(summary.counts.user).toBe(2);
    expect(summary.counts.apiToken).toBe(0);
    expect(summary.counts.slugRedirect).toBe(2);

    const lines = linesOf(first);
    expect(lines[0]).toMatchObject({
      type: "header",
      format: "statements-tracker-backup",
      version: 2,
      credentials: false,
    });
    expect(lines.at(-1)).toEqual({ type: "end", counts: summary.counts });
    // Users travel without password hashes unless asked; no token line at all.
    const users = lines.filter((l) => l.type === "user");
    expect(users.map((u) => u.email)).toEqual(["admin@example.org", "editor@example.org"]);
    for (const user of users) expect(user).not.toHaveProperty("passwordHash");
    expect(gunzip(first).toString("utf8")).not.toContain("$argon2");
    expect(lines.some((l) => l.type === "apiToken")).toBe(false);
    // Nor two-factor secrets: restored users have none (admins enrol again at their next login).
    expect(summary.counts.twoFactor).toBe(0);
    expect(lines.some((l) => l.type === "twoFactor")).toBe(false);
    expect(gunzip(first).toString("utf8")).not.toContain(TOTP_SECRET);
    // Speakers with their names and aliases; statements with their links.
    const merkel = lines.find((l) => l.type === "speaker" && l.slug === "angela-merkel")!;
    expect(merkel).toMatchObject({ name: "Angela Merkel", nameAr: "أنجيلا ميركل" });
    expect((merkel.lookupNames as string[][]).map((n) => n[1])).toContain("أنجيلا ميركل");
    const translation = lines.find(
      (l) => l.type === "statement" && l.text === "We will rebuild the hospital in Aleppo.",
    )!;
    expect(translation.translationOfId).toEqual(expect.any(Number));
    expect(translation.respondsToIds).toHaveLength(1);
    expect(lines.filter((l) => l.type === "slugRedirect").map((l) => l.oldSlug)).toEqual(
      expect.arrayContaining(["backup-test-dup", "backups"]),
    );
    // Reports whole, on lines of their own (no sourceIds on statements any more); aliases and merge candidates.
    const reported = lines.find((l) => l.type === "statement" && l.externalId === "backup-reported")!;
    expect(reported).not.toHaveProperty("sourceIds");
    expect(reported.textKey).toEqual(expect.any(String));
    expect(lines.filter((l) => l.type === "report" && l.statementId === reported.id)).toEqual([
      expect.objectContaining({
        text: null,
        reportedOn: "2016-11-20",
        reportedOnPrecision: "day",
        externalId: "backup-reported",
      }),
      expect.objectContaining({
        text: "Said twice, «مرتين», in other words.",
        reportedOn: "2016-11-22",
        externalId: "backup-alias",
      }),
      expect.objectContaining({ text: null, reportedOn: null, reportedOnPrecision: null, externalId: null }),
    ]);
    expect(lines.find((l) => l.type === "statement" && l.externalId === "backup-merged")).toMatchObject({
      status: "merged",
      mergedIntoId: reported.id,
    });
    expect(lines.filter((l) => l.type === "alias")).toEqual([
      { type: "alias", externalId: "backup-alias", statementId: reported.id, importFingerprint: "fp-alias" },
    ]);
    expect(lines.find((l) => l.type === "merge")).toMatchObject({
      kind: "merge",
      statementId: reported.id,
      moved: { aliases: ["backup-alias"], note: "«ملاحظة»" },
    });
    expect(lines.filter((l) => l.type === "mergeCandidate")).toEqual([
      expect.objectContaining({
        statementId: reported.id,
        score: 0.8125,
        status: "rejected",
        decidedById: expect.any(Number),
      }),
    ]);
    // Timestamps to the microsecond, in UTC.
    expect(merkel.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00:00$/);

    const target = await secondDatabase("backup_restored");
    const restored = await restoreBackup(target.pool, first);
    expect(restored.counts).toEqual(summary.counts);
    const { documents } = await reindexAll(target.ctx);
    expect(documents).toBe(18 + 3 + 2); // the retracted statement, the draft and the merged statement are not in search

    const second = path.join(dir, "second.jsonl.gz");
    await writeBackup(target.pool, second);
    expect(gunzip(second).equals(gunzip(first))).toBe(true);

    // The rebuilt index agrees with its database, and holds the same documents as the original's.
    expect(isInSync(await compareIndexWithPostgres(target.ctx))).toBe(true);
    expect(isInSync(await compareIndexWithPostgres(env.ctx))).toBe(true);
    expect(await fingerprints(target.indexUid)).toEqual(await fingerprints(env.indexUid));

    // New rows get ids after the restored ones (the identity sequences were moved on).
    const maxIds = await env.pool.query(
      `SELECT (SELECT max(id) FROM statements) AS s, (SELECT max(id) FROM revisions)::int AS r, (SELECT max(id) FROM speakers) AS sp`,
    );
    const added = await target.pool.query(
      `WITH sp AS (INSERT INTO speakers (slug, kind, name) VALUES ('after-restore', 'person', 'After Restore') RETURNING id),
            st AS (INSERT INTO statements (text, language, kind, speaker_id) SELECT 'New after restore', 'en', 'direct', id FROM sp RETURNING id),
            rv AS (INSERT INTO revisions (entity_type, entity_id, version, action, changes) SELECT 'statement', id, 1, 'create', '{}' FROM st RETURNING id)
       SELECT (SELECT id FROM sp) AS sp, (SELECT id FROM st) AS s, (SELECT id::int FROM rv) AS r`,
    );
    expect(added.rows[0]).toEqual({ sp: maxIds.rows[0].sp + 1, s: maxIds.rows[0].s + 1, r: maxIds.rows[0].r + 1 });
  });

  it("restores a version 1 backup, whose statements name their sources (sourceIds), with those sources as reports dated as the migration dates them", async () => {
    const current = linesOf(path.join(dir, "first.jsonl.gz"));
    const reportsOf = new Map<unknown, number[]>();
    for (const l of current.filter((l) => l.type === "report")) {
      reportsOf.set(l.statementId, [...(reportsOf.get(l.statementId) ?? []), l.sourceId as number]);
    }
    // What version 1 wrote: no report, alias or candidate lines, no text keys or merges, sources on the statements.
    const old = current
      .filter((l) => !["report", "alias", "mergeCandidate", "merge"].includes(l.type as string))
      .map((l) => {
        if (l.type === "header") return { ...l, version: 1 };
        const without = (value: Record<string, unknown>, keys: string[]) =>
          Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
        if (l.type === "end")
          return {
            ...l,
            counts: without(l.counts as Record<string, unknown>, ["report", "alias", "mergeCandidate", "merge"]),
          };
        if (l.type !== "statement") return l;
        const statement = without(l, ["textKey", "mergedIntoId"]);
        const sourceIds = [...(reportsOf.get(l.id) ?? [])].sort((a, b) => a - b);
        return { ...statement, status: l.status === "merged" ? "published" : l.status, sourceIds };
      });
    const file = path.join(dir, "version-1.jsonl.gz");
    fs.writeFileSync(file, zlib.gzipSync(`${old.map((l) => JSON.stringify(l)).join("\n")}\n`));

    const target = await secondDatabase("backup_version_1");
    const restored = await restoreBackup(target.pool, file);
    expect(restored.counts.statement).toBe(26);
    expect(restored.counts.report).toBe(0);
    const reportsIn = async (pool: pg.Pool, externalId: string) =>
      (
        await pool.query(
          `SELECT r.source_id, r.text, r.reported_on::text, r.reported_on_precision, r.external_id
             FROM statement_reports r JOIN statements s ON s.id = r.statement_id WHERE s.external_id = $1
            ORDER BY r.reported_on NULLS LAST, r.source_id`,
          [externalId],
        )
      ).rows;
    // The wording is the statement's (text null); the date is the source's, or the statement's without one.
    const [first, second, undated] = (await reportsIn(env.pool, "backup-reported")).map((r) => r.source_id);
    expect(await reportsIn(target.pool, "backup-reported")).toEqual([
      {
        source_id: second,
        text: null,
        reported_on: "2016-11-01",
        reported_on_precision: "month",
        external_id: "backup-reported",
      },
      {
        source_id: first,
        text: null,
        reported_on: "2016-11-20",
        reported_on_precision: "day",
        external_id: "backup-reported",
      },
      {
        source_id: undated,
        text: null,
        reported_on: null,
        reported_on_precision: null,
        external_id: "backup-reported",
      },
    ]);
    // Every statement keeps its sources; every statement gets its text key (the same as the original's).
    const pairs = async (pool: pg.Pool) =>
      (await pool.query(`SELECT statement_id, source_id FROM statement_reports ORDER BY 1, 2`)).rows;
    expect(await pairs(target.pool)).toEqual(await pairs(env.pool));
    const keys = async (pool: pg.Pool) => (await pool.query(`SELECT id, text_key FROM statements ORDER BY id`)).rows;
    expect(await keys(target.pool)).toEqual(await keys(env.pool));
    // New reports get ids after the restored ones.
    const next = await target.pool.query(
      `INSERT INTO statement_reports (statement_id, source_id) SELECT s.id, so.id FROM statements s, sources so
        WHERE NOT EXISTS (SELECT 1 FROM statement_reports r WHERE r.statement_id = s.id AND r.source_id = so.id) LIMIT 1 RETURNING id`,
    );
    const max = await target.pool.query(`SELECT max(id) AS max FROM statement_reports WHERE id <> $1`, [
      next.rows[0].id,
    ]);
    expect(next.rows[0].id).toBe(max.rows[0].max + 1);
  });

  it("with --with-password-hashes, carries password hashes, API tokens and two-factor secrets too, and still round-trips byte for byte", async () => {
    const first = path.join(dir, "secret.jsonl.gz");
    const summary = await writeBackup(env.pool, first, { withCredentials: true });
    expect(summary.counts.apiToken).toBe(1);
    expect(summary.counts.twoFactor).toBe(1);
    const lines = linesOf(first);
    expect(lines[0]).toMatchObject({ credentials: true });
    for (const user of lines.filter((l) => l.type === "user")) expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const target = await secondDatabase("backup_secret");
    await restoreBackup(target.pool, first);
    const second = path.join(dir, "secret-again.jsonl.gz");
    await writeBackup(target.pool, second, { withCredentials: true });
    expect(gunzip(second).equals(gunzip(first))).toBe(true);
    const hashes = async (pool: pg.Pool) =>
      (await pool.query(`SELECT email, password_hash FROM users ORDER BY id`)).rows;
    expect(await hashes(target.pool)).toEqual(await hashes(env.pool));
    const twoFactor = async (pool: pg.Pool) =>
      (
        await pool.query(
          `SELECT user_id, secret, enabled_at, last_used_step, recovery_code_hashes FROM user_two_factor ORDER BY user_id`,
        )
      ).rows;
    expect(await twoFactor(target.pool)).toEqual(await twoFactor(env.pool));
    expect((await twoFactor(target.pool))[0]).toMatchObject({
      secret: TOTP_SECRET,
      recovery_code_hashes: expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]),
    });
  });

  it("refuses a database that is not empty, naming what it holds, and changes nothing there", async () => {
    const file = path.join(dir, "first.jsonl.gz");
    const before = await nonEmptyTables(env.pool);
    const error = await restoreBackup(env.pool, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as Error).message).toMatch(
      /^the database is not empty \(users: 2 rows, speakers: \d+ rows, .*statements: 26 rows/,
    );
    expect(await nonEmptyTables(env.pool)).toEqual(before);
  });

  it("npm run export and npm run restore do the same from the command line, and the restore rebuilds the index", async () => {
    const file = path.join(dir, "cli.jsonl.gz");
    const exported = await cli("export", [file], { databaseUrl: env.databaseUrl, indexUid: env.indexUid });
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /cli\.jsonl\.gz: 2 users, \d+ speakers, \d+ topics, \d+ sources, 26 statements, \d+ reports, \d+ fact-check reviews, 1 statement aliases, 1 merge candidates, 1 merges and splits, \d+ revisions, 2 slug redirects/,
    );
    expect(exported.stdout).toMatch(/Without password hashes/);
    expect(gunzip(file).equals(gunzip(path.join(dir, "first.jsonl.gz")))).toBe(true);

    const target = await secondDatabase("backup_cli");
    await ensureStatementIndex(env.meili, target.indexUid);
    const restored = await cli("restore", [file], target);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      /Restored 26 statements, \d+ speakers, \d+ topics, \d+ sources, \d+ reports, \d+ revisions, 2 slug redirects, 2 users in/,
    );
    expect(restored.stdout).toMatch(/The backup holds no password hashes: the restored accounts cannot log in/);
    expect(restored.stdout).toMatch(/Rebuilt the search index ".*": 23 published statements/);
    expect(isInSync(await compareIndexWithPostgres(target.ctx))).toBe(true);
    expect(await fingerprints(target.indexUid)).toEqual(await fingerprints(env.indexUid));

    // A second restore into the now full database is refused, and nothing changes.
    const again = await cli("restore", [file], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/restore: .*cli\.jsonl\.gz: the database is not empty \(users: 2 rows/);
    expect(again.stderr).toMatch(/nothing was restored \(the transaction was rolled back\)/);
  });

  it("explains a missing file and a wrong call in one line", async () => {
    const target = { databaseUrl: env.databaseUrl, indexUid: env.indexUid };
    const missing = await cli("restore", [path.join(dir, "nope.jsonl.gz")], target);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/nope\.jsonl\.gz does not exist/);
    const usage = await cli("export", [], target);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim()).toBe("Usage: npm run export -- FILE.jsonl.gz [--with-password-hashes]");
  });
});
