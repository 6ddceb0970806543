import type { Queryable } from "@/lib/db/client";

// A picture of everything the app stores, to prove that a request or an import
// line that was refused (or a read) changed nothing: every row of every data
// table, as JSON, per table. Columns that change on every request by design are
// left out: a token's last use, a user's last login, and the rate-limit and
// login-failure counters (which count requests, not data).

/** The tables compared, with the columns each leaves out. */
export const SNAPSHOT_TABLES: Readonly<Record<string, readonly string[]>> = {
  users: ["last_login_at"],
  speakers: [],
  speaker_names: [],
  topics: [],
  sources: [],
  statements: [],
  statement_topics: [],
  statement_reports: [],
  statement_reviews: [],
  statement_aliases: [],
  statement_responses: [],
  merge_candidates: [],
  statement_merges: [],
  revisions: [],
  outbox: [],
  slug_redirects: [],
  api_tokens: ["last_used_at"],
  setup_tokens: [],
};

export type TableSnapshot = { count: number; maxId: number | null; rows: string[] };
export type DataSnapshot = Record<string, TableSnapshot>;

/** Every row of every data table (each as its JSON, sorted), with the row count and highest id. */
export async function takeSnapshot(db: Queryable): Promise<DataSnapshot> {
  const snapshot: DataSnapshot = {};
  for (const [table, excluded] of Object.entries(SNAPSHOT_TABLES)) {
    const { rows } = await db.query<{ row: string }>(`SELECT (to_jsonb(t) - $1::text[])::text AS row FROM ${table} t`, [
      excluded,
    ]);
    const texts = rows.map((r) => r.row).sort();
    const ids = rows
      .map((r) => (JSON.parse(r.row) as { id?: number | string }).id)
      .filter((id) => id !== undefined)
      .map(Number);
    snapshot[table] = { count: texts.length, maxId: ids.length > 0 ? Math.max(...ids) : null, rows: texts };
  }
  return snapshot;
}

export type TableDiff = { added: Array<Record<string, unknown>>; removed: Array<Record<string, unknown>> };

/** The rows each table gained and lost between two snapshots (a changed row is one removed and one added). */
export function diffSnapshots(before: DataSnapshot, after: DataSnapshot): Record<string, TableDiff> {
  const diff: Record<string, TableDiff> = {};
  for (const table of Object.keys(SNAPSHOT_TABLES)) {
    const was = new Set(before[table]?.rows ?? []);
    const now = new Set(after[table]?.rows ?? []);
    const added = [...now].filter((row) => !was.has(row)).map((row) => JSON.parse(row) as Record<string, unknown>);
    const removed = [...was].filter((row) => !now.has(row)).map((row) => JSON.parse(row) as Record<string, unknown>);
    if (added.length > 0 || removed.length > 0) diff[table] = { added, removed };
  }
  return diff;
}

/** A short account of a diff, for an assertion's message. */
export function describeDiff(diff: Record<string, TableDiff>, maxRows = 3): string {
  const parts = Object.entries(diff).map(([table, { added, removed }]) => {
    const show = (rows: Array<Record<string, unknown>>) =>
      rows
        .slice(0, maxRows)
        .map((r) => JSON.stringify(r).slice(0, 300))
        .join("\n      ");
    return `${table}: +${added.length} -${removed.length}\n    added:   ${show(added)}\n    removed: ${show(removed)}`;
  });
  return parts.length === 0 ? "no change" : parts.join("\n  ");
}

/** Counts and highest ids only, for a compact comparison in messages. */
export function summary(snapshot: DataSnapshot): Record<string, { count: number; maxId: number | null }> {
  return Object.fromEntries(Object.entries(snapshot).map(([table, { count, maxId }]) => [table, { count, maxId }]));
}
