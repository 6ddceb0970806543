import type pg from "pg";
import type { Queryable } from "@/lib/db/client";
import { fillTextKeys } from "@/lib/db/text-keys";
import { readLines, type NumberedLine } from "@/lib/import/read-lines";
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  EMBEDDED_TABLES,
  camelCase,
  emptyCounts,
  knownMigrations,
  tableColumns,
  type BackupCounts,
  type BackupLineType,
  type BackupTable,
} from "./backup";

// `npm run restore`: a backup written by lib/export/backup.ts into an EMPTY
// database, with the same ids, in one transaction: a bad line (with its number
// in the message), a file cut short or a constraint the data breaks rolls
// everything back, so a database is either fully restored or left as it was.
// The search index is rebuilt afterwards by the caller (scripts/restore.ts).

export class RestoreError extends Error {
  override name = "RestoreError";
  constructor(
    readonly reason: string,
    readonly lineNumber: number | null = null,
  ) {
    super(lineNumber === null ? reason : `line ${lineNumber}: ${reason}`);
  }
}

export type RestoreOptions = {
  /** Called every batch with the lines read so far. */
  onProgress?: (lines: number) => void;
  /** Rows written per INSERT. */
  batchSize?: number;
};

export type RestoreSummary = { counts: BackupCounts; lines: number; credentials: boolean };

type Json = Record<string, unknown>;
type PendingRow = { lineNumber: number; row: Json; extras: Json };
/** A self-reference set after all rows are in, with the columns held back until then (see heldWithReference). */
type Deferred = { lineNumber: number; id: number; value: number; held: Json };
type TableInfo = { spec: BackupTable; columns: Map<string, string>; hasId: boolean };

const LINE_TYPES = ["header", ...BACKUP_TABLES.map((t) => t.type), "end"];

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A Postgres error as one readable sentence (with its detail: which key, which value). */
function describe(error: unknown): string {
  const e = error as { message?: string; detail?: string };
  const message = e.message ?? String(error);
  return e.detail ? `${message} (${e.detail})` : message;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 2 ** 53;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
}

/** The tables a restore writes, with how many rows each holds, for those that hold any. */
export async function nonEmptyTables(db: Queryable): Promise<Array<{ table: string; rows: number }>> {
  const found: Array<{ table: string; rows: number }> = [];
  for (const table of [...BACKUP_TABLES.map((t) => t.table), ...EMBEDDED_TABLES]) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) found.push({ table, rows: n });
  }
  return found;
}

class Restorer {
  private tables = new Map<string, TableInfo>();
  private pending: { info: TableInfo; rows: PendingRow[] } | null = null;
  private deferred = new Map<BackupTable, { column: string; refs: Deferred[] }[]>();
  private responses: Array<{ lineNumber: number; statementId: number; respondsToId: number }> = [];
  readonly counts = emptyCounts();
  private savepoints = 0;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly batchSize: number,
  ) {}

  async load(): Promise<void> {
    for (const spec of BACKUP_TABLES) {
      const columns = await tableColumns(this.client, spec.table);
      this.tables.set(spec.type, {
        spec,
        columns: new Map(columns.map((c) => [camelCase(c), c])),
        hasId: columns.includes("id"),
      });
      this.deferred.set(
        spec,
        (spec.selfReferences ?? []).map((column) => ({ column, refs: [] })),
      );
    }
  }

  /** Runs `work` on all items at once; when that fails, item by item, so that the error names the line that caused it. */
  private async attempt<T extends { lineNumber: number }>(
    items: T[],
    work: (items: T[]) => Promise<void>,
  ): Promise<void> {
    if (items.length === 0) return;
    const savepoint = `restore_${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${savepoint}`);
    try {
      await work(items);
      await this.client.query(`RELEASE SAVEPOINT ${savepoint}`);
    } catch (error) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      await this.client.query(`RELEASE SAVEPOINT ${savepoint}`);
      if (items.length === 1) throw new RestoreError(describe(error), items[0]!.lineNumber);
      for (const item of items) await this.attempt([item], work);
    }
  }

  /** One line of a table's type: checked, turned into a row, and queued. */
  async add(type: BackupLineType, line: Json, lineNumber: number): Promise<void> {
    const info = this.tables.get(type)!;
    const extrasAllowed = new Set([...Object.keys(info.spec.extras ?? {}), ...(info.spec.legacyExtras ?? [])]);
    const row: Json = {};
    const extras: Json = {};
    for (const [key, value] of Object.entries(line)) {
      if (key === "type") continue;
      if (extrasAllowed.has(key)) {
        extras[key] = value;
        continue;
      }
      const column = info.columns.get(key);
      if (!column)
        throw new RestoreError(
          `unknown field ${JSON.stringify(key)} on a ${type} line (this database's ${info.spec.table} has no such column)`,
          lineNumber,
        );
      row[column] = value;
    }
    if (info.hasId && !isPositiveInteger(row.id))
      throw new RestoreError(`id: must be a positive whole number, got ${JSON.stringify(row.id ?? null)}`, lineNumber);
    for (const entry of this.deferred.get(info.spec)!) {
      const value = row[entry.column];
      if (value === null || value === undefined) continue;
      if (!isPositiveInteger(value))
        throw new RestoreError(`${camelCase(entry.column)}: must be a positive whole number or null`, lineNumber);
      const held: Json = {};
      for (const [column, placeholder] of Object.entries(info.spec.heldWithReference?.[entry.column] ?? {})) {
        held[column] = row[column];
        row[column] = placeholder;
      }
      entry.refs.push({ lineNumber, id: row.id as number, value, held });
      row[entry.column] = null;
    }
    this.checkExtras(type, extras, lineNumber);
    if (this.pending && this.pending.info !== info) await this.flush();
    this.pending ??= { info, rows: [] };
    this.pending.rows.push({ lineNumber, row, extras });
    if (this.pending.rows.length >= this.batchSize) await this.flush();
  }

  private checkExtras(type: BackupLineType, extras: Json, lineNumber: number): void {
    for (const key of ["topicIds", "respondsToIds", "sourceIds"]) {
      if (type !== "statement") break;
      const value = extras[key] ?? [];
      if (!Array.isArray(value) || !value.every(isPositiveInteger))
        throw new RestoreError(`${key}: must be a list of positive whole numbers`, lineNumber);
      extras[key] = value;
    }
    if (type === "speaker") {
      const value = extras.lookupNames ?? [];
      const ok =
        Array.isArray(value) &&
        value.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((s) => typeof s === "string"));
      if (!ok) throw new RestoreError("lookupNames: must be a list of [normalized, name] pairs of strings", lineNumber);
      extras.lookupNames = value;
    }
  }

  /** Writes the queued rows of one table, and the links that travel on them. */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (!pending || pending.rows.length === 0) return;
    const { spec } = pending.info;
    await this.attempt(pending.rows, async (items) => {
      const columns = [...new Set(items.flatMap((item) => Object.keys(item.row)))];
      const list = columns.map(quoteIdent).join(", ");
      const table = quoteIdent(spec.table);
      await this.client.query(
        `INSERT INTO ${table} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`,
        [JSON.stringify(items.map((item) => item.row))],
      );
      if (spec.type === "speaker") {
        const names = items.flatMap((item) =>
          (item.extras.lookupNames as Array<[string, string]>).map(
            ([key, name]) => [item.row.id as number, key, name] as const,
          ),
        );
        if (names.length > 0) {
          await this.client.query(
            `INSERT INTO speaker_names (speaker_id, normalized, name) SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`,
            [names.map((n) => n[0]), names.map((n) => n[1]), names.map((n) => n[2])],
          );
        }
      }
      if (spec.type === "statement") {
        const pairsOf = (key: string) =>
          items.flatMap((item) => (item.extras[key] as number[]).map((ref) => [item.row.id as number, ref] as const));
        const topics = pairsOf("topicIds");
        if (topics.length > 0) {
          await this.client.query(
            `INSERT INTO statement_topics (statement_id, topic_id) SELECT * FROM unnest($1::int[], $2::int[])`,
            [topics.map((p) => p[0]), topics.map((p) => p[1])],
          );
        }
        // A version 1 backup's sources: reports in the statement's own wording, dated as migration 0012 dates them.
        const sources = pairsOf("sourceIds");
        if (sources.length > 0) {
          await this.client.query(
            `INSERT INTO statement_reports (statement_id, source_id, reported_on, reported_on_precision, external_id)
             SELECT s.id, v.source_id, coalesce(so.published_on, s.reported_on),
                    CASE WHEN so.published_on IS NOT NULL THEN so.published_on_precision ELSE s.reported_on_precision END, s.external_id
               FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS v(statement_id, source_id, n)
               JOIN statements s ON s.id = v.statement_id LEFT JOIN sources so ON so.id = v.source_id
              ORDER BY v.n`,
            [sources.map((p) => p[0]), sources.map((p) => p[1])],
          );
        }
      }
    });
    if (spec.type === "statement") {
      for (const item of pending.rows) {
        for (const ref of item.extras.respondsToIds as number[])
          this.responses.push({ lineNumber: item.lineNumber, statementId: item.row.id as number, respondsToId: ref });
      }
    }
    this.counts[spec.type] += pending.rows.length;
  }

  /** After the last row: links within a table (affiliations, parents, translations, responses), then the id sequences. */
  async finish(): Promise<void> {
    await this.flush();
    for (const [spec, entries] of this.deferred) {
      for (const { column, refs } of entries) {
        const table = quoteIdent(spec.table);
        const columns = [column, ...Object.keys(spec.heldWithReference?.[column] ?? {})];
        const set = columns.map((c) => `${quoteIdent(c)} = v.${quoteIdent(c)}`).join(", ");
        for (let i = 0; i < refs.length; i += this.batchSize) {
          await this.attempt(refs.slice(i, i + this.batchSize), async (items) => {
            await this.client.query(
              `UPDATE ${table} t SET ${set} FROM json_populate_recordset(NULL::${table}, $1::json) AS v WHERE t.id = v.id`,
              [JSON.stringify(items.map((r) => ({ ...r.held, id: r.id, [column]: r.value })))],
            );
          });
        }
      }
    }
    for (let i = 0; i < this.responses.length; i += this.batchSize) {
      await this.attempt(this.responses.slice(i, i + this.batchSize), async (items) => {
        await this.client.query(
          `INSERT INTO statement_responses (statement_id, responds_to_id) SELECT * FROM unnest($1::int[], $2::int[])`,
          [items.map((r) => r.statementId), items.map((r) => r.respondsToId)],
        );
      });
    }
    // Statements from a backup made before text keys (or written by hand) get theirs; stored keys are kept.
    await fillTextKeys(this.client);
    // New rows made after the restore get ids above the restored ones.
    for (const { spec, hasId } of this.tables.values()) {
      if (!hasId) continue;
      const { rows } = await this.client.query<{ seq: string | null }>(
        `SELECT pg_get_serial_sequence($1, 'id') AS seq`,
        [spec.table],
      );
      const seq = rows[0]?.seq;
      if (!seq) continue;
      await this.client.query(
        `SELECT setval($1::regclass, (SELECT coalesce(max(id), 0) + 1 FROM ${quoteIdent(spec.table)}), false)`,
        [seq],
      );
    }
  }
}

function checkHeader(line: Json, lineNumber: number): { credentials: boolean } {
  if (line.type !== "header" || line.format !== BACKUP_FORMAT) {
    throw new RestoreError(
      `the first line must be the header of a backup made by \`npm run export\` ({"type":"header","format":"${BACKUP_FORMAT}",…})`,
      lineNumber,
    );
  }
  if (!isPositiveInteger(line.version) || line.version > BACKUP_VERSION) {
    throw new RestoreError(
      `the backup is in version ${JSON.stringify(line.version)} of the format; this version of the app reads up to version ${BACKUP_VERSION}`,
      lineNumber,
    );
  }
  const migrations = line.migrations;
  if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === "string"))
    throw new RestoreError("migrations: must be a list of migration names", lineNumber);
  const known = new Set(knownMigrations());
  const unknown = migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw new RestoreError(
      `the backup was made by a newer version of the app (migrations ${unknown.join(", ")} are unknown here); restore it with that version or a later one`,
      lineNumber,
    );
  }
  return { credentials: line.credentials === true };
}

function checkEnd(line: Json, counts: BackupCounts, lineNumber: number): void {
  const expected = line.counts;
  if (typeof expected !== "object" || expected === null)
    throw new RestoreError("counts: the end line must give the number of lines of each type", lineNumber);
  for (const type of Object.keys(counts) as BackupLineType[]) {
    const want = (expected as Json)[type] ?? 0;
    if (want !== counts[type]) {
      throw new RestoreError(
        `the end line counts ${plural(Number(want), `${type} line`)} but the file holds ${counts[type].toLocaleString("en")}: the file is damaged`,
        lineNumber,
      );
    }
  }
}

/**
 * Restores `file` (a backup, gzipped or not) into the database of `pool`, which
 * must be migrated and empty. Throws RestoreError (with the line number when
 * there is one) and leaves the database untouched when anything is wrong.
 */
export async function restoreBackup(
  pool: pg.Pool,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Nobody writes to these tables while they are restored (reads still work).
    await client.query(
      `LOCK TABLE ${[...BACKUP_TABLES.map((t) => t.table), ...EMBEDDED_TABLES].map(quoteIdent).join(", ")} IN SHARE ROW EXCLUSIVE MODE`,
    );
    const taken = await nonEmptyTables(client);
    if (taken.length > 0) {
      throw new RestoreError(
        `the database is not empty (${taken.map((t) => `${t.table}: ${t.rows.toLocaleString("en")} rows`).join(", ")}); ` +
          "a backup is restored only into an empty database, so that ids stay as they were: point DATABASE_URL at a new database " +
          "(or DATA_DIR at an empty folder for the embedded one) and run the restore again",
      );
    }
    const restorer = new Restorer(client, options.batchSize ?? 2_000);
    await restorer.load();

    const lines = readLines(file)[Symbol.asyncIterator]();
    let lastLine = 0;
    let header: { credentials: boolean } | null = null;
    let ended = false;
    let read = 0;
    for (;;) {
      let next: IteratorResult<NumberedLine, void>;
      try {
        next = await lines.next();
      } catch (error) {
        throw new RestoreError(`the file is cut short or corrupt (${describe(error)})`, lastLine + 1);
      }
      if (next.done) break;
      const { lineNumber, line: text } = next.value;
      lastLine = lineNumber;
      let line: unknown;
      try {
        line = JSON.parse(text);
      } catch (error) {
        throw new RestoreError(`not valid JSON (${describe(error)}): the file is cut short or corrupt`, lineNumber);
      }
      if (typeof line !== "object" || line === null || Array.isArray(line) || typeof (line as Json).type !== "string") {
        throw new RestoreError(`each line must be a JSON object with a "type"`, lineNumber);
      }
      const json = line as Json;
      const type = json.type as string;
      if (ended) throw new RestoreError(`a ${JSON.stringify(type)} line after the end line`, lineNumber);
      if (!header) {
        header = checkHeader(json, lineNumber);
        continue;
      }
      if (!LINE_TYPES.includes(type))
        throw new RestoreError(
          `unknown line type ${JSON.stringify(type)} (known: ${LINE_TYPES.join(", ")})`,
          lineNumber,
        );
      if (type === "header") throw new RestoreError("a second header line", lineNumber);
      if (type === "end") {
        await restorer.flush();
        checkEnd(json, restorer.counts, lineNumber);
        ended = true;
        continue;
      }
      await restorer.add(type as BackupLineType, json, lineNumber);
      if (++read % 2_000 === 0) options.onProgress?.(lineNumber);
    }
    if (!header) throw new RestoreError("the file is empty: no backup header");
    if (!ended)
      throw new RestoreError(
        `the file ends at line ${lastLine} without its end line: it is cut short (an interrupted copy?)`,
      );
    await restorer.finish();
    await client.query("COMMIT");
    options.onProgress?.(lastLine);
    return { counts: restorer.counts, lines: lastLine, credentials: header.credentials };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
