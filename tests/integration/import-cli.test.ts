import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchStatements } from "@/lib/search/query";
import { parseSearchParams } from "@/lib/validation/search-params";
import { useTestEnvironment } from "../support/integration";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let dir: string;
beforeAll(async () => {
  env = await useTestEnvironment("import_cli");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-cli-"));
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(script: string, args: string[]) {
  const childEnv = {
    ...process.env,
    DATABASE_URL: env.databaseUrl,
    MEILI_URL: env.services.meiliUrl,
    MEILI_MASTER_KEY: env.services.meiliKey,
    MEILI_INDEX: env.indexUid,
  };
  try {
    const { stdout, stderr } = await run(TSX, [`scripts/${script}.ts`, ...args], { env: childEnv, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const good = (id: string, text: string, extra: object = {}) =>
  JSON.stringify({
    externalId: id,
    text,
    language: "en",
    kind: "direct",
    speaker: { name: "Ms. Example", affiliation: "Utopia" },
    saidOn: "2001-09",
    topics: ["Peace"],
    source: { outlet: "Example Daily", title: "Speech", publishedAt: "2001-09-20" },
    ...extra,
  });

const LINES = [
  good("imp-1", "Peace is the work of generations."),
  JSON.stringify({ externalId: "imp-2", language: "en", speaker: { name: "X" } }),
  good("imp-3", "We call for an immediate ceasefire."),
  JSON.stringify({ externalId: "imp-4", text: "Bonjour", language: "xx", speaker: { name: "X" } }),
  good("imp-5", "A date that does not exist", { saidOn: "2016-13-40" }),
  good("imp-6", "x".repeat(10_001)),
  "{ not json",
  "",
  good("imp-8", "Hospitals must never be targets.", {
    speaker: { name: "Médecins Sans Frontières", kind: "organization", aliases: ["MSF"] },
  }),
];

describe("npm run import", () => {
  it("imports every valid line, reports each rejected line with its number and reason, and exits 1", async () => {
    const file = path.join(dir, "mixed.jsonl.gz");
    fs.writeFileSync(file, zlib.gzipSync(LINES.join("\n")));
    const result = await cli("import", [file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("line 2: text: is required");
    expect(result.stderr).toMatch(/line 4: language: "xx" is not a supported language/);
    expect(result.stderr).toMatch(/line 5: saidOn: "2016-13-40" is not a real date/);
    expect(result.stderr).toMatch(/line 6: text: must be at most 10000 characters/);
    expect(result.stderr).toMatch(/line 7: invalid JSON/);
    expect(result.stdout).toMatch(/3 created, 0 updated, 0 unchanged, 5 rejected/);

    const { rows } = await env.pool.query(`SELECT external_id FROM statements ORDER BY external_id`);
    expect(rows.map((r) => r.external_id)).toEqual(["imp-1", "imp-3", "imp-8"]);
    // End to end: the importer waits until the index has caught up.
    const found = parseSearchParams(new URLSearchParams("q=ceasefire"));
    if (!found.ok) throw new Error("bad query");
    expect((await searchStatements(found.query)).hits.map((h) => h.externalId)).toEqual(["imp-3"]);
  });

  it("changes nothing when the same file is imported again", async () => {
    const file = path.join(dir, "mixed.jsonl.gz");
    const before = await env.pool.query(`SELECT count(*)::int AS revisions FROM revisions`);
    const result = await cli("import", [file]);
    expect(result.stdout).toMatch(/0 created, 0 updated, 3 unchanged, 5 rejected/);
    const after = await env.pool.query(`SELECT count(*)::int AS revisions FROM revisions`);
    expect(after.rows).toEqual(before.rows);
  });

  it("updates a changed line and keeps its history; resolves the speaker by alias", async () => {
    const file = path.join(dir, "changed.jsonl");
    fs.writeFileSync(
      file,
      [
        good("imp-1", "Peace is the work of many generations."),
        good("imp-9", "Aid must reach every district.", { speaker: { name: "MSF", kind: "organization" } }),
      ].join("\n"),
    );
    const result = await cli("import", [file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 created, 1 updated, 0 unchanged, 0 rejected/);
    const revisions = await env.pool.query(
      `SELECT r.version, r.changes FROM revisions r JOIN statements s ON s.id = r.entity_id WHERE s.external_id = 'imp-1' ORDER BY r.version`,
    );
    expect(revisions.rows).toHaveLength(2);
    expect(revisions.rows[1].changes.text).toEqual([
      "Peace is the work of generations.",
      "Peace is the work of many generations.",
    ]);
    const speakers = await env.pool.query(
      `SELECT DISTINCT sp.slug FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.external_id IN ('imp-8', 'imp-9')`,
    );
    expect(speakers.rows).toEqual([{ slug: "medecins-sans-frontieres" }]);
  });

  it("check:index finds no difference after imports, and one after a change behind its back", async () => {
    expect((await cli("check-index", [])).code).toBe(0);
    await env.pool.query(`UPDATE statements SET text = 'edited without outbox' WHERE external_id = 'imp-3'`);
    const result = await cli("check-index", []);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Out of date in the index \(1\)/);
    expect((await cli("reindex", [])).code).toBe(0);
    expect((await cli("check-index", [])).code).toBe(0);
  });

  it("explains a missing file in one line", async () => {
    const result = await cli("import", [path.join(dir, "nope.jsonl")]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/nope\.jsonl does not exist/);
  });
});
