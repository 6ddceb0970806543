import fs from "node:fs";
import path from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrate";

// The whole collection as typed JSON lines (`npm run export`), gzipped, and the
// description of that format that lib/export/restore.ts reads back:
//
//   {"type":"header","format":"statements-tracker-backup","version":1,"migrations":[…],"credentials":false}
//   {"type":"user","id":1,"email":…}                    users (no password hash unless asked)
//   {"type":"speaker","id":1,…,"lookupNames":[[key,name],…]}  speakers with their names and aliases
//   {"type":"topic",…} {"type":"source",…}
//   {"type":"statement","id":1,…,"topicIds":[…],"respondsToIds":[…]}
//   {"type":"report","id":1,"statementId":1,"sourceId":1,"text":…,"reportedOn":…}  where each statement was reported
//   {"type":"review","id":1,"statementId":1,…}          fact-check reviews of statements
//   {"type":"alias","externalId":…,"statementId":1,…}  import ids that joined another statement
//   {"type":"mergeCandidate","id":1,"statementId":1,"otherId":2,…}  near-duplicates and curators' decisions on them
//   {"type":"merge","id":1,"kind":"merge","moved":{…},…}  curators' merges and splits, with what they moved (to undo them)
//   {"type":"revision",…} {"type":"slugRedirect",…} {"type":"apiToken",…} {"type":"twoFactor",…} (tokens and TOTP only with credentials)
//   {"type":"end","counts":{"user":1,…}}
//
// Every column of each table is written (found in the database's catalogue, so
// a column added by a later migration is carried without a change here), keys
// in camelCase, timestamps to the microsecond in UTC, in a fixed order (by id),
// from one consistent snapshot, a few thousand rows at a time: the same data
// always gives the same bytes. The outbox, login throttling, setup links,
// rate-limit counters and background jobs' cursors are state of the running
// system, not data, and are left out.
//
// Version 2 (issue 15) writes reports on lines of their own; version 1 gave a
// statement's sources as `sourceIds`, which a restore still reads (as reports).

export const BACKUP_FORMAT = "statements-tracker-backup";
export const BACKUP_VERSION = 2;

export type BackupLineType =
  | "user"
  | "speaker"
  | "topic"
  | "source"
  | "statement"
  | "report"
  | "review"
  | "alias"
  | "mergeCandidate"
  | "merge"
  | "revision"
  | "slugRedirect"
  | "apiToken"
  | "twoFactor";

export type BackupTable = {
  type: BackupLineType;
  table: string;
  orderBy: string;
  /** Columns written only with credentials (--with-password-hashes). */
  credentialColumns?: string[];
  /** The whole table is written only with credentials. */
  credentialsOnly?: boolean;
  /** Links from other tables written on this table's lines: key → SQL over `t`. */
  extras?: Record<string, string>;
  /** Columns that point at rows of the same table: restored after all rows are in. */
  selfReferences?: string[];
  /**
   * While a self-reference waits, the columns a check ties to it hold these values, and get theirs back
   * with it: a merged statement is restored as a draft until its merged_into_id can be set.
   */
  heldWithReference?: Record<string, Record<string, unknown>>;
  /** Links older versions of the format wrote on this table's lines: read by a restore, never written. */
  legacyExtras?: string[];
};

/** In the order they are written and restored: every row's references point backwards (or at its own table). */
export const BACKUP_TABLES: BackupTable[] = [
  { type: "user", table: "users", orderBy: "t.id", credentialColumns: ["password_hash"] },
  {
    type: "speaker",
    table: "speakers",
    orderBy: "t.id",
    selfReferences: ["affiliation_id"],
    extras: {
      lookupNames: `coalesce((SELECT json_agg(json_build_array(n.normalized, n.name) ORDER BY n.normalized COLLATE "C")
                                FROM speaker_names n WHERE n.speaker_id = t.id), '[]')`,
    },
  },
  { type: "topic", table: "topics", orderBy: "t.id", selfReferences: ["parent_id"] },
  { type: "source", table: "sources", orderBy: "t.id" },
  {
    type: "statement",
    table: "statements",
    orderBy: "t.id",
    selfReferences: ["translation_of_id", "merged_into_id"],
    heldWithReference: { merged_into_id: { status: "draft" } },
    extras: {
      topicIds: `coalesce((SELECT json_agg(x.topic_id ORDER BY x.topic_id) FROM statement_topics x WHERE x.statement_id = t.id), '[]')`,
      respondsToIds: `coalesce((SELECT json_agg(x.responds_to_id ORDER BY x.responds_to_id) FROM statement_responses x WHERE x.statement_id = t.id), '[]')`,
    },
    // Version 1: the statement's sources, restored as reports in the statement's own wording (as migration 0012 made them).
    legacyExtras: ["sourceIds"],
  },
  { type: "report", table: "statement_reports", orderBy: "t.id" },
  { type: "review", table: "statement_reviews", orderBy: "t.id" },
  { type: "alias", table: "statement_aliases", orderBy: `t.external_id COLLATE "C"` },
  { type: "mergeCandidate", table: "merge_candidates", orderBy: "t.id" },
  { type: "merge", table: "statement_merges", orderBy: "t.id" },
  { type: "revision", table: "revisions", orderBy: "t.id" },
  { type: "slugRedirect", table: "slug_redirects", orderBy: `t.entity_type COLLATE "C", t.old_slug COLLATE "C"` },
  { type: "apiToken", table: "api_tokens", orderBy: "t.id", credentialsOnly: true },
  // TOTP secrets and recovery-code hashes open accounts like password hashes do: only with credentials.
  // Without them, restored users have no two-factor login (admins enrol again at their next login).
  { type: "twoFactor", table: "user_two_factor", orderBy: "t.user_id", credentialsOnly: true },
];

/** Tables whose rows travel on other tables' lines. */
export const EMBEDDED_TABLES = ["speaker_names", "statement_topics", "statement_responses"];

/**
 * Tables deliberately left out: derived from the data or state of the running system.
 * user_sessions too: a restored site starts with everyone logged out (a session
 * from the old site would need its AUTH_SECRET anyway). merge_scan_queue: the
 * statements the merge candidate finder has still to compare; a restore queues
 * every statement it writes again (its candidates, and the curators' decisions
 * on them, are in the backup and stay as they were).
 */
export const SKIPPED_TABLES = [
  "outbox",
  "login_failures",
  "setup_tokens",
  "rate_limits",
  "user_sessions",
  "merge_scan_queue",
];

export type BackupOptions = {
  /** Users' password hashes and API token hashes too (then the file is a secret). */
  withCredentials?: boolean;
  /** Called every few thousand rows with the rows written so far. */
  onProgress?: (rows: number, type: BackupLineType) => void;
  /** Rows fetched from Postgres at a time. */
  fetchSize?: number;
};

export type BackupCounts = Record<BackupLineType, number>;

export type BackupSummary = { counts: BackupCounts; bytes: number; file: string };

/** The migrations this code knows, by tag (the header records them; restore refuses a backup from a newer schema). */
export function knownMigrations(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  return journal.entries.map((e) => e.tag);
}

export function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The table's columns in their order in the catalogue (generated columns left out: they cannot be written). */
export async function tableColumns(db: Queryable, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
      ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function emptyCounts(): BackupCounts {
  return {
    user: 0,
    speaker: 0,
    topic: 0,
    source: 0,
    statement: 0,
    report: 0,
    review: 0,
    alias: 0,
    mergeCandidate: 0,
    merge: 0,
    revision: 0,
    slugRedirect: 0,
    apiToken: 0,
    twoFactor: 0,
  };
}

/**
 * The lines of a backup, each ending in "\n", a batch per string. Runs in one
 * REPEATABLE READ transaction on `client` (a consistent snapshot while the app
 * keeps writing) with a cursor per table, so that memory stays flat.
 */
export async function* backupChunks(
  client: pg.PoolClient,
  options: BackupOptions = {},
): AsyncGenerator<string, BackupCounts, undefined> {
  const fetchSize = options.fetchSize ?? 2_000;
  const credentials = options.withCredentials ?? false;
  const counts = emptyCounts();
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    // Timestamps are written in UTC whatever the server's zone.
    await client.query("SET LOCAL TimeZone = 'UTC'");
    yield `${JSON.stringify({ type: "header", format: BACKUP_FORMAT, version: BACKUP_VERSION, migrations: knownMigrations(), credentials })}\n`;
    for (const spec of BACKUP_TABLES) {
      if (spec.credentialsOnly && !credentials) continue;
      const skip = new Set(credentials ? [] : (spec.credentialColumns ?? []));
      const columns = (await tableColumns(client, spec.table)).filter((c) => !skip.has(c));
      const select = [
        ...columns.map((c) => `t.${quoteIdent(c)}`),
        ...Object.entries(spec.extras ?? {}).map(([key, sql]) => `${sql} AS ${quoteIdent(key)}`),
      ].join(", ");
      if (columns.some((c) => camelCase(c) === "type"))
        throw new Error(`backup: ${spec.table} has a column named "type", which the line format reserves`);
      await client.query(
        `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(r) AS row FROM (SELECT ${select} FROM ${quoteIdent(spec.table)} t ORDER BY ${spec.orderBy}) r`,
      );
      for (;;) {
        const { rows } = await client.query<{ row: Record<string, unknown> }>(`FETCH ${fetchSize} FROM backup_rows`);
        if (rows.length === 0) break;
        let text = "";
        for (const { row } of rows) {
          const line: Record<string, unknown> = { type: spec.type };
          for (const [key, value] of Object.entries(row)) line[camelCase(key)] = value;
          text += `${JSON.stringify(line)}\n`;
        }
        counts[spec.type] += rows.length;
        options.onProgress?.(counts[spec.type], spec.type);
        yield text;
      }
      await client.query("CLOSE backup_rows");
    }
    yield `${JSON.stringify({ type: "end", counts })}\n`;
    await client.query("COMMIT");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * Writes a backup to `file` (gzipped when it ends in .gz), through a temporary
 * file renamed at the end: an interrupted export leaves no half-written backup.
 */
export async function writeBackup(pool: pg.Pool, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.partial-${process.pid}`);
  const client = await pool.connect();
  let counts = emptyCounts();
  let failed = false;
  try {
    const chunks = backupChunks(client, options);
    const source = Readable.from(
      (async function* () {
        for (;;) {
          const next = await chunks.next();
          if (next.done) {
            counts = next.value;
            return;
          }
          yield Buffer.from(next.value, "utf8");
        }
      })(),
    );
    const sink: Writable = fs.createWriteStream(temporary);
    if (file.endsWith(".gz")) await pipeline(source, createGzip(), sink);
    else await pipeline(source, sink);
    fs.renameSync(temporary, file);
  } catch (error) {
    failed = true;
    fs.rmSync(temporary, { force: true });
    throw error;
  } finally {
    // A failed export may leave its snapshot transaction open: that connection is closed, not reused.
    client.release(failed);
  }
  return { counts, bytes: fs.statSync(file).size, file };
}
