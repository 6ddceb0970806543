// Export and restore throughput for `npm run bench`: the whole bench database
// written by `npm run export`'s code (gzipped JSON lines), then restored by
// `npm run restore`'s code into a scratch database on the same server (and, when
// a Meilisearch client is given, its index rebuilt into a scratch index), in
// statements per second. Everything scratch is removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { writeBackup } from "@/lib/export/backup";
import { restoreBackup } from "@/lib/export/restore";
import type { SearchClient } from "@/lib/search/client";
import { deleteIndex, ensureStatementIndex } from "@/lib/search/index-admin";
import { ensureDatabase } from "@/lib/services/postgres";
import { reindexAll } from "@/lib/sync/reindex";

export type BenchExportRestoreOptions = {
  /** When given, the restored database's search index is rebuilt too (a scratch index, deleted after). */
  meili?: SearchClient;
  /** Where the backup file is written (a temporary folder by default; removed after). */
  dir?: string;
};

const perSecond = (n: number, ms: number) => `${Math.round(n / Math.max(ms / 1000, 0.001)).toLocaleString("en")}/s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Rows [measure, value, value, ratio, note] for the bench table: export and
 * restore (and index rebuild) of the database at `databaseUrl`, throughput in
 * statements per second.
 */
export async function benchExportRestore(
  databaseUrl: string,
  options: BenchExportRestoreOptions = {},
): Promise<string[][]> {
  const rows: string[][] = [];
  const source = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const folder = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bench-backup-"));
  const file = path.join(folder, `bench-backup-${process.pid}.jsonl.gz`);
  const scratch = `bench_restore_${Date.now().toString(36)}`;
  const adminUrl = withDatabase(databaseUrl, "postgres");
  const scratchUrl = withDatabase(databaseUrl, scratch);
  let created = false;
  try {
    let started = performance.now();
    const summary = await writeBackup(source, file);
    const exportMs = performance.now() - started;
    const statements = summary.counts.statement;
    const lines = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    rows.push([
      "backup export (npm run export), everything",
      `${statements.toLocaleString("en")} statements`,
      perSecond(statements, exportMs),
      seconds(exportMs),
      `${lines.toLocaleString("en")} lines, ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB gzipped`,
    ]);

    await ensureDatabase(adminUrl, scratch);
    created = true;
    await migrateDatabase(scratchUrl);
    const target = new pg.Pool({ connectionString: scratchUrl, max: 2 });
    try {
      started = performance.now();
      await restoreBackup(target, file);
      const restoreMs = performance.now() - started;
      rows.push([
        "restore into an empty database (Postgres, one transaction)",
        `${statements.toLocaleString("en")} statements`,
        perSecond(statements, restoreMs),
        seconds(restoreMs),
        `${perSecond(lines, restoreMs)} lines`,
      ]);

      if (options.meili) {
        const indexUid = `${scratch}_statements`;
        try {
          await ensureStatementIndex(options.meili, indexUid);
          started = performance.now();
          const { documents } = await reindexAll({ pool: target, meili: options.meili, indexUid });
          const indexMs = performance.now() - started;
          rows.push([
            "restore: search index rebuilt",
            `${documents.toLocaleString("en")} documents`,
            perSecond(documents, indexMs),
            seconds(indexMs),
            `restore end to end ${perSecond(statements, restoreMs + indexMs)}`,
          ]);
        } finally {
          await deleteIndex(options.meili, indexUid).catch(() => undefined);
        }
      }
    } finally {
      await target.end();
    }
  } finally {
    await source.end();
    if (created) await dropDatabase(adminUrl, scratch).catch(() => undefined);
    fs.rmSync(file, { force: true });
    if (!options.dir) fs.rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}
