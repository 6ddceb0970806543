import type pg from "pg";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/roles";
import type { Queryable } from "@/lib/db/client";
import { REPORT_JSON, REPORT_ORDER, type ReportRow } from "@/lib/db/reports";
import { latestStatementSnapshot, writeRevision, type RevisionAction } from "@/lib/db/revisions";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { statementTextKey } from "@/lib/text/statement-key";
import { storedPartialDateIso } from "@/lib/validation/partial-date";
import { requiredBodyId } from "@/lib/validation/id";
import { parseOrThrow } from "./entities";

// One statement, many reports (issue 15): curators merge two statements of one speaker (the review
// queue's accepted candidates, lib/curate/merge-candidates.ts), split a report off into a statement
// of its own, and undo either. A merge moves the merged-away statement's reports, aliases, topics and
// reviews to the kept one and leaves its row as status 'merged' (its URL redirects); statement_merges
// records exactly what moved, so an undo puts back that and nothing else.

const acceptSchema = z.object({ candidateId: requiredBodyId, keepId: requiredBodyId });
const candidateSchema = z.object({ candidateId: requiredBodyId });
const splitSchema = z.object({ statementId: requiredBodyId, reportId: requiredBodyId });
const undoSchema = z.object({ mergeId: requiredBodyId });

// A missing body is read as an empty one, so the answer names the missing fields.
const parse = <T>(schema: z.ZodType<T>, body: unknown): T => parseOrThrow(schema, body ?? {});

export type CuratorReport = {
  id: number;
  outlet: string | null;
  url: string | null;
  title: string | null;
  reportedOn: string | null;
  text: string;
};

export type CandidateSide = {
  id: number;
  text: string;
  language: string;
  saidOn: string | null;
  status: string;
  speaker: { slug: string; name: string };
  reports: CuratorReport[];
};

export type MergeCandidateView = {
  id: number;
  score: number;
  status: "pending" | "accepted" | "rejected";
  decidedAt: string | null;
  decidedBy: string | null;
  mergeId: number | null;
  a: CandidateSide;
  b: CandidateSide;
};

const REPORTS_JSON = `coalesce((SELECT json_agg(${REPORT_JSON} ORDER BY ${REPORT_ORDER})
                      FROM statement_reports r JOIN sources so ON so.id = r.source_id WHERE r.statement_id = x.id), '[]')`;

type SideRow = Omit<CandidateSide, "saidOn" | "reports"> & {
  said_on: string | null;
  said_on_precision: string | null;
  reports: ReportRow[];
};

const SIDE_JSON = `json_build_object('id', x.id, 'text', x.text, 'language', x.language, 'status', x.status,
                     'said_on', x.said_on::text, 'said_on_precision', x.said_on_precision,
                     'speaker', (SELECT json_build_object('slug', sp.slug, 'name', sp.name) FROM speakers sp WHERE sp.id = x.speaker_id),
                     'reports', ${REPORTS_JSON})`;

function side(row: SideRow): CandidateSide {
  return {
    id: row.id,
    text: row.text,
    language: row.language,
    status: row.status,
    speaker: row.speaker,
    saidOn: storedPartialDateIso(row.said_on, row.said_on_precision),
    // A report without a wording of its own has the statement's.
    reports: row.reports.map((report) => ({
      id: report.id,
      outlet: report.outlet,
      url: report.url,
      title: report.title,
      reportedOn: storedPartialDateIso(report.reportedOn, report.reportedPrecision),
      text: report.text ?? row.text,
    })),
  };
}

/**
 * The review queue: pending pairs whose statements are both still public, best score first; or the
 * decided ones, latest first, with the merge an accepted one made (for its undo).
 */
export async function listMergeCandidates(
  pool: pg.Pool,
  query: { status: "pending" | "decided"; limit: number; offset: number },
): Promise<{ items: MergeCandidateView[]; total: number }> {
  const where =
    query.status === "pending"
      ? `c.status = 'pending' AND EXISTS (SELECT 1 FROM statements s WHERE s.id = c.statement_id AND s.status IN ('published', 'retracted'))
                             AND EXISTS (SELECT 1 FROM statements s WHERE s.id = c.other_id AND s.status IN ('published', 'retracted'))`
      : `c.status <> 'pending'`;
  const order = query.status === "pending" ? "c.score DESC, c.id" : "c.decided_at DESC, c.id DESC";
  const { rows } = await pool.query<{
    id: number;
    score: number;
    status: MergeCandidateView["status"];
    decided_at: Date | null;
    decided_by: string | null;
    merge_id: number | null;
    a: SideRow;
    b: SideRow;
    total: string;
  }>(
    `SELECT c.id, c.score, c.status, c.decided_at, u.name AS decided_by,
            (SELECT m.id FROM statement_merges m WHERE m.candidate_id = c.id AND m.undone_at IS NULL ORDER BY m.id DESC LIMIT 1) AS merge_id,
            (SELECT ${SIDE_JSON} FROM statements x WHERE x.id = c.statement_id) AS a,
            (SELECT ${SIDE_JSON} FROM statements x WHERE x.id = c.other_id) AS b,
            count(*) OVER () AS total
       FROM merge_candidates c LEFT JOIN users u ON u.id = c.decided_by_id
      WHERE ${where}
      ORDER BY ${order} LIMIT $1 OFFSET $2`,
    [query.limit, query.offset],
  );
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map((row) => ({
      id: row.id,
      score: row.score,
      status: row.status,
      decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
      decidedBy: row.decided_by,
      mergeId: row.merge_id,
      a: side(row.a),
      b: side(row.b),
    })),
  };
}

/** A statement's reports as curators see them (with ids, for a split). */
export async function statementReportsForCurators(pool: pg.Pool, statementId: number): Promise<CuratorReport[]> {
  const { rows } = await pool.query<{ side: SideRow }>(
    `SELECT ${SIDE_JSON} AS side FROM statements x WHERE x.id = $1`,
    [statementId],
  );
  return rows[0] ? side(rows[0].side).reports : [];
}

export type MergeHistoryEntry = {
  id: number;
  kind: "merge" | "split";
  statementId: number;
  otherId: number;
  createdAt: string;
  undoneAt: string | null;
  userName: string | null;
};

/** The merges and splits a statement took part in, newest first. */
export async function mergeHistory(pool: pg.Pool, statementId: number): Promise<MergeHistoryEntry[]> {
  const { rows } = await pool.query<{
    id: number;
    kind: "merge" | "split";
    statement_id: number;
    other_id: number;
    created_at: Date;
    undone_at: Date | null;
    user_name: string | null;
  }>(
    `SELECT m.id, m.kind, m.statement_id, m.other_id, m.created_at, m.undone_at, u.name AS user_name
       FROM statement_merges m LEFT JOIN users u ON u.id = m.user_id
      WHERE m.statement_id = $1 OR m.other_id = $1 ORDER BY m.id DESC LIMIT 100`,
    [statementId],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    statementId: row.statement_id,
    otherId: row.other_id,
    createdAt: row.created_at.toISOString(),
    undoneAt: row.undone_at ? row.undone_at.toISOString() : null,
    userName: row.user_name,
  }));
}

// --- merging -------------------------------------------------------------------------------------

type Locked = { id: number; speaker_id: number; status: string; text: string; version: number };

/** Locks the statements in id order (two curators merging the same pair cannot deadlock). */
async function lockStatements(tx: Queryable, ids: number[], field: string): Promise<Map<number, Locked>> {
  const { rows } = await tx.query<Locked>(
    `SELECT id, speaker_id, status, text, version FROM statements WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const wanted of ids) if (!byId.has(wanted)) throw new NotFoundError(`No statement ${wanted} (${field}).`);
  return byId;
}

/** What a merge moved: enough to put each thing back (undoMerge). */
type MergeMoved = {
  fromStatus: string;
  reportIds: number[];
  /** Moved reports that had no wording of their own: they got the merged-away statement's text. */
  worded: number[];
  /** Reports of a source the kept statement already had: removed, kept here whole. */
  dropped: Array<Record<string, unknown>>;
  aliases: string[];
  topicIds: number[];
  reviewIds: number[];
};

type SplitMoved = { reportId: number; alias: string | null };

async function bump(
  tx: Queryable,
  statementId: number,
  action: RevisionAction,
  userId: number,
  changes: Record<string, [unknown, unknown]>,
): Promise<void> {
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE statements SET version = version + 1, updated_at = now(), updated_by_id = $2 WHERE id = $1 RETURNING version`,
    [statementId, userId],
  );
  // Read before this revision is written: the latest one so far.
  const snapshot = await latestStatementSnapshot(tx, statementId);
  await writeRevision(tx, {
    entityType: "statement",
    entityId: statementId,
    version: rows[0]!.version,
    action,
    userId,
    changes,
    snapshot,
  });
}

/** Moves `fromId` into `intoId` inside the caller's transaction; returns the statement_merges id. */
async function mergeInto(
  tx: Queryable,
  user: CurrentUser,
  intoId: number,
  fromId: number,
  candidateId: number | null,
  field: string,
): Promise<number> {
  if (intoId === fromId) throw new ValidationError([{ field, message: "must be another statement than the one kept" }]);
  const locked = await lockStatements(tx, [intoId, fromId], field);
  const into = locked.get(intoId)!;
  const from = locked.get(fromId)!;
  if (into.speaker_id !== from.speaker_id)
    throw new ValidationError([
      { field, message: "is by another speaker: only statements of the same speaker can be merged" },
    ]);
  for (const statement of [into, from])
    if (statement.status !== "published" && statement.status !== "retracted")
      throw new ValidationError([
        { field, message: `statement ${statement.id} is ${statement.status}: only public statements can be merged` },
      ]);

  const dropped = await tx.query<Record<string, unknown>>(
    `DELETE FROM statement_reports r WHERE r.statement_id = $2
        AND EXISTS (SELECT 1 FROM statement_reports k WHERE k.statement_id = $1 AND k.source_id = r.source_id)
      RETURNING r.*`,
    [intoId, fromId],
  );
  const worded = await tx.query<{ id: number }>(
    `UPDATE statement_reports SET text = $2 WHERE statement_id = $1 AND text IS NULL RETURNING id`,
    [fromId, from.text],
  );
  const reports = await tx.query<{ id: number }>(
    `UPDATE statement_reports SET statement_id = $1 WHERE statement_id = $2 RETURNING id`,
    [intoId, fromId],
  );
  const aliases = await tx.query<{ external_id: string }>(
    `UPDATE statement_aliases SET statement_id = $1 WHERE statement_id = $2 RETURNING external_id`,
    [intoId, fromId],
  );
  const topics = await tx.query<{ topic_id: number }>(
    `INSERT INTO statement_topics (statement_id, topic_id) SELECT $1, topic_id FROM statement_topics WHERE statement_id = $2
     ON CONFLICT DO NOTHING RETURNING topic_id`,
    [intoId, fromId],
  );
  const reviews = await tx.query<{ id: number }>(
    `UPDATE statement_reviews r SET statement_id = $1 WHERE r.statement_id = $2
        AND NOT EXISTS (SELECT 1 FROM statement_reviews k WHERE k.statement_id = $1 AND k.url = r.url) RETURNING r.id`,
    [intoId, fromId],
  );
  const moved: MergeMoved = {
    fromStatus: from.status,
    reportIds: reports.rows.map((r) => r.id),
    worded: worded.rows.map((r) => r.id),
    dropped: dropped.rows,
    aliases: aliases.rows.map((r) => r.external_id),
    topicIds: topics.rows.map((r) => r.topic_id),
    reviewIds: reviews.rows.map((r) => r.id),
  };
  await tx.query(`UPDATE statements SET status = 'merged', merged_into_id = $1 WHERE id = $2`, [intoId, fromId]);
  // Pairs with the merged-away statement are settled by this merge.
  await tx.query(
    `UPDATE merge_candidates SET status = 'accepted', decided_by_id = $3, decided_at = now()
      WHERE status = 'pending' AND ((statement_id = $1 AND other_id = $2) OR (statement_id = $2 AND other_id = $1))`,
    [Math.min(intoId, fromId), Math.max(intoId, fromId), user.id],
  );
  const merge = await tx.query<{ id: number }>(
    `INSERT INTO statement_merges (kind, statement_id, other_id, candidate_id, moved, user_id) VALUES ('merge', $1, $2, $3, $4, $5) RETURNING id`,
    [intoId, fromId, candidateId, JSON.stringify(moved), user.id],
  );
  await bump(tx, intoId, "merge", user.id, { merged: [null, fromId], reports: [null, moved.reportIds.length] });
  await bump(tx, fromId, "merge", user.id, { status: [from.status, "merged"], mergedInto: [null, intoId] });
  await enqueueOutbox(tx, "statement", [intoId, fromId]);
  return merge.rows[0]!.id;
}

/** Accepts a candidate: the statement not kept is merged into `keepId`. */
export async function acceptCandidate(
  pool: pg.Pool,
  user: CurrentUser,
  body: unknown,
): Promise<{ mergeId: number; statementId: number; mergedId: number }> {
  const { candidateId, keepId } = parse(acceptSchema, body);
  return inTransaction(pool, async (tx) => {
    const candidate = await lockCandidate(tx, candidateId);
    if (candidate.status !== "pending")
      throw new ValidationError([{ field: "candidateId", message: `was already ${candidate.status}` }]);
    if (keepId !== candidate.statement_id && keepId !== candidate.other_id)
      throw new ValidationError([{ field: "keepId", message: "must be one of the candidate's two statements" }]);
    const mergedId = keepId === candidate.statement_id ? candidate.other_id : candidate.statement_id;
    const mergeId = await mergeInto(tx, user, keepId, mergedId, candidateId, "keepId");
    await tx.query(
      `UPDATE merge_candidates SET status = 'accepted', decided_by_id = $2, decided_at = now() WHERE id = $1`,
      [candidateId, user.id],
    );
    return { mergeId, statementId: keepId, mergedId };
  });
}

type CandidateRow = { id: number; statement_id: number; other_id: number; status: string };

async function lockCandidate(tx: Queryable, candidateId: number): Promise<CandidateRow> {
  const { rows } = await tx.query<CandidateRow>(
    `SELECT id, statement_id, other_id, status FROM merge_candidates WHERE id = $1 FOR UPDATE`,
    [candidateId],
  );
  if (!rows[0]) throw new NotFoundError(`No merge candidate ${candidateId}.`);
  return rows[0];
}

/** "Not the same statement": the pair leaves the queue (the job never proposes it again). */
export async function rejectCandidate(pool: pg.Pool, user: CurrentUser, body: unknown): Promise<void> {
  const { candidateId } = parse(candidateSchema, body);
  await inTransaction(pool, async (tx) => {
    const candidate = await lockCandidate(tx, candidateId);
    if (candidate.status !== "pending")
      throw new ValidationError([{ field: "candidateId", message: `was already ${candidate.status}` }]);
    await tx.query(
      `UPDATE merge_candidates SET status = 'rejected', decided_by_id = $2, decided_at = now() WHERE id = $1`,
      [candidateId, user.id],
    );
  });
}

/**
 * Undoes a rejection: the pair is pending again, undecided, as if no one had looked at it (the route
 * checks who may). An accepted pair is reopened by undoing its merge.
 */
export async function reopenCandidate(pool: pg.Pool, body: unknown): Promise<void> {
  const { candidateId } = parse(candidateSchema, body);
  await inTransaction(pool, async (tx) => {
    const candidate = await lockCandidate(tx, candidateId);
    if (candidate.status !== "rejected")
      throw new ValidationError([
        {
          field: "candidateId",
          message:
            candidate.status === "accepted" ? "was accepted: undo its merge instead" : "is pending: nothing to undo",
        },
      ]);
    await tx.query(
      `UPDATE merge_candidates SET status = 'pending', decided_by_id = NULL, decided_at = NULL WHERE id = $1`,
      [candidateId],
    );
  });
}

// --- splitting -----------------------------------------------------------------------------------

/** Splits one report off into a new statement of the same speaker, in that report's wording. */
export async function splitReport(
  pool: pg.Pool,
  user: CurrentUser,
  body: unknown,
): Promise<{ mergeId: number; newStatementId: number }> {
  const { statementId, reportId } = parse(splitSchema, body);
  return inTransaction(pool, async (tx) => {
    const statement = (await lockStatements(tx, [statementId], "statementId")).get(statementId)!;
    if (statement.status !== "published" && statement.status !== "retracted")
      throw new ValidationError([{ field: "statementId", message: `is ${statement.status}: only public statements` }]);
    const { rows: reports } = await tx.query<{ id: number; text: string | null; external_id: string | null }>(
      `SELECT id, text, external_id FROM statement_reports WHERE statement_id = $1 ORDER BY id FOR UPDATE`,
      [statementId],
    );
    const report = reports.find((r) => r.id === reportId);
    if (!report) throw new ValidationError([{ field: "reportId", message: "is not a report of this statement" }]);
    if (reports.length < 2)
      throw new ValidationError([{ field: "reportId", message: "is the statement's only report: nothing to split" }]);
    const text = report.text ?? statement.text;
    const created = await tx.query<{ id: number }>(
      `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, said_on_approximate, context,
                               attribution, attribution_note, status, text_key, created_by_id, updated_by_id)
       SELECT $2, language, kind, speaker_id, said_on, said_on_precision, said_on_approximate, context, attribution,
              attribution_note, 'published', $3, $4, $4
         FROM statements WHERE id = $1 RETURNING id`,
      [statementId, text, statementTextKey(text), user.id],
    );
    const newId = created.rows[0]!.id;
    await tx.query(
      `INSERT INTO statement_topics (statement_id, topic_id) SELECT $1, topic_id FROM statement_topics WHERE statement_id = $2`,
      [newId, statementId],
    );
    await tx.query(`UPDATE statement_reports SET statement_id = $1 WHERE id = $2`, [newId, reportId]);
    // The import line that brought the report now names the new statement, so a re-import keeps them apart.
    const alias = report.external_id
      ? (
          await tx.query<{ external_id: string }>(
            `UPDATE statement_aliases SET statement_id = $1 WHERE external_id = $2 AND statement_id = $3 RETURNING external_id`,
            [newId, report.external_id, statementId],
          )
        ).rows[0]?.external_id
      : undefined;
    const moved: SplitMoved = { reportId, alias: alias ?? null };
    const merge = await tx.query<{ id: number }>(
      `INSERT INTO statement_merges (kind, statement_id, other_id, moved, user_id) VALUES ('split', $1, $2, $3, $4) RETURNING id`,
      [statementId, newId, JSON.stringify(moved), user.id],
    );
    await writeRevision(tx, {
      entityType: "statement",
      entityId: newId,
      version: 1,
      action: "split",
      userId: user.id,
      changes: { splitFrom: [null, statementId], text: [null, text] },
    });
    await bump(tx, statementId, "split", user.id, { splitOff: [null, newId] });
    // The pair is now known to be two statements: never proposed again.
    await tx.query(
      `INSERT INTO merge_candidates (statement_id, other_id, score, status, decided_by_id, decided_at)
       VALUES ($1, $2, 1, 'rejected', $3, now()) ON CONFLICT DO NOTHING`,
      [Math.min(statementId, newId), Math.max(statementId, newId), user.id],
    );
    await enqueueOutbox(tx, "statement", [statementId, newId]);
    return { mergeId: merge.rows[0]!.id, newStatementId: newId };
  });
}

// --- undoing -------------------------------------------------------------------------------------

/**
 * Undoes a merge (the merged-away statement is back with everything that moved; its candidate is
 * pending again) or a split (the report returns; the split-off statement is merged back, so its
 * address redirects). Refused when the statements changed in a way that makes it impossible.
 */
export async function undoMerge(pool: pg.Pool, user: CurrentUser, body: unknown): Promise<void> {
  const { mergeId } = parse(undoSchema, body);
  await inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{
      kind: "merge" | "split";
      statement_id: number;
      other_id: number;
      candidate_id: number | null;
      moved: MergeMoved | SplitMoved;
      undone_at: Date | null;
    }>(
      `SELECT kind, statement_id, other_id, candidate_id, moved, undone_at FROM statement_merges WHERE id = $1 FOR UPDATE`,
      [mergeId],
    );
    const merge = rows[0];
    if (!merge) throw new NotFoundError(`No merge or split ${mergeId}.`);
    if (merge.undone_at) throw new ValidationError([{ field: "mergeId", message: "was already undone" }]);
    const locked = await lockStatements(tx, [merge.statement_id, merge.other_id], "mergeId");
    if (merge.kind === "merge") await unmerge(tx, user, merge, locked, merge.moved as MergeMoved);
    else await unsplit(tx, user, merge, locked, merge.moved as SplitMoved);
    await tx.query(`UPDATE statement_merges SET undone_at = now(), undone_by_id = $2 WHERE id = $1`, [
      mergeId,
      user.id,
    ]);
    await enqueueOutbox(tx, "statement", [merge.statement_id, merge.other_id]);
  });
}

async function unmerge(
  tx: Queryable,
  user: CurrentUser,
  merge: { statement_id: number; other_id: number; candidate_id: number | null },
  locked: Map<number, Locked>,
  moved: MergeMoved,
): Promise<void> {
  const intoId = merge.statement_id;
  const fromId = merge.other_id;
  const from = locked.get(fromId)!;
  if (from.status !== "merged")
    throw new ValidationError([{ field: "mergeId", message: `statement ${fromId} is no longer merged` }]);
  await tx.query(`UPDATE statement_reports SET statement_id = $1 WHERE id = ANY($2::int[]) AND statement_id = $3`, [
    fromId,
    moved.reportIds,
    intoId,
  ]);
  await tx.query(`UPDATE statement_reports SET text = NULL WHERE id = ANY($1::int[])`, [moved.worded]);
  for (const report of moved.dropped) {
    await tx.query(
      `INSERT INTO statement_reports SELECT * FROM json_populate_record(NULL::statement_reports, $1) ON CONFLICT DO NOTHING`,
      [JSON.stringify(report)],
    );
  }
  await tx.query(`UPDATE statement_aliases SET statement_id = $1 WHERE external_id = ANY($2::text[])`, [
    fromId,
    moved.aliases,
  ]);
  await tx.query(`DELETE FROM statement_topics WHERE statement_id = $1 AND topic_id = ANY($2::int[])`, [
    intoId,
    moved.topicIds,
  ]);
  await tx.query(`UPDATE statement_reviews SET statement_id = $1 WHERE id = ANY($2::int[]) AND statement_id = $3`, [
    fromId,
    moved.reviewIds,
    intoId,
  ]);
  await tx.query(`UPDATE statements SET status = $2, merged_into_id = NULL WHERE id = $1`, [fromId, moved.fromStatus]);
  if (merge.candidate_id !== null)
    await tx.query(
      `UPDATE merge_candidates SET status = 'pending', decided_by_id = NULL, decided_at = NULL WHERE id = $1`,
      [merge.candidate_id],
    );
  await bump(tx, intoId, "unmerge", user.id, { merged: [fromId, null] });
  await bump(tx, fromId, "unmerge", user.id, { status: ["merged", moved.fromStatus], mergedInto: [intoId, null] });
}

async function unsplit(
  tx: Queryable,
  user: CurrentUser,
  merge: { statement_id: number; other_id: number },
  locked: Map<number, Locked>,
  moved: SplitMoved,
): Promise<void> {
  const originalId = merge.statement_id;
  const newId = merge.other_id;
  const created = locked.get(newId)!;
  if (created.status === "merged")
    throw new ValidationError([{ field: "mergeId", message: `statement ${newId} was merged since: undo that first` }]);
  // Its reports go back, reports it gained since included (unless the original has that source already).
  await tx.query(
    `UPDATE statement_reports r SET statement_id = $1 WHERE r.statement_id = $2
        AND NOT EXISTS (SELECT 1 FROM statement_reports k WHERE k.statement_id = $1 AND k.source_id = r.source_id)`,
    [originalId, newId],
  );
  if (moved.alias)
    await tx.query(`UPDATE statement_aliases SET statement_id = $1 WHERE external_id = $2`, [originalId, moved.alias]);
  await tx.query(`UPDATE statements SET status = 'merged', merged_into_id = $1 WHERE id = $2`, [originalId, newId]);
  await tx.query(`DELETE FROM merge_candidates WHERE statement_id = $1 AND other_id = $2 AND status = 'rejected'`, [
    Math.min(originalId, newId),
    Math.max(originalId, newId),
  ]);
  await bump(tx, originalId, "unsplit", user.id, { splitOff: [newId, null] });
  await bump(tx, newId, "unsplit", user.id, { status: [created.status, "merged"], mergedInto: [null, originalId] });
}
