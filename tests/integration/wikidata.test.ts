import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportResolver, importBatch, lineFingerprint } from "@/lib/import/import-statements";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { useTestEnvironment } from "../support/integration";

// Speakers' Wikidata ids (issue 15): the import takes speaker.wikidataId and uses it to tell
// speakers apart, the database's check and the import's rule agree, the API returns the id.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;

function line(raw: Record<string, unknown>): ImportLine {
  const parsed = parseImportLine(JSON.stringify({ text: "Words.", language: "en", ...raw }));
  if (!parsed.ok) throw new Error(`expected the line to parse: ${parsed.reason}`);
  return parsed.value;
}

async function speakerOf(
  externalId: string,
): Promise<{ id: number; slug: string; name: string; wikidata_id: string | null; version: number }> {
  const { rows } = await env.pool.query(
    `SELECT sp.id, sp.slug, sp.name, sp.wikidata_id, sp.version FROM statements s JOIN speakers sp ON sp.id = s.speaker_id WHERE s.external_id = $1`,
    [externalId],
  );
  if (!rows[0]) throw new Error(`no statement ${externalId}`);
  return rows[0];
}

beforeAll(async () => {
  env = await useTestEnvironment("wikidata");
});

afterAll(async () => {
  await env?.close();
});

describe("speaker.wikidataId in the import", () => {
  it("is rejected when malformed, naming the field", () => {
    for (const bad of ["Q0", "Q0567", "P31", "Q1234567890123", "Q-5"]) {
      const result = parseImportLine(
        JSON.stringify({ text: "x", language: "en", speaker: { name: "A", wikidataId: bad } }),
      );
      expect(result).toEqual({
        ok: false,
        reason: "speaker.wikidataId: must be a Wikidata id: Q followed by digits, like Q567",
      });
    }
    expect(line({ speaker: { name: "A", wikidataId: " q42 " } }).speaker.wikidataId).toBe("Q42");
    expect(line({ speaker: { name: "A", wikidataId: "" } }).speaker.wikidataId).toBeNull();
  });

  it("gives a new speaker the id, and finds the speaker by it whatever the name", async () => {
    const resolver = new ImportResolver();
    const counts = await importBatch(env.pool, resolver, [
      line({ externalId: "wd-1", speaker: { name: "Douglas Adams", wikidataId: "Q42" } }),
      // The same item under another name, in the same batch: the same speaker.
      line({ externalId: "wd-2", text: "Other words.", speaker: { name: "D. N. Adams", wikidataId: "q42" } }),
    ]);
    expect(counts).toEqual({ created: 2, updated: 0, unchanged: 0, merged: 0 });
    const first = await speakerOf("wd-1");
    expect(first).toMatchObject({ name: "Douglas Adams", wikidata_id: "Q42" });
    expect((await speakerOf("wd-2")).id).toBe(first.id);
    // A later import (a fresh resolver: nothing remembered) finds the item in the database.
    await importBatch(env.pool, new ImportResolver(), [
      line({ externalId: "wd-3", text: "More.", speaker: { name: "Adams, Douglas", wikidataId: "Q42" } }),
    ]);
    expect((await speakerOf("wd-3")).id).toBe(first.id);
    // A line without an id still finds the speaker by name.
    await importBatch(env.pool, new ImportResolver(), [
      line({ externalId: "wd-4", text: "Yet more.", speaker: { name: "Douglas Adams" } }),
    ]);
    expect((await speakerOf("wd-4")).id).toBe(first.id);
  });

  it("fills in the id of a speaker who had none, with a revision, and never replaces a curator's", async () => {
    await importBatch(env.pool, new ImportResolver(), [line({ externalId: "wd-5", speaker: { name: "Jane Roe" } })]);
    const before = await speakerOf("wd-5");
    expect(before.wikidata_id).toBeNull();
    await importBatch(env.pool, new ImportResolver(), [
      line({ externalId: "wd-6", text: "Second.", speaker: { name: "Jane Roe", wikidataId: "Q7" } }),
    ]);
    const after = await speakerOf("wd-6");
    expect(after).toMatchObject({ id: before.id, wikidata_id: "Q7", version: before.version + 1 });
    const { rows } = await env.pool.query(
      `SELECT action, version, changes FROM revisions WHERE entity_type = 'speaker' AND entity_id = $1`,
      [before.id],
    );
    expect(rows).toEqual([{ action: "import", version: before.version + 1, changes: { wikidataId: [null, "Q7"] } }]);

    // Someone else of the same name (another item) is another speaker; the first keeps Q7.
    await importBatch(env.pool, new ImportResolver(), [
      line({ externalId: "wd-7", text: "Third.", speaker: { name: "Jane Roe", wikidataId: "Q8" } }),
    ]);
    const other = await speakerOf("wd-7");
    expect(other.id).not.toBe(before.id);
    expect(other).toMatchObject({ name: "Jane Roe", wikidata_id: "Q8" });
    expect((await speakerOf("wd-6")).wikidata_id).toBe("Q7");
  });

  it("leaves the fingerprint of a line without an id or reviews as it was before they were read, so a re-import changes nothing", async () => {
    const plain = line({ externalId: "wd-8", speaker: { name: "Plain Speaker", aliases: ["P. S."] } });
    // The line as the importer saw it before speaker.wikidataId and reviews were read.
    const { externalId, text, language, kind, speaker, saidOn, topics, source, context } = plain;
    const oldSpeaker = {
      name: speaker.name,
      kind: speaker.kind,
      role: speaker.role,
      affiliation: speaker.affiliation,
      aliases: speaker.aliases,
    };
    const oldLine = { externalId, text, language, kind, speaker: oldSpeaker, saidOn, topics, source, context };
    const before = createHash("sha256").update(JSON.stringify(oldLine)).digest("base64url");
    expect(lineFingerprint(plain)).toBe(before);
    // With an id, the id is part of the line: changing it is a change.
    const withId = line({
      externalId: "wd-8",
      speaker: { name: "Plain Speaker", aliases: ["P. S."], wikidataId: "Q99" },
    });
    expect(lineFingerprint(withId)).not.toBe(before);

    await importBatch(env.pool, new ImportResolver(), [withId]);
    expect(await importBatch(env.pool, new ImportResolver(), [withId])).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      merged: 0,
    });
  });
});

describe("the database's rule", () => {
  it("is the import's: Q, no leading zero, at most 12 digits", async () => {
    const speaker = (await speakerOf("wd-1")).id;
    const set = (value: string) =>
      env.pool.query(`UPDATE speakers SET wikidata_id = $2 WHERE id = $1`, [speaker, value]);
    for (const bad of ["Q0", "Q0567", "P31", "Q1234567890123", "q42"])
      await expect(set(bad), bad).rejects.toThrow(/speakers_wikidata_check/);
    await set("Q123456789012");
    await set("Q42");
  });

  it("migration 0010 mends ids the old check let in, and clears those it cannot", async () => {
    const client = await env.pool.connect();
    try {
      await client.query("BEGIN");
      // The old check, and rows that only it accepted.
      await client.query(`ALTER TABLE speakers DROP CONSTRAINT speakers_wikidata_check`);
      await client.query(
        `ALTER TABLE speakers ADD CONSTRAINT speakers_wikidata_check CHECK (wikidata_id IS NULL OR wikidata_id ~ '^Q[0-9]+$')`,
      );
      await client.query(`DROP INDEX speakers_wikidata_idx`);
      const ids = new Map<string, number>();
      for (const [slug, value] of [
        ["old-a", "Q0567"],
        ["old-b", "Q0"],
        ["old-c", "Q12345678901234"],
        ["old-d", "Q5"],
      ] as const) {
        const { rows } = await client.query(
          `INSERT INTO speakers (slug, kind, name, wikidata_id) VALUES ($1, 'person', $1, $2) RETURNING id`,
          [slug, value],
        );
        ids.set(slug, rows[0].id);
      }
      const sql = readFileSync(
        path.resolve(import.meta.dirname, "../../lib/db/migrations/0010_wikidata_id_rule.sql"),
        "utf8",
      );
      for (const statement of sql.split("--> statement-breakpoint")) await client.query(statement);
      const { rows } = await client.query(
        `SELECT slug, wikidata_id FROM speakers WHERE slug LIKE 'old-%' ORDER BY slug`,
      );
      expect(rows).toEqual([
        { slug: "old-a", wikidata_id: "Q567" },
        { slug: "old-b", wikidata_id: null },
        { slug: "old-c", wikidata_id: null },
        { slug: "old-d", wikidata_id: "Q5" },
      ]);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});

describe("GET /api/v1/speakers/:slug", () => {
  it("includes wikidataId", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "0";
    const { GET } = await import("@/app/api/v1/speakers/[slug]/route");
    const { slug } = await speakerOf("wd-6");
    const response = await GET(new Request(`http://localhost/api/v1/speakers/${slug}`), {
      params: Promise.resolve({ slug }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ slug, name: "Jane Roe", wikidataId: "Q7" });
  });
});
