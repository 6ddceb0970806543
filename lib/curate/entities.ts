import type pg from "pg";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/roles";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { nameKey } from "@/lib/text/name-key";
import { slugify, uniqueSlug } from "@/lib/text/slug";
import { cleanMultilineText, cleanSingleLineText } from "@/lib/validation/import-line";
import { ID_MESSAGE, MAX_ID, parseId } from "@/lib/validation/id";
import { zodIssuesToMessages, type FieldMessage } from "@/lib/validation/zod-messages";
import { InUseError, NotFoundError, ValidationError, VersionConflictError } from "@/lib/errors";
import type { Queryable } from "@/lib/db/client";
import { diffRecords, writeRevision, type FieldChanges } from "@/lib/db/revisions";
import { inTransaction } from "@/lib/db/transaction";

// What the speaker and topic services (lib/curate/speakers.ts, topics.ts) share:
// the field rules and request parameters, slugs and redirects, the history, and
// the steps of create, update, merge and delete. Each service describes its
// records once (an EntityStore) and adds only what is its own: speakers' name
// table and affiliations, topics' tree.

export type CurateUser = Pick<CurrentUser, "id">;
export type EntityType = "speaker" | "topic";

export type CreateRequest = { input: Record<string, unknown>; user: CurateUser };
export type UpdateRequest = CreateRequest & { id: number };
export type MergeRequest = { fromId: number; intoId: number; user: CurateUser };
export type DeleteRequest = { id: number; user: CurateUser };

/** Autocomplete and list parameters. */
export const SUGGEST_LIMITS = { queryMaxLength: 200, maxLimit: 50, defaultLimit: 10 } as const;

// ---------------------------------------------------------------------------
// Field rules.

export const tooLong = (max: number) => `must be at most ${max} characters`;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A required single-line name: cleaned, non-empty, at most `max` characters, with a letter or digit. */
export function requiredName(max: number) {
  return z
    .string({
      error: (issue) => (issue.input === undefined || issue.input === null ? "is required" : "must be a string"),
    })
    .transform(cleanSingleLineText)
    .pipe(
      z
        .string()
        .min(1, "is required")
        .max(max, tooLong(max))
        .refine((value) => value === "" || HAS_LETTER_OR_DIGIT.test(value), "must contain a letter or a digit"),
    );
}

function optionalText(max: number, clean: (value: string) => string) {
  return z
    .string({ error: "must be a string" })
    .nullish()
    .transform((value) => (value == null ? null : clean(value) || null))
    .pipe(z.string().max(max, tooLong(max)).nullable());
}

/** An optional single-line text; blank gives null. */
export const optionalLine = (max: number) => optionalText(max, cleanSingleLineText);

/** An optional text of several lines; blank gives null. */
export const optionalMultiline = (max: number) => optionalText(max, cleanMultilineText);

/** An optional id (a number or its digits as a string); blank gives null. */
export const optionalId = z.preprocess(
  (value) =>
    value === "" ? null : typeof value === "string" && /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : value,
  z.number({ error: ID_MESSAGE }).int(ID_MESSAGE).min(1, ID_MESSAGE).max(MAX_ID, ID_MESSAGE).nullish(),
);

const versionField = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : value),
  z
    .number({ error: (issue) => (issue.input === undefined || issue.input === null ? "is required" : ID_MESSAGE) })
    .int(ID_MESSAGE)
    .min(1, ID_MESSAGE)
    .max(MAX_ID, ID_MESSAGE),
);

/** Throws a ValidationError naming every field that breaks a rule. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodIssuesToMessages(result.error));
  return result.data;
}

/** The keys of `body` among `fields`, so that an update changes only what it names. */
export function pickPresent<K extends string>(
  body: Record<string, unknown>,
  fields: readonly K[],
): Partial<Record<K, unknown>> {
  const picked: Partial<Record<K, unknown>> = {};
  for (const field of fields) if (Object.hasOwn(body, field)) picked[field] = body[field];
  return picked;
}

// ---------------------------------------------------------------------------
// Request parameters.

/** The `version` the curator loaded (required by every update). */
export function parseVersion(body: Record<string, unknown>): number {
  return parseOrThrow(z.object({ version: versionField }), body).version;
}

/** Ids are read by lib/validation/id.ts (re-exported for the workspace's pages). */
export { idFrom } from "@/lib/validation/id";

/** A route's id parameter, or a ValidationError naming `field`. */
export function parseIdParam(raw: string, field = "id"): number {
  const id = parseId(raw.trim(), field);
  if (typeof id !== "number") throw new ValidationError([id]);
  return id;
}

/** `intoId` of a merge request (a number, or its digits as a string). */
export function parseIntoId(body: Record<string, unknown>): number {
  const { intoId } = parseOrThrow(z.object({ intoId: optionalId }), body);
  if (intoId == null) throw new ValidationError([{ field: "intoId", message: "is required" }]);
  return intoId;
}

export type SuggestParams = { q: string; limit: number };

/** ?q=&limit= of an autocomplete request; a bad value is a ValidationError naming it. */
export function parseSuggestParams(params: URLSearchParams): SuggestParams {
  const problems: FieldMessage[] = [];
  const q = (params.get("q") ?? "").trim();
  if (q.length > SUGGEST_LIMITS.queryMaxLength)
    problems.push({ field: "q", message: tooLong(SUGGEST_LIMITS.queryMaxLength) });
  const rawLimit = params.get("limit");
  let limit: number = SUGGEST_LIMITS.defaultLimit;
  if (rawLimit !== null) {
    limit = /^\d{1,3}$/.test(rawLimit.trim()) ? Number(rawLimit.trim()) : NaN;
    if (!(limit >= 1 && limit <= SUGGEST_LIMITS.maxLimit)) {
      problems.push({ field: "limit", message: `must be a whole number from 1 to ${SUGGEST_LIMITS.maxLimit}` });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { q, limit };
}

/** The lookup key of a query, or null when it has no letter or digit (then nothing can match). */
export function queryKey(q: string): string | null {
  return HAS_LETTER_OR_DIGIT.test(q) ? nameKey(q) : null;
}

// ---------------------------------------------------------------------------
// Addresses and history.

const TABLES: Record<EntityType, "speakers" | "topics"> = { speaker: "speakers", topic: "topics" };

/** A free slug for a new speaker or topic: not used by another, nor kept as the old address of a merged one. */
export async function freeSlug(
  tx: Queryable,
  entity: EntityType,
  name: string,
  alsoTaken: ReadonlySet<string> = new Set(),
): Promise<string> {
  const root = slugify(name);
  const prefix = Array.from(root)
    .slice(0, 40)
    .join("")
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  const { rows } = await tx.query<{ slug: string }>(
    `SELECT slug FROM ${TABLES[entity]} WHERE slug LIKE $1 || '%'
     UNION SELECT old_slug FROM slug_redirects WHERE entity_type = $2 AND old_slug LIKE $1 || '%'`,
    [prefix, entity],
  );
  const taken = new Set([...rows.map((r) => r.slug), ...alsoTaken]);
  return uniqueSlug(name, (slug) => taken.has(slug));
}

/** After a merge the old address leads to the survivor, and so does every address that led to the loser. */
export async function redirectSlug(
  tx: Queryable,
  entity: EntityType,
  fromId: number,
  oldSlug: string,
  intoId: number,
): Promise<void> {
  await tx.query(`UPDATE slug_redirects SET target_id = $3 WHERE entity_type = $1 AND target_id = $2`, [
    entity,
    fromId,
    intoId,
  ]);
  await tx.query(
    `INSERT INTO slug_redirects (entity_type, old_slug, target_id) VALUES ($1, $2, $3)
     ON CONFLICT (entity_type, old_slug) DO UPDATE SET target_id = EXCLUDED.target_id, created_at = now()`,
    [entity, oldSlug, intoId],
  );
}

/** One revision per statement a merge changed, in one insert. */
export async function statementRevisions(
  tx: Queryable,
  rows: Array<{ id: number; version: number }>,
  user: CurateUser,
  changes: FieldChanges,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO revisions (entity_type, entity_id, version, action, user_id, changes)
     SELECT 'statement', id, version, 'merge', $3, $4::jsonb FROM unnest($1::int[], $2::int[]) AS t(id, version)`,
    [rows.map((r) => r.id), rows.map((r) => r.version), user.id, JSON.stringify(changes)],
  );
}

export type RevisionSummary = {
  version: number;
  action: string;
  userName: string | null;
  fields: string[];
  createdAt: string;
};

/** The latest revisions of a speaker or topic, newest first (for the edit page's history). */
export async function recentRevisions(
  db: Queryable,
  entity: EntityType,
  id: number,
  limit = 20,
): Promise<RevisionSummary[]> {
  const { rows } = await db.query<{
    version: number;
    action: string;
    user_name: string | null;
    fields: string[] | null;
    created_at: Date;
  }>(
    `SELECT r.version, r.action, u.name AS user_name, ARRAY(SELECT jsonb_object_keys(r.changes)) AS fields, r.created_at
       FROM revisions r LEFT JOIN users u ON u.id = r.user_id
      WHERE r.entity_type = $1 AND r.entity_id = $2
      ORDER BY r.created_at DESC, r.id DESC LIMIT $3`,
    [entity, id, limit],
  );
  return rows.map((r) => ({
    version: r.version,
    action: r.action,
    userName: r.user_name,
    fields: r.fields ?? [],
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

// ---------------------------------------------------------------------------
// Create, update, merge, delete: the steps both services take.

type EntityFields = { name: string };
type StoredEntity = EntityFields & { id: number; slug: string; version: number };

/** How a service reads, writes and validates its records (R, whose editable fields are F): what the shared steps below need. */
export type EntityStore<F extends EntityFields, R extends F & StoredEntity> = {
  type: EntityType;
  /** The fields a curator edits (what revisions diff and snapshot). */
  fields: readonly (keyof F & string)[];
  /** Fields that statements' search documents carry: changing one re-indexes the statements. */
  indexedFields: readonly (keyof F & string)[];
  /** Validates a whole record (the stored values overlaid with what the curator sent). */
  parse: (input: Record<string, unknown>) => F;
  get: (db: Queryable, id: number) => Promise<R | null>;
  /** Reads records and locks their rows until the transaction ends. */
  lock: (tx: Queryable, ids: number[]) => Promise<Map<number, R>>;
  /** Inserts a new row with this slug; undefined when another took the slug a moment ago. */
  insert: (tx: Queryable, slug: string, fields: F) => Promise<number | undefined>;
  /** Writes every field; with `version`, also the new version and updated_at. */
  write: (tx: Queryable, id: number, fields: F, version?: number) => Promise<void>;
  /** How many statements (of any status) use the record. */
  statementCount: (db: Queryable, id: number) => Promise<number>;
  /** Taken first by every change, where changes must not interleave. */
  serialize?: (tx: Queryable) => Promise<void>;
  /** Checks against other records (references, loops, names in use) before a create or update; `id` is null for a new record. */
  check?: (tx: Queryable, id: number | null, fields: F, changes: FieldChanges) => Promise<void>;
  /** Keeps what derives from the fields (such as a name index) in step once a create or update wrote them. */
  afterWrite?: (tx: Queryable, id: number, fields: F, changes: FieldChanges) => Promise<void>;
};

/** The fields of `record` a curator edits. */
export function pickFields<F extends EntityFields>(fields: readonly (keyof F & string)[], record: F): F {
  const picked = {} as F;
  for (const field of fields) picked[field] = record[field];
  return picked;
}

function snapshotOf<F extends EntityFields>(
  fields: readonly (keyof F & string)[],
  record: F & { id: number; slug: string },
  version: number,
) {
  return { id: record.id, slug: record.slug, version, ...pickFields<F>(fields, record) };
}

async function lockExisting<F extends EntityFields, R extends F & StoredEntity>(
  tx: Queryable,
  store: EntityStore<F, R>,
  id: number,
): Promise<R> {
  const current = (await store.lock(tx, [id])).get(id);
  if (!current) throw new NotFoundError(`No ${store.type} has this id.`);
  return current;
}

/** Creates a record with a free slug (tried again when another curator takes it meanwhile) and its first revision. */
export async function createEntity<F extends EntityFields, R extends F & StoredEntity>(
  pool: pg.Pool,
  store: EntityStore<F, R>,
  { input, user }: CreateRequest,
): Promise<R> {
  const fields = store.parse(pickPresent(input, store.fields));
  return inTransaction(pool, async (tx) => {
    await store.serialize?.(tx);
    await store.check?.(tx, null, fields, diffRecords({}, fields));
    const tried = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = await freeSlug(tx, store.type, fields.name, tried);
      const id = await store.insert(tx, slug, fields);
      if (id === undefined) {
        tried.add(slug); // taken a moment ago by another curator
        continue;
      }
      await store.write(tx, id, fields);
      const changes = diffRecords({}, { slug, ...fields });
      await store.afterWrite?.(tx, id, fields, changes);
      await writeRevision(tx, {
        entityType: store.type,
        entityId: id,
        version: 1,
        action: "create",
        userId: user.id,
        changes,
        snapshot: snapshotOf(store.fields, { id, slug, ...fields }, 1),
      });
      return (await store.get(tx, id))!;
    }
    throw new Error(`create ${store.type}: no free slug after several attempts`);
  });
}

/**
 * Saves a curator's edit: `input` holds `version` (the one the curator loaded)
 * and the fields to change; fields it does not name keep their stored values.
 * A newer stored version is a VersionConflictError. The slug never changes, so
 * readers' bookmarks keep working.
 */
export async function updateEntity<F extends EntityFields, R extends F & StoredEntity>(
  pool: pg.Pool,
  store: EntityStore<F, R>,
  { id, input, user }: UpdateRequest,
): Promise<R> {
  const version = parseVersion(input);
  return inTransaction(pool, async (tx) => {
    await store.serialize?.(tx);
    const current = await lockExisting(tx, store, id);
    if (current.version !== version) throw new VersionConflictError(current.version, current);
    const before = pickFields(store.fields, current);
    const next = store.parse({ ...before, ...pickPresent(input, store.fields) });
    const changes = diffRecords(before, next);
    if (Object.keys(changes).length === 0) return current;
    await store.check?.(tx, id, next, changes);
    const nextVersion = current.version + 1;
    await store.write(tx, id, next, nextVersion);
    await store.afterWrite?.(tx, id, next, changes);
    await writeRevision(tx, {
      entityType: store.type,
      entityId: id,
      version: nextVersion,
      action: "update",
      userId: user.id,
      changes,
      snapshot: snapshotOf(store.fields, { id, slug: current.slug, ...next }, nextVersion),
    });
    if (store.indexedFields.some((field) => field in changes)) await enqueueOutbox(tx, store.type, [id]);
    return (await store.get(tx, id))!;
  });
}

export type MergeResult<T> = { into: T; from: { id: number; slug: string }; movedStatements: number };

/**
 * Merges `fromId` into `intoId` in one transaction. `combine` does what is the
 * service's own (moving statements and references) and returns the survivor's
 * new fields; then the survivor is saved, the loser's address (and every
 * address that led to it) redirects to the survivor, and the loser is deleted.
 */
export async function mergeEntities<F extends EntityFields, R extends F & StoredEntity>(
  pool: pg.Pool,
  store: EntityStore<F, R>,
  { fromId, intoId, user }: MergeRequest,
  combine: (tx: Queryable, from: R, into: R) => Promise<{ next: F; movedStatements: number }>,
): Promise<MergeResult<R>> {
  const { type } = store;
  if (fromId === intoId)
    throw new ValidationError([{ field: "intoId", message: `must be another ${type} than the one merged into it` }]);
  return inTransaction(pool, async (tx) => {
    await store.serialize?.(tx);
    const locked = await store.lock(tx, [fromId, intoId]);
    const from = locked.get(fromId);
    const into = locked.get(intoId);
    if (!from) throw new NotFoundError(`No ${type} has this id.`);
    if (!into) throw new ValidationError([{ field: "intoId", message: `no ${type} has the id ${intoId}` }]);

    const { next, movedStatements } = await combine(tx, from, into);
    const nextVersion = into.version + 1;
    await store.write(tx, intoId, next, nextVersion);
    await redirectSlug(tx, type, fromId, from.slug, intoId);
    await tx.query(`DELETE FROM ${TABLES[type]} WHERE id = $1`, [fromId]);

    await writeRevision(tx, {
      entityType: type,
      entityId: intoId,
      version: nextVersion,
      action: "merge",
      userId: user.id,
      changes: {
        ...diffRecords(pickFields(store.fields, into), next),
        mergedFrom: [null, { id: fromId, slug: from.slug, name: from.name, statements: movedStatements }],
      },
      snapshot: snapshotOf(store.fields, { id: intoId, slug: into.slug, ...next }, nextVersion),
    });
    await writeRevision(tx, {
      entityType: type,
      entityId: fromId,
      version: from.version + 1,
      action: "merge",
      userId: user.id,
      changes: { mergedInto: [null, { id: intoId, slug: into.slug }] },
      snapshot: snapshotOf(store.fields, from, from.version),
    });
    // The survivor's documents (its own statements and those that moved) get its names and address.
    await enqueueOutbox(tx, type, [intoId]);
    return { into: (await store.get(tx, intoId))!, from: { id: fromId, slug: from.slug }, movedStatements };
  });
}

/**
 * Deletes a record no statement uses (an admin's action); otherwise an
 * InUseError whose message is `inUse(count)`. `beforeDelete` releases what
 * still points at the record (subtopics, say).
 */
export async function deleteUnused<F extends EntityFields, R extends F & StoredEntity>(
  pool: pg.Pool,
  store: EntityStore<F, R>,
  { id, user }: DeleteRequest,
  { inUse, beforeDelete }: { inUse: (count: number) => string; beforeDelete?: (tx: Queryable) => Promise<void> },
): Promise<{ id: number; slug: string }> {
  return inTransaction(pool, async (tx) => {
    await store.serialize?.(tx);
    const current = await lockExisting(tx, store, id);
    const count = await store.statementCount(tx, id);
    if (count > 0) throw new InUseError(count, inUse(count));
    await beforeDelete?.(tx);
    await tx.query(`DELETE FROM slug_redirects WHERE entity_type = $1 AND target_id = $2`, [store.type, id]);
    await tx.query(`DELETE FROM ${TABLES[store.type]} WHERE id = $1`, [id]);
    await writeRevision(tx, {
      entityType: store.type,
      entityId: id,
      version: current.version + 1,
      action: "delete",
      userId: user.id,
      changes: diffRecords(pickFields(store.fields, current), {}),
      snapshot: snapshotOf(store.fields, current, current.version),
    });
    return { id, slug: current.slug };
  });
}
