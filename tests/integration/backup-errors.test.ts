import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBackup } from "@/lib/export/backup";
import { RestoreError, nonEmptyTables, restoreBackup } from "@/lib/export/restore";
import { seedDemoData } from "@/lib/seed/demo";
import { useTestEnvironment } from "../support/integration";
import { createTestDatabase } from "../support/test-services";

// Bad backups: each is refused with a message naming the line at fault, and
// the target database is left exactly as empty as it was (one transaction,
// rolled back), so a restore can simply be run again with a good file.

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let dir: string;
let target: { pool: pg.Pool; databaseUrl: string; indexUid: string };
/** The good backup, as text lines (without the final newline). */
let good: string[];
let goodGz: Buffer;

beforeAll(async () => {
  env = await useTestEnvironment("backup_errors");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-errors-"));
  await seedDemoData(env.pool);
  const file = path.join(dir, "good.jsonl.gz");
  await writeBackup(env.pool, file);
  goodGz = fs.readFileSync(file);
  good = zlib.gunzipSync(goodGz).toString("utf8").trimEnd().split("\n");
  const created = await createTestDatabase(env.services, "backup_errors_target");
  target = { ...created, pool: new pg.Pool({ connectionString: created.databaseUrl, max: 2 }) };
}, 120_000);

afterAll(async () => {
  await target.pool.end();
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 1-based number of the first line matching. */
function lineOf(predicate: (line: Record<string, unknown>) => boolean): number {
  return good.findIndex((text) => predicate(JSON.parse(text) as Record<string, unknown>)) + 1;
}

function write(name: string, lines: string[], gzip = true): string {
  const file = path.join(dir, name);
  const text = `${lines.join("\n")}\n`;
  fs.writeFileSync(file, gzip ? zlib.gzipSync(text) : text);
  return file;
}

function replaced(lineNumber: number, text: string): string[] {
  return good.map((line, i) => (i + 1 === lineNumber ? text : line));
}

async function expectRefused(file: string, message: RegExp): Promise<RestoreError> {
  const error = await restoreBackup(target.pool, file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RestoreError);
  expect((error as Error).message).toMatch(message);
  // Nothing half-restored: the transaction was rolled back.
  expect(await nonEmptyTables(target.pool)).toEqual([]);
  return error as RestoreError;
}

describe("restoring a bad backup", () => {
  it("a gzip file cut short: names the line where it stops", async () => {
    const file = path.join(dir, "cut.jsonl.gz");
    fs.writeFileSync(file, goodGz.subarray(0, Math.floor(goodGz.length * 0.6)));
    const error = await expectRefused(
      file,
      /^line \d+: (the file is cut short or corrupt \(unexpected end of file\)|not valid JSON)/,
    );
    expect(error.lineNumber).toBeGreaterThan(1);
    expect(error.lineNumber).toBeLessThanOrEqual(good.length);
  });

  it("a file cut exactly after a line: the missing end line gives it away", async () => {
    await expectRefused(
      write("no-end.jsonl.gz", good.slice(0, -5)),
      new RegExp(`^the file ends at line ${good.length - 5} without its end line: it is cut short`),
    );
  });

  it("a line of broken JSON", async () => {
    const n = lineOf((l) => l.type === "statement");
    await expectRefused(
      write("broken.jsonl.gz", replaced(n, `{"type":"statement","id":`)),
      new RegExp(`^line ${n}: not valid JSON`),
    );
  });

  it("corrupt gzip bytes in the middle", async () => {
    const bytes = Buffer.from(goodGz);
    for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 40; i++) bytes[i] = bytes[i]! ^ 0xff;
    const file = path.join(dir, "garbled.jsonl.gz");
    fs.writeFileSync(file, bytes);
    await expectRefused(file, /^line \d+: /);
  });

  it("an unknown line type", async () => {
    const n = lineOf((l) => l.type === "topic");
    await expectRefused(
      write("gadget.jsonl.gz", replaced(n, `{"type":"gadget","id":1}`)),
      new RegExp(`^line ${n}: unknown line type "gadget" \\(known: header, user, speaker`),
    );
  });

  it("an unknown field, and an id that is not an id", async () => {
    const n = lineOf((l) => l.type === "speaker");
    const speaker = JSON.parse(good[n - 1]!) as Record<string, unknown>;
    await expectRefused(
      write("field.jsonl.gz", replaced(n, JSON.stringify({ ...speaker, shoeSize: 44 }))),
      new RegExp(`^line ${n}: unknown field "shoeSize" on a speaker line`),
    );
    await expectRefused(
      write("id.jsonl.gz", replaced(n, JSON.stringify({ ...speaker, id: "seven" }))),
      new RegExp(`^line ${n}: id: must be a positive whole number, got "seven"`),
    );
  });

  it("a row the database refuses (a statement whose speaker is not in the file), late in the file: all earlier rows are rolled back", async () => {
    const n = good.findLastIndex((text) => (JSON.parse(text) as { type: string }).type === "statement") + 1;
    const statement = JSON.parse(good[n - 1]!) as Record<string, unknown>;
    expect(statement.type).toBe("statement");
    await expectRefused(
      write("foreign-key.jsonl.gz", replaced(n, JSON.stringify({ ...statement, speakerId: 999_999 }))),
      new RegExp(
        `^line ${n}: insert or update on table "statements" violates foreign key constraint .*\\(Key \\(speaker_id\\)=\\(999999\\) is not present in table "speakers"\\.\\)`,
      ),
    );
    await expectRefused(
      write("check.jsonl.gz", replaced(n, JSON.stringify({ ...statement, kind: "shouted" }))),
      new RegExp(`^line ${n}: new row for relation "statements" violates check constraint "statements_kind_check"`),
    );
  });

  it("a topic parent that does not exist: found after all rows are in, still named by its line", async () => {
    const n = lineOf((l) => l.type === "topic");
    const topic = JSON.parse(good[n - 1]!) as Record<string, unknown>;
    await expectRefused(
      write("parent.jsonl.gz", replaced(n, JSON.stringify({ ...topic, parentId: 4242 }))),
      new RegExp(`^line ${n}: .*foreign key constraint.*parent_id`),
    );
  });

  it("a line missing: the end line's counts do not match", async () => {
    // A report: nothing else points at it, so only the count can tell it is gone.
    const n = lineOf((l) => l.type === "report");
    const lines = good.filter((_, i) => i + 1 !== n);
    const reports = good.filter((text) => (JSON.parse(text) as { type: string }).type === "report").length;
    expect(reports).toBeGreaterThan(1);
    await expectRefused(
      write("missing.jsonl.gz", lines),
      new RegExp(
        `^line ${lines.length}: the end line counts ${reports} report lines but the file holds ${reports - 1}: the file is damaged`,
      ),
    );
  });

  it("a report of a statement that is not in the file, named by its line", async () => {
    const n = lineOf((l) => l.type === "report");
    const report = JSON.parse(good[n - 1]!) as Record<string, unknown>;
    await expectRefused(
      write("report-statement.jsonl.gz", replaced(n, JSON.stringify({ ...report, statementId: 999_999 }))),
      new RegExp(`^line ${n}: insert or update on table "statement_reports" violates foreign key constraint`),
    );
  });

  it("a line after the end line, and a second header", async () => {
    await expectRefused(
      write("after-end.jsonl.gz", [...good, good[1]!]),
      new RegExp(
        `^line ${good.length + 1}: a "user" line after the end line|^line ${good.length + 1}: a "speaker" line after the end line`,
      ),
    );
    await expectRefused(write("two-headers.jsonl.gz", [good[0]!, ...good]), /^line 2: a second header line/);
  });

  it("not a backup at all (an import file), an empty file, and a backup from a newer version", async () => {
    await expectRefused(
      write(
        "import.jsonl",
        [JSON.stringify({ externalId: "x-1", text: "Hello", language: "en", speaker: { name: "X" } })],
        false,
      ),
      /^line 1: each line must be a JSON object with a "type"/,
    );
    await expectRefused(
      write("typed.jsonl", [`{"type":"statement","id":1}`], false),
      /^line 1: the first line must be the header of a backup made by `npm run export`/,
    );
    await expectRefused(write("empty.jsonl", [""], false), /^the file is empty: no backup header/);
    const header = JSON.parse(good[0]!) as Record<string, unknown>;
    await expectRefused(
      write(
        "newer-schema.jsonl.gz",
        replaced(
          1,
          JSON.stringify({ ...header, migrations: [...(header.migrations as string[]), "9999_from_the_future"] }),
        ),
      ),
      /^line 1: the backup was made by a newer version of the app \(migrations 9999_from_the_future are unknown here\)/,
    );
    await expectRefused(
      write("newer-format.jsonl.gz", replaced(1, JSON.stringify({ ...header, version: 3 }))),
      /^line 1: the backup is in version 3 of the format; this version of the app reads up to version 2/,
    );
  });

  it("after all that, the good file restores into the same database", async () => {
    const file = path.join(dir, "good.jsonl.gz");
    const restored = await restoreBackup(target.pool, file);
    expect(restored.counts.statement).toBe(18);
    expect((await target.pool.query(`SELECT count(*)::int AS n FROM statement_responses`)).rows[0].n).toBe(2);
  });

  it("npm run restore prints the line and says nothing was restored, exit code 1", async () => {
    const fresh = await createTestDatabase(env.services, "backup_errors_cli");
    const n = lineOf((l) => l.type === "source");
    const file = write("cli-bad.jsonl.gz", replaced(n, `{"type":"source","id":1,"key":`));
    const childEnv = {
      ...process.env,
      DATABASE_URL: fresh.databaseUrl,
      MEILI_URL: env.services.meiliUrl,
      MEILI_MASTER_KEY: env.services.meiliKey,
      MEILI_INDEX: fresh.indexUid,
    };
    const result = await run(TSX, ["scripts/restore.ts", file], { env: childEnv, timeout: 120_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cli-bad.jsonl.gz: line ${n}: not valid JSON`);
    expect(result.stderr).toContain("restore: nothing was restored (the transaction was rolled back).");
    const pool = new pg.Pool({ connectionString: fresh.databaseUrl, max: 1 });
    expect(await nonEmptyTables(pool)).toEqual([]);
    await pool.end();
  });
});
