import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { findMergeCandidatesStep } from "@/lib/curate/merge-candidates";
import {
  acceptCandidate,
  listMergeCandidates,
  mergeHistory,
  rejectCandidate,
  reopenCandidate,
  splitReport,
  statementReportsForCurators,
  undoMerge,
} from "@/lib/curate/merges";
import { retractStatement } from "@/lib/curate/statements";
import { findMergedStatementTarget } from "@/lib/db/queries/redirects";
import { getPublicStatement } from "@/lib/db/queries/statements";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { ImportResolver, importBatch } from "@/lib/import/import-statements";
import { parseImportLine, type ImportLine } from "@/lib/validation/import-line";
import { useTestEnvironment } from "../support/integration";

// Merge candidates, merges, splits and their undo (issue 15, item 1) on real Postgres: the background
// job proposes one speaker's near-duplicates, curators accept (merge), reject, split and undo, and the
// merged-away statement's address leads to the one it joined.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let curator: CurrentUser;

function line(fields: Record<string, unknown>): ImportLine {
  const parsed = parseImportLine(JSON.stringify({ language: "ar", speaker: { name: "الدفاع المدني" }, ...fields }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const FIRST = line({
  externalId: "m-1",
  text: "قال الدفاع المدني إن 23 شخصا قتلوا في غارات على أحياء حلب الشرقية صباح اليوم",
  saidOn: "2016-02-04",
  source: { url: "https://a.example/1", outlet: "A", publishedAt: "2016-02-04" },
});
const SECOND = line({
  externalId: "m-2",
  text: "الدفاع المدني: مقتل 23 شخصا في غارات على أحياء حلب الشرقية صباح اليوم",
  saidOn: "2016-02-05",
  source: { url: "https://b.example/1", outlet: "B", publishedAt: "2016-02-05" },
});
const OTHER = line({
  externalId: "m-3",
  text: "افتتاح مدرسة جديدة في ريف إدلب بعد ترميمها",
  saidOn: "2016-02-05",
  source: { url: "https://c.example/1", outlet: "C", publishedAt: "2016-02-05" },
});

async function idOf(externalId: string): Promise<number> {
  const { rows } = await env.pool.query<{ id: number }>(`SELECT id FROM statements WHERE external_id = $1`, [
    externalId,
  ]);
  return rows[0]!.id;
}

async function runJob(): Promise<void> {
  for (let step = 0; step < 50; step++) if ((await findMergeCandidatesStep(env.pool)).scanned === 0) return;
}

beforeAll(async () => {
  env = await useTestEnvironment("merges");
  const id = await createUser(env.pool, {
    email: "merges@example.org",
    name: "Merges",
    role: "editor",
    password: "merges-password-1",
  });
  curator = { id, email: "merges@example.org", name: "Merges", role: "editor" };
  await importBatch(env.pool, new ImportResolver(), [FIRST, SECOND, OTHER]);
}, 60_000);

afterAll(async () => {
  await env?.close();
});

describe("the merge candidate job", () => {
  it("proposes the speaker's near-duplicate pair once, and not the unrelated statement", async () => {
    await runJob();
    const { items, total } = await listMergeCandidates(env.pool, { status: "pending", limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect([items[0]!.a.id, items[0]!.b.id]).toEqual([await idOf("m-1"), await idOf("m-2")]);
    expect(items[0]!.a.reports.map((r) => r.outlet)).toEqual(["A"]);
    // A second pass over the same statements adds nothing.
    await env.pool.query(`INSERT INTO merge_scan_queue SELECT id FROM statements ON CONFLICT DO NOTHING`);
    await runJob();
    expect((await listMergeCandidates(env.pool, { status: "pending", limit: 10, offset: 0 })).total).toBe(1);
  });
});

describe("the queue behind the job", () => {
  it("compares a draft when it is published, not before", async () => {
    const speaker = await env.pool.query<{ speaker_id: number }>(
      `SELECT speaker_id FROM statements WHERE external_id = 'm-3'`,
    );
    const { rows } = await env.pool.query<{ id: number }>(
      `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, status)
       VALUES ('افتتاح مدرسة جديدة في ريف إدلب بعد ترميمها بالكامل', 'ar', 'direct', $1, '2016-02-06', 'day', 'draft') RETURNING id`,
      [speaker.rows[0]!.speaker_id],
    );
    const draft = rows[0]!.id;
    // A later statement is compared first (a cursor over ids would now be past the draft for good).
    await importBatch(env.pool, new ImportResolver(), [
      line({ externalId: "m-4", text: "وصول قافلة مساعدات إلى مضايا", saidOn: "2016-03-01" }),
    ]);
    await runJob();
    const pairsOf = async () =>
      (await listMergeCandidates(env.pool, { status: "pending", limit: 50, offset: 0 })).items.filter((c) =>
        [c.a.id, c.b.id].includes(draft),
      );
    expect(await pairsOf()).toEqual([]);
    await env.pool.query(`UPDATE statements SET status = 'published' WHERE id = $1`, [draft]);
    await runJob();
    const [pair] = await pairsOf();
    expect([pair!.a.id, pair!.b.id]).toEqual([await idOf("m-3"), draft]);
    await rejectCandidate(env.pool, curator, { candidateId: pair!.id });
  });
});

describe("accepting, rejecting and undoing", () => {
  it("a rejected pair leaves the queue and comes back when the rejection is undone", async () => {
    const [candidate] = (await listMergeCandidates(env.pool, { status: "pending", limit: 1, offset: 0 })).items;
    await rejectCandidate(env.pool, curator, { candidateId: candidate!.id });
    expect((await listMergeCandidates(env.pool, { status: "pending", limit: 10, offset: 0 })).total).toBe(0);
    const decided = await listMergeCandidates(env.pool, { status: "decided", limit: 10, offset: 0 });
    expect(decided.items[0]).toMatchObject({ id: candidate!.id, status: "rejected", decidedBy: "Merges" });
    await expect(rejectCandidate(env.pool, curator, { candidateId: candidate!.id })).rejects.toThrow(
      "candidateId: was already rejected",
    );
    await reopenCandidate(env.pool, { candidateId: candidate!.id });
    expect((await listMergeCandidates(env.pool, { status: "pending", limit: 10, offset: 0 })).total).toBe(1);
  });

  it("accepting merges the other statement into the kept one; its address leads there; undo restores both", async () => {
    const keep = await idOf("m-1");
    const gone = await idOf("m-2");
    const [candidate] = (await listMergeCandidates(env.pool, { status: "pending", limit: 1, offset: 0 })).items;
    const result = await acceptCandidate(env.pool, curator, { candidateId: candidate!.id, keepId: keep });
    expect(result).toMatchObject({ statementId: keep, mergedId: gone });

    const kept = (await getPublicStatement(keep))!;
    expect(kept.reports.map((r) => [r.source.outlet, r.text])).toEqual([
      ["A", FIRST.text],
      ["B", SECOND.text],
    ]);
    expect(await getPublicStatement(gone)).toBeNull();
    expect(await findMergedStatementTarget(gone)).toBe(keep);
    // Re-importing the merged-away line changes nothing.
    expect(await importBatch(env.pool, new ImportResolver(), [SECOND])).toMatchObject({ unchanged: 1 });
    expect((await mergeHistory(env.pool, gone))[0]).toMatchObject({ kind: "merge", statementId: keep, otherId: gone });

    // The merged-away statement cannot be edited on its own any more.
    const { rows: versions } = await env.pool.query<{ version: number }>(
      `SELECT version FROM statements WHERE id = $1`,
      [gone],
    );
    await expect(retractStatement(env.pool, curator, gone, versions[0]!.version, "wrong")).rejects.toThrow(
      `status: this statement was merged into statement ${keep}: edit that one, or undo the merge`,
    );

    await undoMerge(env.pool, curator, { mergeId: result.mergeId });
    expect((await getPublicStatement(gone))!.reports.map((r) => r.source.outlet)).toEqual(["B"]);
    expect((await getPublicStatement(keep))!.reports.map((r) => r.source.outlet)).toEqual(["A"]);
    expect(await findMergedStatementTarget(gone)).toBeNull();
    expect((await listMergeCandidates(env.pool, { status: "pending", limit: 10, offset: 0 })).total).toBe(1);
    await expect(undoMerge(env.pool, curator, { mergeId: result.mergeId })).rejects.toThrow(
      "mergeId: was already undone",
    );
    const { rows } = await env.pool.query(
      `SELECT action FROM revisions WHERE entity_type = 'statement' AND entity_id = $1 ORDER BY id`,
      [gone],
    );
    expect(rows.map((r) => r.action)).toEqual(["import", "merge", "unmerge"]);
  });

  it("refuses a merge of statements by different speakers, bad bodies and unknown ids, naming the field", async () => {
    const other = await importBatch(env.pool, new ImportResolver(), [
      line({ externalId: "m-9", text: FIRST.text, speaker: { name: "Someone Else" } }),
    ]);
    expect(other.created).toBe(1);
    const [a, b] = [await idOf("m-1"), await idOf("m-9")];
    const { rows } = await env.pool.query<{ id: number }>(
      `INSERT INTO merge_candidates (statement_id, other_id, score) VALUES ($1, $2, 1) RETURNING id`,
      [Math.min(a, b), Math.max(a, b)],
    );
    await expect(acceptCandidate(env.pool, curator, { candidateId: rows[0]!.id, keepId: a })).rejects.toThrow(
      "keepId: is by another speaker: only statements of the same speaker can be merged",
    );
    await expect(acceptCandidate(env.pool, curator, { candidateId: "x", keepId: a })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(acceptCandidate(env.pool, curator, { candidateId: rows[0]!.id, keepId: 999999 })).rejects.toThrow(
      "keepId: must be one of the candidate's two statements",
    );
    await expect(rejectCandidate(env.pool, curator, { candidateId: 999999 })).rejects.toBeInstanceOf(NotFoundError);
    // Beyond Postgres' integer range: named, not a database error.
    await expect(rejectCandidate(env.pool, curator, { candidateId: 3_000_000_000 })).rejects.toThrow(
      "candidateId: must be a positive whole number",
    );
    await expect(undoMerge(env.pool, curator, undefined)).rejects.toThrow("mergeId: is required");
    await rejectCandidate(env.pool, curator, { candidateId: rows[0]!.id });
  });
});

describe("splitting", () => {
  it("splits a report off into a statement of its own in that report's wording, and undoes it", async () => {
    const [candidate] = (await listMergeCandidates(env.pool, { status: "pending", limit: 1, offset: 0 })).items;
    const keep = await idOf("m-1");
    await acceptCandidate(env.pool, curator, { candidateId: candidate!.id, keepId: keep });
    const reports = await statementReportsForCurators(env.pool, keep);
    const fromB = reports.find((r) => r.outlet === "B")!;
    const split = await splitReport(env.pool, curator, { statementId: keep, reportId: fromB.id });
    const created = (await getPublicStatement(split.newStatementId))!;
    expect(created.text).toBe(SECOND.text);
    expect(created.speaker.name).toBe("الدفاع المدني");
    expect(created.reports.map((r) => r.source.outlet)).toEqual(["B"]);
    expect((await getPublicStatement(keep))!.reports.map((r) => r.source.outlet)).toEqual(["A"]);
    await expect(splitReport(env.pool, curator, { statementId: keep, reportId: reports[0]!.id })).rejects.toThrow(
      "reportId: is the statement's only report: nothing to split",
    );
    // The job does not propose the split pair again.
    await runJob();
    const pending = await listMergeCandidates(env.pool, { status: "pending", limit: 10, offset: 0 });
    expect(pending.items.filter((c) => [c.a.id, c.b.id].includes(split.newStatementId))).toEqual([]);

    await undoMerge(env.pool, curator, { mergeId: split.mergeId });
    expect((await getPublicStatement(keep))!.reports.map((r) => r.source.outlet)).toEqual(["A", "B"]);
    expect(await findMergedStatementTarget(split.newStatementId)).toBe(keep);
  });

  it("a changed line of a merged-away statement reports the statement its merges end at", async () => {
    const keep = await idOf("m-1");
    const moved = { ...SECOND, source: { ...SECOND.source!, url: "https://b.example/2" } };
    expect(await importBatch(env.pool, new ImportResolver(), [moved])).toMatchObject({ merged: 1, created: 0 });
    expect((await getPublicStatement(keep))!.reports.map((r) => r.source.url)).toContain("https://b.example/2");
  });
});

describe("links to and from a merged-away statement", () => {
  it("show on the statement it joined, and a link to it shows that statement; undo puts them back", async () => {
    const speaker = { name: "فريق الإنقاذ" };
    const observer = { name: "Observer Desk" };
    const said = (externalId: string, text: string, fields: Record<string, unknown> = {}) =>
      line({ externalId, text, speaker, saidOn: "2016-03-04", ...fields });
    await importBatch(env.pool, new ImportResolver(), [
      said("l-keep", "قال فريق الإنقاذ إن 23 شخصا قتلوا في غارات على أحياء حلب الشرقية صباح اليوم", {
        source: { url: "https://a.example/l", outlet: "A" },
      }),
      said("l-gone", "فريق الإنقاذ: مقتل 23 شخصا في غارات على أحياء حلب الشرقية صباح اليوم", {
        source: { url: "https://b.example/l", outlet: "B" },
      }),
      said("l-translation", "Rescuers: 23 people were killed in raids.", { language: "en" }),
      said("l-response", "The figure of 23 dead is too low.", { language: "en", speaker: observer }),
      said("l-earlier", "Nobody was hurt in the raids.", { language: "en", speaker: observer }),
    ]);
    const [keep, gone, translation, response, earlier] = (await Promise.all(
      ["l-keep", "l-gone", "l-translation", "l-response", "l-earlier"].map(idOf),
    )) as [number, number, number, number, number];
    // Curators linked the statement that is merged away below.
    await env.pool.query(`UPDATE statements SET translation_of_id = $1 WHERE id = $2`, [gone, translation]);
    await env.pool.query(`INSERT INTO statement_responses (statement_id, responds_to_id) VALUES ($1, $2), ($2, $3)`, [
      response,
      gone,
      earlier,
    ]);
    await runJob();
    const pending = (await listMergeCandidates(env.pool, { status: "pending", limit: 50, offset: 0 })).items;
    const pair = pending.find((c) => [c.a.id, c.b.id].sort().join() === [keep, gone].sort().join())!;
    const { mergeId } = await acceptCandidate(env.pool, curator, { candidateId: pair.id, keepId: keep });

    const ids = (links: Array<{ id: number }>) => links.map((l) => l.id);
    const kept = (await getPublicStatement(keep))!;
    expect(ids(kept.translations)).toEqual([translation]);
    expect(ids(kept.responses)).toEqual([response]);
    expect(ids(kept.respondsTo)).toEqual([earlier]);
    expect((await getPublicStatement(translation))!.translationOf?.id).toBe(keep);
    expect(ids((await getPublicStatement(response))!.respondsTo)).toEqual([keep]);
    expect(ids((await getPublicStatement(earlier))!.responses)).toEqual([keep]);

    await undoMerge(env.pool, curator, { mergeId });
    const back = (await getPublicStatement(keep))!;
    expect([back.translations, back.responses, back.respondsTo]).toEqual([[], [], []]);
    expect((await getPublicStatement(translation))!.translationOf?.id).toBe(gone);
    expect(ids((await getPublicStatement(response))!.respondsTo)).toEqual([gone]);
    expect(ids((await getPublicStatement(gone))!.respondsTo)).toEqual([earlier]);
  });
});
