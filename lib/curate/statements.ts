import type pg from "pg";
import type { CurrentUser } from "@/lib/auth/roles";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { nameKey } from "@/lib/text/name-key";
import { slugify, uniqueSlug } from "@/lib/text/slug";
import { statementTextKey } from "@/lib/text/statement-key";
import { parsePartialDate, storedPartialDateIso, type DatePrecision } from "@/lib/validation/partial-date";
import type { Attribution, StatementForm } from "@/lib/validation/statement-form";
import type { StatementKind } from "@/lib/validation/import-line";
import { NotFoundError, ValidationError, VersionConflictError } from "@/lib/errors";
import type { Queryable } from "@/lib/db/client";
import { diffRecords, writeRevision } from "@/lib/db/revisions";
import { insertSpeaker, upsertSource } from "@/lib/db/writes";
import { inTransaction } from "@/lib/db/transaction";

// Curators' writes of statements: create, edit with a version check, retract,
// restore a revision, delete (admins). Each runs in one transaction that also
// writes the revision (who, when, a readable diff, the whole record) and the
// outbox row that brings the change to search.

export type StatementStatus = "draft" | "published" | "retracted";

export type SourceRecord = {
  url: string | null;
  outlet: string | null;
  title: string | null;
  publishedOn: string | null;
};

/** A statement as the editor holds it; also the snapshot a revision keeps for restoring. */
export type StatementRecord = {
  text: string;
  language: string;
  kind: StatementKind;
  speakerId: number;
  saidOn: string | null;
  saidOnApproximate: boolean;
  topicIds: number[];
  sources: SourceRecord[];
  context: string | null;
  translationOfId: number | null;
  translatedBy: string | null;
  respondsToIds: number[];
  attribution: Attribution;
  attributionNote: string | null;
  status: StatementStatus;
  retractionReason: string | null;
};

/** Names for the ids in a record, so that forms, conflicts and diffs read as words. */
export type StatementLabels = {
  speaker: { id: number; slug: string; name: string } | null;
  topics: Array<{ id: number; slug: string; name: string }>;
  translationOf: { id: number; text: string } | null;
  respondsTo: Array<{ id: number; text: string }>;
};

export type EditableStatement = {
  id: number;
  externalId: string | null;
  version: number;
  record: StatementRecord;
  labels: StatementLabels;
  updatedAt: string;
  updatedBy: string | null;
};

type Saved = { id: number; version: number };

// --- reading -----------------------------------------------------------------

type RecordRow = {
  id: number;
  external_id: string | null;
  version: number;
  text: string;
  language: string;
  kind: StatementKind;
  speaker_id: number;
  said_on: string | null;
  said_on_precision: DatePrecision | null;
  said_on_approximate: boolean;
  context: string | null;
  translation_of_id: number | null;
  translated_by: string | null;
  attribution: Attribution;
  attribution_note: string | null;
  status: StatementStatus;
  retraction_reason: string | null;
  updated_at: Date;
  updated_by: string | null;
  topic_ids: number[];
  responds_to_ids: number[];
  sources: Array<{
    url: string | null;
    outlet: string | null;
    title: string | null;
    published_on: string | null;
    precision: DatePrecision | null;
  }>;
};

async function readRecord(
  db: Queryable,
  id: number,
  lock: boolean,
): Promise<{ row: RecordRow; record: StatementRecord } | null> {
  const { rows } = await db.query<RecordRow>(
    `SELECT s.id, s.external_id, s.version, s.text, s.language, s.kind, s.speaker_id, s.said_on::text AS said_on, s.said_on_precision,
            s.said_on_approximate, s.context, s.translation_of_id, s.translated_by, s.attribution, s.attribution_note, s.status,
            s.retraction_reason, s.updated_at, u.name AS updated_by,
            coalesce((SELECT array_agg(topic_id ORDER BY topic_id) FROM statement_topics WHERE statement_id = s.id), '{}') AS topic_ids,
            coalesce((SELECT array_agg(responds_to_id ORDER BY responds_to_id) FROM statement_responses WHERE statement_id = s.id), '{}') AS responds_to_ids,
            coalesce((SELECT json_agg(json_build_object('url', so.url, 'outlet', so.outlet, 'title', so.title,
                                                        'published_on', so.published_on::text, 'precision', so.published_on_precision) ORDER BY r.reported_on NULLS LAST, r.id)
                        FROM statement_reports r JOIN sources so ON so.id = r.source_id WHERE r.statement_id = s.id), '[]') AS sources
       FROM statements s LEFT JOIN users u ON u.id = s.updated_by_id
      WHERE s.id = $1 ${lock ? "FOR UPDATE OF s" : ""}`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    row,
    record: {
      text: row.text,
      language: row.language,
      kind: row.kind,
      speakerId: row.speaker_id,
      saidOn: storedPartialDateIso(row.said_on, row.said_on_precision),
      saidOnApproximate: row.said_on_approximate,
      topicIds: row.topic_ids,
      sources: row.sources.map((s) => ({
        url: s.url,
        outlet: s.outlet,
        title: s.title,
        publishedOn: storedPartialDateIso(s.published_on, s.precision),
      })),
      context: row.context,
      translationOfId: row.translation_of_id,
      translatedBy: row.translated_by,
      respondsToIds: row.responds_to_ids,
      attribution: row.attribution,
      attributionNote: row.attribution_note,
      status: row.status,
      retractionReason: row.retraction_reason,
    },
  };
}

export async function labelsFor(
  db: Queryable,
  record: Pick<StatementRecord, "speakerId" | "topicIds" | "translationOfId" | "respondsToIds">,
): Promise<StatementLabels> {
  const { rows } = await db.query<{
    speaker: StatementLabels["speaker"];
    topics: StatementLabels["topics"];
    translation_of: StatementLabels["translationOf"];
    responds_to: StatementLabels["respondsTo"];
  }>(
    `SELECT (SELECT json_build_object('id', id, 'slug', slug, 'name', name) FROM speakers WHERE id = $1) AS speaker,
            coalesce((SELECT json_agg(json_build_object('id', id, 'slug', slug, 'name', name) ORDER BY name) FROM topics WHERE id = ANY($2::int[])), '[]') AS topics,
            (SELECT json_build_object('id', id, 'text', text) FROM statements WHERE id = $3) AS translation_of,
            coalesce((SELECT json_agg(json_build_object('id', id, 'text', text) ORDER BY id) FROM statements WHERE id = ANY($4::int[])), '[]') AS responds_to`,
    [record.speakerId, record.topicIds, record.translationOfId, record.respondsToIds],
  );
  const row = rows[0]!;
  return { speaker: row.speaker, topics: row.topics, translationOf: row.translation_of, respondsTo: row.responds_to };
}

/** A statement with everything the editor needs, drafts included; null when it does not exist. */
export async function getEditableStatement(db: Queryable, id: number): Promise<EditableStatement | null> {
  const found = await readRecord(db, id, false);
  if (!found) return null;
  return {
    id,
    externalId: found.row.external_id,
    version: found.row.version,
    record: found.record,
    labels: await labelsFor(db, found.record),
    updatedAt: found.row.updated_at.toISOString(),
    updatedBy: found.row.updated_by,
  };
}

// The record as words, for the revision's readable diff.
async function describe(db: Queryable, record: StatementRecord): Promise<Record<string, unknown>> {
  const labels = await labelsFor(db, record);
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);
  return {
    text: record.text,
    language: record.language,
    kind: record.kind,
    speaker: labels.speaker?.name ?? `#${record.speakerId}`,
    saidOn: record.saidOn ? `${record.saidOn}${record.saidOnApproximate ? " (approximate)" : ""}` : null,
    topics: labels.topics.map((t) => t.name),
    sources: record.sources.map((s) => [s.outlet, s.title, s.url, s.publishedOn].filter(Boolean).join(" · ")),
    context: record.context,
    translationOf: labels.translationOf ? `#${labels.translationOf.id} ${short(labels.translationOf.text)}` : null,
    translatedBy: record.translatedBy,
    respondsTo: labels.respondsTo.map((r) => `#${r.id} ${short(r.text)}`),
    attribution: record.attribution,
    attributionNote: record.attributionNote,
    status: record.status,
    retractionReason: record.retractionReason,
  };
}

// --- resolving a submitted form ------------------------------------------------

async function assertIdsExist(
  db: Queryable,
  table: "speakers" | "topics" | "statements",
  ids: number[],
  field: string,
  what: string,
): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM ${table} WHERE id = ANY($1::int[])`, [ids]);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new ValidationError([{ field, message: `no ${what} with id ${missing.join(", ")}` }]);
}

async function findOrCreateTopic(tx: Queryable, name: string, language: string, user: CurrentUser): Promise<number> {
  const key = nameKey(name);
  const existing = await tx.query<{ id: number; names: Array<string | null>; slug: string }>(
    `SELECT id, slug, ARRAY[name, name_ar, name_en, name_de] AS names FROM topics`,
  );
  const match = existing.rows.find((t) => nameKey(t.slug) === key || t.names.some((n) => n && nameKey(n) === key));
  if (match) return match.id;
  const taken = new Set(existing.rows.map((t) => t.slug));
  const slug = uniqueSlug(slugify(name), (candidate) => taken.has(candidate));
  const column = language === "ar" ? "name_ar" : language === "de" ? "name_de" : language === "en" ? "name_en" : null;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO topics (slug, name${column ? `, ${column}` : ""}) VALUES ($1, $2${column ? ", $2" : ""}) RETURNING id`,
    [slug, name],
  );
  const id = rows[0]!.id;
  await writeRevision(tx, {
    entityType: "topic",
    entityId: id,
    version: 1,
    action: "create",
    userId: user.id,
    changes: { name: [null, name], slug: [null, slug] },
  });
  return id;
}

/** Turns a checked form into a record: creates the new speaker and topics, checks that every id exists. */
async function resolveForm(
  tx: Queryable,
  form: StatementForm,
  user: CurrentUser,
  selfId: number | null,
): Promise<StatementRecord> {
  let speakerId = form.speakerId;
  if (speakerId === null) {
    const speaker = form.newSpeaker!;
    const known = await tx.query<{ speaker_id: number }>(
      `SELECT speaker_id FROM speaker_names WHERE normalized = $1 ORDER BY speaker_id LIMIT 1`,
      [nameKey(speaker.name)],
    );
    if (known.rows[0]) {
      // Typing a known name again must not create a twin; the curator picks from the list to be sure.
      speakerId = known.rows[0].speaker_id;
    } else {
      speakerId = await insertSpeaker(
        tx,
        { name: speaker.name, kind: speaker.kind, role: null, affiliation: null, aliases: [] },
        form.language,
      );
      await writeRevision(tx, {
        entityType: "speaker",
        entityId: speakerId,
        version: 1,
        action: "create",
        userId: user.id,
        changes: { name: [null, speaker.name], kind: [null, speaker.kind] },
      });
    }
  } else {
    await assertIdsExist(tx, "speakers", [speakerId], "speakerId", "speaker");
  }
  await assertIdsExist(tx, "topics", form.topicIds, "topicIds", "topic");
  const topicIds = [...form.topicIds];
  for (const name of form.newTopics) topicIds.push(await findOrCreateTopic(tx, name, form.language, user));
  if (selfId !== null && form.translationOfId === selfId)
    throw new ValidationError([{ field: "translationOfId", message: "must be another statement, not this one" }]);
  if (selfId !== null && form.respondsToIds.includes(selfId))
    throw new ValidationError([{ field: "respondsToIds", message: "must not include this statement itself" }]);
  if (form.translationOfId !== null)
    await assertIdsExist(tx, "statements", [form.translationOfId], "translationOfId", "statement");
  await assertIdsExist(tx, "statements", form.respondsToIds, "respondsToIds", "statement");
  return {
    text: form.text,
    language: form.language,
    kind: form.kind,
    speakerId,
    saidOn: form.saidOn?.iso ?? null,
    saidOnApproximate: form.saidOn ? form.saidOnApproximate : false,
    topicIds: [...new Set(topicIds)].sort((a, b) => a - b),
    sources: form.sources.map((s) => ({
      url: s.url,
      outlet: s.outlet,
      title: s.title,
      publishedOn: s.publishedOn?.iso ?? null,
    })),
    context: form.context,
    translationOfId: form.translationOfId,
    translatedBy: form.translatedBy,
    respondsToIds: [...form.respondsToIds].sort((a, b) => a - b),
    attribution: form.attribution,
    attributionNote: form.attributionNote,
    status: form.status,
    retractionReason: null,
  };
}

// --- writing -------------------------------------------------------------------

async function sourceIdsFor(tx: Queryable, record: StatementRecord): Promise<number[]> {
  const ids: number[] = [];
  for (const source of record.sources) {
    const publishedAt = source.publishedOn ? parsePartialDate(source.publishedOn) : null;
    // A URL already known reuses its source (and its outlet and title as first recorded).
    const id = await upsertSource(
      tx,
      { url: source.url, outlet: source.outlet, title: source.title, publishedAt },
      record.language,
    );
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function writeLinks(tx: Queryable, id: number, record: StatementRecord): Promise<void> {
  const sourceIds = await sourceIdsFor(tx, record);
  await tx.query(`DELETE FROM statement_topics WHERE statement_id = $1`, [id]);
  // The form lists the reports' sources: a report whose source stays keeps its wording and date.
  await tx.query(`DELETE FROM statement_reports WHERE statement_id = $1 AND NOT (source_id = ANY($2::int[]))`, [
    id,
    sourceIds,
  ]);
  await tx.query(`DELETE FROM statement_responses WHERE statement_id = $1`, [id]);
  await tx.query(`INSERT INTO statement_topics (statement_id, topic_id) SELECT $1, unnest($2::int[])`, [
    id,
    record.topicIds,
  ]);
  await tx.query(
    `INSERT INTO statement_reports (statement_id, source_id, reported_on, reported_on_precision)
     SELECT $1, so.id, so.published_on, so.published_on_precision FROM sources so WHERE so.id = ANY($2::int[])
     ON CONFLICT (statement_id, source_id) DO NOTHING`,
    [id, sourceIds],
  );
  await tx.query(`INSERT INTO statement_responses (statement_id, responds_to_id) SELECT $1, unnest($2::int[])`, [
    id,
    record.respondsToIds,
  ]);
}

function columnValues(record: StatementRecord) {
  const saidOn = record.saidOn ? parsePartialDate(record.saidOn) : null;
  const reportedOn =
    record.sources.map((s) => (s.publishedOn ? parsePartialDate(s.publishedOn) : null)).find((d) => d !== null) ?? null;
  return [
    record.text,
    record.language,
    record.kind,
    record.speakerId,
    saidOn?.start ?? null,
    saidOn?.precision ?? null,
    record.saidOnApproximate,
    reportedOn?.start ?? null,
    reportedOn?.precision ?? null,
    record.context,
    record.translationOfId,
    record.translatedBy,
    record.attribution,
    record.attributionNote,
    record.status,
    record.retractionReason,
    statementTextKey(record.text),
  ];
}

async function insertStatement(tx: Queryable, record: StatementRecord, user: CurrentUser): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO statements (text, language, kind, speaker_id, said_on, said_on_precision, said_on_approximate, reported_on,
                             reported_on_precision, context, translation_of_id, translated_by, attribution, attribution_note,
                             status, retraction_reason, text_key, created_by_id, updated_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id`,
    [...columnValues(record), user.id],
  );
  return rows[0]!.id;
}

async function updateRow(tx: Queryable, id: number, record: StatementRecord, user: CurrentUser): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE statements SET text = $2, language = $3, kind = $4, speaker_id = $5, said_on = $6, said_on_precision = $7,
            said_on_approximate = $8, reported_on = $9, reported_on_precision = $10, context = $11, translation_of_id = $12,
            translated_by = $13, attribution = $14, attribution_note = $15, status = $16, retraction_reason = $17,
            text_key = $18, updated_by_id = $19, version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING version`,
    [id, ...columnValues(record), user.id],
  );
  return rows[0]!.version;
}

async function createInTransaction(tx: Queryable, user: CurrentUser, form: StatementForm): Promise<Saved> {
  const record = await resolveForm(tx, form, user, null);
  const id = await insertStatement(tx, record, user);
  await writeLinks(tx, id, record);
  await writeRevision(tx, {
    entityType: "statement",
    entityId: id,
    version: 1,
    action: "create",
    userId: user.id,
    changes: diffRecords({}, await describe(tx, record)),
    snapshot: record,
  });
  await enqueueOutbox(tx, "statement", [id]);
  return { id, version: 1 };
}

export async function createStatement(pool: pg.Pool, user: CurrentUser, form: StatementForm): Promise<Saved> {
  return inTransaction(pool, (tx) => createInTransaction(tx, user, form));
}

/**
 * Several statements in one transaction (the extraction assistant's "accept"):
 * all are saved or none. A problem in one names it by its position ("statements.2.speakerId").
 */
export async function createStatements(pool: pg.Pool, user: CurrentUser, forms: StatementForm[]): Promise<Saved[]> {
  return inTransaction(pool, async (tx) => {
    const saved: Saved[] = [];
    for (const [i, form] of forms.entries()) {
      try {
        saved.push(await createInTransaction(tx, user, form));
      } catch (error) {
        if (error instanceof ValidationError)
          throw new ValidationError(
            error.fields.map((f) => ({ field: `statements.${i}.${f.field}`, message: f.message })),
          );
        throw error;
      }
    }
    return saved;
  });
}

/** The stored statement, locked; a VersionConflictError when it changed since `baseVersion`. */
async function lockForChange(
  tx: Queryable,
  id: number,
  baseVersion: number,
): Promise<{ row: RecordRow; record: StatementRecord }> {
  const found = await readRecord(tx, id, true);
  if (!found) throw new NotFoundError(`No statement ${id}.`);
  // A merged statement lives on in the one it joined (lib/curate/merges.ts): changes go there, or undo the merge.
  if ((found.row.status as string) === "merged") {
    const into = await tx.query<{ merged_into_id: number }>(`SELECT merged_into_id FROM statements WHERE id = $1`, [
      id,
    ]);
    throw new ValidationError([
      {
        field: "status",
        message: `this statement was merged into statement ${into.rows[0]?.merged_into_id}: edit that one, or undo the merge`,
      },
    ]);
  }
  if (found.row.version !== baseVersion) {
    throw new VersionConflictError(found.row.version, {
      record: found.record,
      labels: await labelsFor(tx, found.record),
      updatedAt: found.row.updated_at.toISOString(),
      updatedBy: found.row.updated_by,
    });
  }
  // Statements last written by the importer have revisions without a snapshot:
  // keep the state being replaced, so that the curator can restore it.
  await tx.query(
    `UPDATE revisions SET snapshot = $3 WHERE entity_type = 'statement' AND entity_id = $1 AND version = $2 AND snapshot IS NULL`,
    [id, found.row.version, JSON.stringify(found.record)],
  );
  return found;
}

async function applyChange(
  tx: Queryable,
  id: number,
  before: StatementRecord,
  after: StatementRecord,
  user: CurrentUser,
  action: "update" | "retract" | "restore",
  extra: Record<string, [unknown, unknown]> = {},
): Promise<Saved> {
  const version = await updateRow(tx, id, after, user);
  await writeLinks(tx, id, after);
  const changes = { ...diffRecords(await describe(tx, before), await describe(tx, after)), ...extra };
  await writeRevision(tx, {
    entityType: "statement",
    entityId: id,
    version,
    action,
    userId: user.id,
    changes,
    snapshot: after,
  });
  await enqueueOutbox(tx, "statement", [id]);
  return { id, version };
}

export async function updateStatement(
  pool: pg.Pool,
  user: CurrentUser,
  id: number,
  baseVersion: number,
  form: StatementForm,
): Promise<Saved> {
  return inTransaction(pool, async (tx) => {
    const { record: before } = await lockForChange(tx, id, baseVersion);
    const after = await resolveForm(tx, form, user, id);
    // The form never un-retracts by accident: a retracted statement stays so until restored.
    if (before.status === "retracted")
      Object.assign(after, { status: "retracted", retractionReason: before.retractionReason });
    return applyChange(tx, id, before, after, user, "update");
  });
}

export async function retractStatement(
  pool: pg.Pool,
  user: CurrentUser,
  id: number,
  baseVersion: number,
  reason: string,
): Promise<Saved> {
  return inTransaction(pool, async (tx) => {
    const { record: before } = await lockForChange(tx, id, baseVersion);
    if (before.status === "retracted")
      throw new ValidationError([{ field: "reason", message: "this statement is already retracted" }]);
    return applyChange(tx, id, before, { ...before, status: "retracted", retractionReason: reason }, user, "retract");
  });
}

/** Makes a revision's record current again, as a new revision (history is never rewritten). */
export async function restoreRevision(
  pool: pg.Pool,
  user: CurrentUser,
  id: number,
  revisionId: number,
  baseVersion: number,
): Promise<Saved> {
  return inTransaction(pool, async (tx) => {
    const { record: before } = await lockForChange(tx, id, baseVersion);
    const { rows } = await tx.query<{ version: number; snapshot: StatementRecord | null }>(
      `SELECT version, snapshot FROM revisions WHERE id = $1 AND entity_type = 'statement' AND entity_id = $2`,
      [revisionId, id],
    );
    const revision = rows[0];
    if (!revision)
      throw new ValidationError([{ field: "revisionId", message: `no revision ${revisionId} of statement ${id}` }]);
    if (!revision.snapshot)
      throw new ValidationError([
        { field: "revisionId", message: "this revision was written by an import and keeps no full record to restore" },
      ]);
    const after = revision.snapshot;
    // The speaker, topics or linked statements of an old revision may since have been merged or deleted.
    await assertIdsExist(tx, "speakers", [after.speakerId], "revisionId", "speaker (merged or deleted since) —");
    const topics = await tx.query<{ id: number }>(`SELECT id FROM topics WHERE id = ANY($1::int[])`, [after.topicIds]);
    const links = await tx.query<{ id: number }>(`SELECT id FROM statements WHERE id = ANY($1::int[])`, [
      [...after.respondsToIds, ...(after.translationOfId ? [after.translationOfId] : [])],
    ]);
    const liveLinks = new Set(links.rows.map((r) => r.id));
    const restored: StatementRecord = {
      ...after,
      topicIds: topics.rows.map((r) => r.id).sort((a, b) => a - b),
      translationOfId: after.translationOfId && liveLinks.has(after.translationOfId) ? after.translationOfId : null,
      respondsToIds: after.respondsToIds.filter((r) => liveLinks.has(r)),
    };
    return applyChange(tx, id, before, restored, user, "restore", { restoredVersion: [null, revision.version] });
  });
}

/** Admins only (checked by the caller): the statement goes; its revisions stay as the record of what it was. */
export async function deleteStatement(pool: pg.Pool, user: CurrentUser, id: number): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const found = await readRecord(tx, id, true);
    if (!found) throw new NotFoundError(`No statement ${id}.`);
    await tx.query(`DELETE FROM statements WHERE id = $1`, [id]);
    await writeRevision(tx, {
      entityType: "statement",
      entityId: id,
      version: found.row.version + 1,
      action: "delete",
      userId: user.id,
      changes: diffRecords(await describe(tx, found.record), {}),
      snapshot: found.record,
    });
    await enqueueOutbox(tx, "statement", [id]);
  });
}

// --- history -------------------------------------------------------------------

export type RevisionEntry = {
  id: number;
  version: number;
  action: string;
  userName: string | null;
  createdAt: string;
  changes: Record<string, [unknown, unknown]>;
  restorable: boolean;
};

export async function statementHistory(db: Queryable, id: number): Promise<RevisionEntry[]> {
  const { rows } = await db.query<{
    id: string;
    version: number;
    action: string;
    user_name: string | null;
    created_at: Date;
    changes: Record<string, [unknown, unknown]>;
    restorable: boolean;
  }>(
    `SELECT r.id, r.version, r.action, u.name AS user_name, r.created_at, r.changes, r.snapshot IS NOT NULL AS restorable
       FROM revisions r LEFT JOIN users u ON u.id = r.user_id
      WHERE r.entity_type = 'statement' AND r.entity_id = $1
      ORDER BY r.version DESC, r.id DESC`,
    [id],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    version: r.version,
    action: r.action,
    userName: r.user_name,
    createdAt: r.created_at.toISOString(),
    changes: r.changes,
    restorable: r.restorable,
  }));
}
