import type pg from "pg";
import { z } from "zod";
import { nameKey } from "@/lib/text/name-key";
import { STATEMENT_LIMITS } from "@/lib/validation/import-line";
import {
  createEntity,
  deleteUnused,
  mergeEntities,
  optionalId,
  optionalLine,
  parseOrThrow,
  pickFields,
  queryKey,
  requiredName,
  statementRevisions,
  updateEntity,
  type CreateRequest,
  type DeleteRequest,
  type EntityStore,
  type MergeRequest,
  type MergeResult,
  type SuggestParams,
  type UpdateRequest,
} from "./entities";
import { ValidationError } from "@/lib/errors";
import type { Queryable } from "@/lib/db/client";
import { writeRevision } from "@/lib/db/revisions";

// Curators' work on topics: create, edit names and parent (never a loop), merge
// two into one, delete an unused one, and the topic autocomplete. The steps
// topics and speakers share are in ./entities.ts. Topic names are part of
// statements' search documents, so a rename or merge enqueues the topic: the
// sync worker re-indexes its statements.

export const TOPIC_LIMITS = { nameMaxLength: STATEMENT_LIMITS.topicMaxLength } as const;

/** Deeper than any real hierarchy; guards the walks up and down the tree against a cycle already stored. */
const MAX_DEPTH = 1000;

/** Advisory-lock namespace serialising curators' changes to the topic tree and names. */
const TOPIC_LOCK = 7_332;

export type TopicRecord = {
  id: number;
  slug: string;
  name: string;
  nameAr: string | null;
  nameEn: string | null;
  nameDe: string | null;
  parentId: number | null;
  /** The parent's canonical name and slug, for display. */
  parentName: string | null;
  parentSlug: string | null;
  version: number;
  updatedAt: string;
};

export const TOPIC_FIELDS = ["name", "nameAr", "nameEn", "nameDe", "parentId"] as const;
export type TopicField = (typeof TOPIC_FIELDS)[number];
export type TopicFields = Pick<TopicRecord, TopicField>;

const NAME_FIELDS = ["name", "nameAr", "nameEn", "nameDe"] as const;

// Columns are named as the record's fields, so that a row is the record but for its date.
const TOPIC_SELECT = `
  SELECT t.id, t.slug, t.name, t.name_ar AS "nameAr", t.name_en AS "nameEn", t.name_de AS "nameDe", t.parent_id AS "parentId",
         p.name AS "parentName", p.slug AS "parentSlug", t.version, t.updated_at AS "updatedAt"
    FROM topics t LEFT JOIN topics p ON p.id = t.parent_id`;

type TopicRow = Omit<TopicRecord, "updatedAt"> & { updatedAt: Date };

function toRecord(row: TopicRow): TopicRecord {
  return { ...row, updatedAt: new Date(row.updatedAt).toISOString() };
}

export function topicFields(record: TopicFields): TopicFields {
  return pickFields(TOPIC_FIELDS, record);
}

export async function getTopicRecord(db: Queryable, id: number): Promise<TopicRecord | null> {
  const { rows } = await db.query<TopicRow>(`${TOPIC_SELECT} WHERE t.id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** How many statements (of any status) are linked to a topic. */
export async function topicStatementCount(db: Queryable, id: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM statement_topics WHERE topic_id = $1`, [
    id,
  ]);
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------
// Validation.

const topicSchema = z.object({
  name: requiredName(TOPIC_LIMITS.nameMaxLength),
  nameAr: optionalLine(TOPIC_LIMITS.nameMaxLength),
  nameEn: optionalLine(TOPIC_LIMITS.nameMaxLength),
  nameDe: optionalLine(TOPIC_LIMITS.nameMaxLength),
  parentId: optionalId.transform((value) => value ?? null),
});

export function parseTopicFields(input: Record<string, unknown>): TopicFields {
  return parseOrThrow(topicSchema, input);
}

/** True when `ancestorId` is `topicId` itself or one of its ancestors. */
async function isSelfOrAncestor(tx: Queryable, topicId: number, ancestorId: number): Promise<boolean> {
  const { rows } = await tx.query(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, ARRAY[id] AS path FROM topics WHERE id = $1
       UNION ALL
       SELECT t.id, t.parent_id, up.path || t.id FROM topics t JOIN up ON t.id = up.parent_id
        WHERE cardinality(up.path) < $3 AND NOT t.id = ANY(up.path)
     )
     SELECT 1 FROM up WHERE id = $2 LIMIT 1`,
    [topicId, ancestorId, MAX_DEPTH],
  );
  return rows.length > 0;
}

/** A parent must exist and must not be the topic itself or one of its subtopics (that would make a loop). */
async function checkParent(tx: Queryable, topicId: number | null, parentId: number | null): Promise<void> {
  if (parentId === null) return;
  if (parentId === topicId)
    throw new ValidationError([
      { field: "parentId", message: "must not be the topic itself (a topic cannot contain itself)" },
    ]);
  const { rows } = await tx.query<{ name: string }>(`SELECT name FROM topics WHERE id = $1`, [parentId]);
  if (rows.length === 0) throw new ValidationError([{ field: "parentId", message: `no topic has the id ${parentId}` }]);
  if (topicId !== null && (await isSelfOrAncestor(tx, parentId, topicId))) {
    throw new ValidationError([
      {
        field: "parentId",
        message: `must not be one of this topic's subtopics ("${rows[0]!.name}" is one): that would make a loop`,
      },
    ]);
  }
}

/**
 * Two topics must not share a name (in any language, compared as the importer
 * compares them), or the importer could not tell which one a statement means.
 */
async function checkNamesFree(
  tx: Queryable,
  topicId: number | null,
  fields: TopicFields,
  changed: readonly string[],
): Promise<void> {
  const wanted = NAME_FIELDS.filter((field) => changed.includes(field) && fields[field]).map((field) => ({
    field,
    key: nameKey(fields[field]!),
  }));
  if (wanted.length === 0) return;
  const { rows } = await tx.query<{ id: number; names: Array<string | null> }>(
    `SELECT id, ARRAY[slug, name, name_ar, name_en, name_de] AS names FROM topics WHERE id IS DISTINCT FROM $1`,
    [topicId],
  );
  const owner = new Map<string, string>();
  for (const row of rows) for (const name of row.names) if (name) owner.set(nameKey(name), row.names[1]!);
  const problems = wanted.flatMap(({ field, key }) => {
    const other = owner.get(key);
    return other === undefined
      ? []
      : [{ field, message: `another topic already has this name ("${other}"): merge the two instead` }];
  });
  if (problems.length > 0) throw new ValidationError(problems);
}

// ---------------------------------------------------------------------------
// Create, update, merge, delete.

const WRITE_COLUMNS = `name = $2, name_ar = $3, name_en = $4, name_de = $5, parent_id = $6`;

const topics: EntityStore<TopicFields, TopicRecord> = {
  type: "topic",
  fields: TOPIC_FIELDS,
  indexedFields: NAME_FIELDS,
  parse: parseTopicFields,
  get: getTopicRecord,
  async lock(tx, ids) {
    const { rows } = await tx.query<TopicRow>(
      `${TOPIC_SELECT} WHERE t.id = ANY($1::int[]) ORDER BY t.id FOR UPDATE OF t`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, toRecord(row)]));
  },
  async insert(tx, slug, fields) {
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO topics (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [slug, fields.name],
    );
    return inserted.rows[0]?.id;
  },
  async write(tx, id, f, version) {
    const values = [id, f.name, f.nameAr, f.nameEn, f.nameDe, f.parentId];
    if (version === undefined) await tx.query(`UPDATE topics SET ${WRITE_COLUMNS} WHERE id = $1`, values);
    else
      await tx.query(`UPDATE topics SET ${WRITE_COLUMNS}, version = $7, updated_at = now() WHERE id = $1`, [
        ...values,
        version,
      ]);
  },
  statementCount: topicStatementCount,
  // One curator's topic change at a time: the name and loop checks must see the same topics.
  async serialize(tx) {
    await tx.query(`SELECT pg_advisory_xact_lock(${TOPIC_LOCK}, 0)`);
  },
  async check(tx, id, fields, changes) {
    if ("parentId" in changes) await checkParent(tx, id, fields.parentId);
    await checkNamesFree(tx, id, fields, Object.keys(changes));
  },
};

export async function createTopic(pool: pg.Pool, request: CreateRequest): Promise<TopicRecord> {
  return createEntity(pool, topics, request);
}

/** Saves a curator's edit of a topic (names and parent) against the version they loaded; the slug never changes. */
export async function updateTopic(pool: pg.Pool, request: UpdateRequest): Promise<TopicRecord> {
  return updateEntity(pool, topics, request);
}

/**
 * Merges topic `fromId` into `intoId`, in one transaction: statements linked to
 * the loser are linked to the survivor (once), the loser's subtopics become the
 * survivor's, names the survivor lacks in a language are taken from the loser,
 * the loser's address redirects to the survivor, and the loser is deleted.
 * When the loser was an ancestor of the survivor, the survivor takes its place.
 */
export async function mergeTopics(pool: pg.Pool, request: MergeRequest): Promise<MergeResult<TopicRecord>> {
  const { fromId, intoId, user } = request;
  return mergeEntities(pool, topics, request, async (tx, from, into) => {
    const touched = await tx.query<{ id: number; version: number }>(
      `UPDATE statements SET version = version + 1, updated_at = now(), updated_by_id = $2
        WHERE id IN (SELECT statement_id FROM statement_topics WHERE topic_id = $1) RETURNING id, version`,
      [fromId, user.id],
    );
    await statementRevisions(tx, touched.rows, user, { topicId: [fromId, intoId] });
    await tx.query(
      `INSERT INTO statement_topics (statement_id, topic_id) SELECT statement_id, $2 FROM statement_topics WHERE topic_id = $1 ON CONFLICT DO NOTHING`,
      [fromId, intoId],
    );
    await tx.query(`DELETE FROM statement_topics WHERE topic_id = $1`, [fromId]);

    const loserIsAncestor = await isSelfOrAncestor(tx, intoId, fromId);
    const next: TopicFields = {
      name: into.name,
      nameAr: into.nameAr ?? from.nameAr,
      nameEn: into.nameEn ?? from.nameEn,
      nameDe: into.nameDe ?? from.nameDe,
      parentId: loserIsAncestor ? (from.parentId === intoId ? null : from.parentId) : into.parentId,
    };
    const children = await tx.query<{ id: number; version: number }>(
      `UPDATE topics SET parent_id = $2, version = version + 1, updated_at = now() WHERE parent_id = $1 AND id <> $2 RETURNING id, version`,
      [fromId, intoId],
    );
    for (const child of children.rows) {
      await writeRevision(tx, {
        entityType: "topic",
        entityId: child.id,
        version: child.version,
        action: "merge",
        userId: user.id,
        changes: { parentId: [fromId, intoId] },
      });
    }
    return { next, movedStatements: touched.rowCount ?? 0 };
  });
}

/** Deletes a topic no statement uses (an admin's action); its subtopics become top-level topics. */
export async function deleteTopic(pool: pg.Pool, request: DeleteRequest): Promise<{ id: number; slug: string }> {
  const { id, user } = request;
  return deleteUnused(pool, topics, request, {
    inUse: (count) => `${count} statement(s) are linked to this topic: merge it into another topic instead.`,
    async beforeDelete(tx) {
      const children = await tx.query<{ id: number; version: number }>(
        `UPDATE topics SET parent_id = NULL, version = version + 1, updated_at = now() WHERE parent_id = $1 AND id <> $1 RETURNING id, version`,
        [id],
      );
      for (const child of children.rows) {
        await writeRevision(tx, {
          entityType: "topic",
          entityId: child.id,
          version: child.version,
          action: "update",
          userId: user.id,
          changes: { parentId: [id, null] },
        });
      }
    },
  });
}

// ---------------------------------------------------------------------------
// Autocomplete and the curators' list.

export type TopicSuggestion = {
  id: number;
  slug: string;
  name: string;
  parentName: string | null;
  /** The name that matched (the canonical name when listing without a query). */
  matched: string;
  statementCount: number;
};

type TopicNamesRow = {
  id: number;
  slug: string;
  name: string;
  names: Array<string | null>;
  parent_name: string | null;
};

type Ranked = { row: TopicNamesRow; rank: number; matched: string };

/** Every topic matching `key` by one of its names, with its best match: whole name (0), start of a word (1), inside one (2). */
function rankTopics(rows: TopicNamesRow[], key: string): Ranked[] {
  const ranked: Ranked[] = [];
  for (const row of rows) {
    let best: Ranked | null = null;
    for (const name of [row.name, ...row.names]) {
      if (!name) continue;
      const candidate = nameKey(name);
      const at = candidate.indexOf(key);
      if (at < 0) continue;
      const rank = candidate === key ? 0 : at === 0 || candidate.includes(`-${key}`) ? 1 : 2;
      if (!best || rank < best.rank || (rank === best.rank && name.length < best.matched.length))
        best = { row, rank, matched: name };
    }
    if (best) ranked.push(best);
  }
  return ranked;
}

async function statementCounts(db: Queryable, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ topic_id: number; n: string }>(
    `SELECT topic_id, count(*) AS n FROM statement_topics WHERE topic_id = ANY($1::int[]) GROUP BY topic_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.topic_id, Number(r.n)]));
}

const TOPIC_NAMES = `
  SELECT t.id, t.slug, t.name, ARRAY[t.name_ar, t.name_en, t.name_de] AS names, p.name AS parent_name
    FROM topics t LEFT JOIN topics p ON p.id = t.parent_id`;

/** How many of the best-ranked matches are considered before they are ordered by use. */
const SUGGEST_CANDIDATES = 200;

/**
 * Topics whose name in any language matches `q` (normalised as names are),
 * whole-name and word-prefix matches first, then the most used. Without a
 * query, the most used topics.
 */
export async function suggestTopics(db: Queryable, { q, limit }: SuggestParams): Promise<TopicSuggestion[]> {
  if (q === "") {
    const { rows } = await db.query<TopicNamesRow & { n: string }>(
      `SELECT x.*, coalesce(c.n, 0) AS n FROM (${TOPIC_NAMES}) x
         LEFT JOIN (SELECT topic_id, count(*) AS n FROM statement_topics GROUP BY topic_id) c ON c.topic_id = x.id
        ORDER BY coalesce(c.n, 0) DESC, x.name, x.id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      parentName: row.parent_name,
      matched: row.name,
      statementCount: Number(row.n),
    }));
  }
  const key = queryKey(q);
  if (key === null) return [];
  const { rows } = await db.query<TopicNamesRow>(TOPIC_NAMES);
  const candidates = rankTopics(rows, key)
    .sort((a, b) => a.rank - b.rank || a.matched.length - b.matched.length || a.row.id - b.row.id)
    .slice(0, Math.max(SUGGEST_CANDIDATES, limit));
  const counts = await statementCounts(
    db,
    candidates.map((c) => c.row.id),
  );
  return candidates
    .map((c) => ({ ...c, count: counts.get(c.row.id) ?? 0 }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        b.count - a.count ||
        a.matched.length - b.matched.length ||
        a.row.name.localeCompare(b.row.name) ||
        a.row.id - b.row.id,
    )
    .slice(0, limit)
    .map((c) => ({
      id: c.row.id,
      slug: c.row.slug,
      name: c.row.name,
      parentName: c.row.parent_name,
      matched: c.matched,
      statementCount: c.count,
    }));
}

export const TOPIC_LIST_PAGE_SIZE = 50;

/** A page of the curators' topic list: matches in match order then by name, or all topics by name. */
export async function listTopicsForCuration(
  db: Queryable,
  { q, page }: { q: string; page: number },
): Promise<{ items: TopicSuggestion[]; hasMore: boolean }> {
  const { rows } = await db.query<TopicNamesRow>(TOPIC_NAMES);
  const trimmed = q.trim();
  let ranked: Ranked[];
  if (trimmed === "") {
    ranked = rows.map((row) => ({ row, rank: 0, matched: row.name }));
  } else {
    const key = queryKey(trimmed);
    ranked = key === null ? [] : rankTopics(rows, key);
  }
  ranked.sort((a, b) => a.rank - b.rank || a.row.name.localeCompare(b.row.name) || a.row.id - b.row.id);
  const start = (page - 1) * TOPIC_LIST_PAGE_SIZE;
  const shown = ranked.slice(start, start + TOPIC_LIST_PAGE_SIZE);
  const counts = await statementCounts(
    db,
    shown.map((r) => r.row.id),
  );
  return {
    items: shown.map((r) => ({
      id: r.row.id,
      slug: r.row.slug,
      name: r.row.name,
      parentName: r.row.parent_name,
      matched: r.matched,
      statementCount: counts.get(r.row.id) ?? 0,
    })),
    hasMore: ranked.length > start + TOPIC_LIST_PAGE_SIZE,
  };
}
