import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublicStatement } from "@/lib/db/queries/statements";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { useTestEnvironment } from "../support/integration";

// One statement, many reports (issue 15, item 1) on real Postgres: the importer joins a line with the
// same speaker and the same words to the existing statement as a new report, whatever its externalId,
// keeps that externalId as an alias (a re-import changes nothing), and a changed line replaces only
// its own report.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;

function line(fields: Record<string, unknown>): ImportLine {
  const parsed = parseImportLine(
    JSON.stringify({ language: "ar", speaker: { name: "عبد الأحد اسطيفو" }, saidOn: "2016-02-04", ...fields }),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const OUTLET_A = { url: "https://a.example/aleppo", outlet: "Outlet A", publishedAt: "2016-02-05" };
const OUTLET_B = { url: "https://b.example/aleppo", outlet: "Outlet B", publishedAt: "2016-02-04" };
const TEXT_A = "«إنّ النظام يرتكب جرائم حرب في حلب»";
const TEXT_B = "ان النظام يرتكب جرائم حرب في حلب.";

async function run(lines: ImportLine[]) {
  return importBatch(env.pool, new ImportResolver(), lines);
}

async function statementCount(): Promise<number> {
  const { rows } = await env.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM statements`);
  return rows[0]!.n;
}

async function idOf(externalId: string): Promise<number> {
  const { rows } = await env.pool.query<{ id: number }>(
    `SELECT coalesce((SELECT id FROM statements WHERE external_id = $1), (SELECT statement_id FROM statement_aliases WHERE external_id = $1)) AS id`,
    [externalId],
  );
  if (!rows[0]?.id) throw new Error(`no statement for ${externalId}`);
  return rows[0].id;
}

beforeAll(async () => {
  env = await useTestEnvironment("reports-import");
}, 60_000);

afterAll(async () => {
  await env?.close();
});

describe("importing the same statement from two outlets", () => {
  it("gives one statement with two reports, oldest first, and keeps the second externalId as an alias", async () => {
    expect(await run([line({ externalId: "a-1", text: TEXT_A, source: OUTLET_A })])).toMatchObject({ created: 1 });
    expect(await run([line({ externalId: "b-7", text: TEXT_B, source: OUTLET_B })])).toMatchObject({
      created: 0,
      merged: 1,
    });
    expect(await statementCount()).toBe(1);
    const id = await idOf("a-1");
    expect(await idOf("b-7")).toBe(id);
    const statement = (await getPublicStatement(id))!;
    expect(statement.text).toBe(TEXT_A);
    expect(statement.reports.map((r) => [r.source.outlet, r.text, r.reportedOn?.iso])).toEqual([
      ["Outlet B", TEXT_B, "2016-02-04"],
      ["Outlet A", TEXT_A, "2016-02-05"],
    ]);
    expect(statement.firstReportedOn?.iso).toBe("2016-02-04");
  });

  it("announces its statements to the search index as background work, behind curators' changes", async () => {
    const { rows } = await env.pool.query<{ background: boolean }>(
      `SELECT DISTINCT background FROM outbox WHERE entity_type = 'statement'`,
    );
    expect(rows).toEqual([{ background: true }]);
  });

  it("changes nothing when both lines are imported again", async () => {
    const id = await idOf("a-1");
    const before = (await getPublicStatement(id))!.version;
    expect(
      await run([
        line({ externalId: "a-1", text: TEXT_A, source: OUTLET_A }),
        line({ externalId: "b-7", text: TEXT_B, source: OUTLET_B }),
      ]),
    ).toEqual({ created: 0, updated: 0, unchanged: 2, merged: 0 });
    expect((await getPublicStatement(id))!.version).toBe(before);
  });

  it("a changed reporting line replaces its own report and no other outlet's", async () => {
    const id = await idOf("a-1");
    const moved = { ...OUTLET_B, url: "https://b.example/aleppo-corrected", publishedAt: "2016-02-06" };
    expect(await run([line({ externalId: "b-7", text: TEXT_B, source: moved })])).toMatchObject({ merged: 1 });
    const statement = (await getPublicStatement(id))!;
    expect(statement.reports.map((r) => r.source.url)).toEqual([OUTLET_A.url, moved.url]);
    expect(statement.text).toBe(TEXT_A);
  });

  it("joins lines of one batch, and lines without externalId from different outlets", async () => {
    const text = "Wir werden die Menschen in Aleppo nicht vergessen.";
    const speaker = { name: "Frank-Walter Steinmeier" };
    const counts = await run([
      line({ language: "de", speaker, text, source: { url: "https://c.example/1", publishedAt: "2016-02-08" } }),
      line({
        language: "de",
        speaker,
        text: `„${text}“`,
        source: { url: "https://d.example/1", publishedAt: "2016-02-07" },
      }),
    ]);
    expect(counts).toMatchObject({ created: 1, merged: 1 });
    const { rows } = await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE text = $1`, [text]);
    expect(rows).toHaveLength(1);
    const statement = (await getPublicStatement(rows[0]!.id))!;
    expect(statement.reports.map((r) => r.source.url)).toEqual(["https://d.example/1", "https://c.example/1"]);
    // Imported again: nothing changes.
    expect(
      await run([
        line({ language: "de", speaker, text, source: { url: "https://c.example/1", publishedAt: "2016-02-08" } }),
        line({
          language: "de",
          speaker,
          text: `„${text}“`,
          source: { url: "https://d.example/1", publishedAt: "2016-02-07" },
        }),
      ]),
    ).toMatchObject({ unchanged: 2, created: 0, merged: 0 });
  });

  it("keeps statements apart when the speaker or a word differs", async () => {
    const before = await statementCount();
    await run([
      line({ externalId: "c-1", text: TEXT_A, speaker: { name: "Another Speaker" }, source: OUTLET_A }),
      line({ externalId: "c-2", text: "«إنّ النظام لا يرتكب جرائم حرب في حلب»", source: OUTLET_A }),
    ]);
    expect(await statementCount()).toBe(before + 2);
  });

  it("reads a batch's lines in file order, so that where batches end changes nothing", async () => {
    // Found by the import property test: a line joined a statement by the words its own line, earlier
    // in the same batch, had just changed.
    const statementOf = async (externalId: string) =>
      (await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = $1`, [externalId])).rows[0]
        ?.id;
    const inOneBatch = async (lines: ImportLine[]) => void (await run(lines));
    const lineByLine = async (lines: ImportLine[]) => {
      for (const one of lines) await run([one]);
    };
    for (const [name, importLines] of [
      ["one-batch", inOneBatch],
      ["line-by-line", lineByLine],
    ] as const) {
      const speaker = { name: `Order Speaker (${name})` };
      const said = (externalId: string, text: string, source = OUTLET_B) =>
        line({ externalId: `${name}:${externalId}`, text, speaker, source });
      await run([said("own", "Old words.", OUTLET_A), said("other", "Other words.", OUTLET_A)]);
      await importLines([
        said("late", "Other words!"), // read before its statement changes: joins it
        said("own", "New words.", OUTLET_A),
        said("other", "Changed words.", OUTLET_A),
        said("old", "Old words"), // the statement has new words by now: a statement of its own
        said("new", "New words!"), // joins the statement by its new words
      ]);
      expect(await statementOf(`${name}:old`), name).toBeDefined();
      expect(await idOf(`${name}:new`), name).toBe(await statementOf(`${name}:own`));
      expect(await idOf(`${name}:late`), name).toBe(await statementOf(`${name}:other`));
    }
  });

  it("takes further reports from the line's reports field, and refuses a report without a source", async () => {
    await run([
      line({
        externalId: "r-1",
        text: "The hospital was hit twice.",
        language: "en",
        speaker: { name: "MSF" },
        source: { url: "https://e.example/1", publishedAt: "2016-02-10" },
        reports: [
          {
            source: { url: "https://f.example/1", outlet: "F" },
            text: "The hospital was struck twice.",
            reportedOn: "2016-02-09",
          },
        ],
      }),
    ]);
    const statement = (await getPublicStatement(await idOf("r-1")))!;
    expect(statement.reports.map((r) => [r.source.url, r.text])).toEqual([
      ["https://f.example/1", "The hospital was struck twice."],
      ["https://e.example/1", "The hospital was hit twice."],
    ]);
    const refused = parseImportLine(
      JSON.stringify({ text: "x", language: "en", speaker: { name: "S" }, reports: [{ text: "y" }] }),
    );
    expect(refused).toEqual({ ok: false, reason: "reports.0.source: is required: where it was reported" });
  });
});
