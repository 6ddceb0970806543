import type pg from "pg";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/roles";
import { replaceSpeakerNames } from "@/lib/import/import-statements";
import { enqueueOutbox } from "@/lib/sync/outbox";
import { nameKey } from "@/lib/text/name-key";
import { slugify, uniqueSlug } from "@/lib/text/slug";
import { SPEAKER_KINDS, STATEMENT_LIMITS, cleanMultilineText, cleanSingleLineText, type SpeakerKind } from "@/lib/validation/import-line";
import { zodIssuesToMessages, type FieldMessage } from "@/lib/validation/zod-messages";
import { NotFoundError, ValidationError, VersionConflictError } from "./errors";
import { diffRecords, inTransaction, writeRevision, type FieldChanges, type Queryable } from "./revisions";

// Curators' work on speakers: create, edit (with a version check), merge two
// into one, delete an unused one, and the autocomplete behind every speaker
// picker. Each change writes a revision, and an outbox row whenever it alters
// what the search documents of the speaker's statements hold (their names).
// The helpers marked "shared" are used by lib/curate/topics.ts too.

export type CurateUser = Pick<CurrentUser, "id">;

/** Limits of the speaker fields the importer does not know (the others come from STATEMENT_LIMITS). */
export const SPEAKER_LIMITS = {
  nameMaxLength: STATEMENT_LIMITS.speakerNameMaxLength,
  roleMaxLength: STATEMENT_LIMITS.speakerRoleMaxLength,
  affiliationMaxLength: STATEMENT_LIMITS.speakerAffiliationMaxLength,
  aliasesMaxItems: STATEMENT_LIMITS.aliasesMaxItems,
  aliasMaxLength: STATEMENT_LIMITS.aliasMaxLength,
  countryMaxLength: 100,
  descriptionMaxLength: STATEMENT_LIMITS.contextMaxLength,
} as const;

/** Autocomplete and list parameters. */
export const SUGGEST_LIMITS = { queryMaxLength: 200, maxLimit: 50, defaultLimit: 10 } as const;

const MAX_ID = 2_147_483_647;

// ---------------------------------------------------------------------------
// Shared errors and field rules.

/** A delete refused because statements still use the speaker or topic (answered with 409). */
export class InUseError extends Error {
  constructor(
    readonly statementCount: number,
    message: string,
  ) {
    super(message);
  }
}

export const tooLong = (max: number) => `must be at most ${max} characters`;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** shared: a required single-line name: cleaned, non-empty, at most `max` characters, with a letter or digit. */
export function requiredName(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? "is required" : "must be a string") })
    .transform(cleanSingleLineText)
    .pipe(
      z
        .string()
        .min(1, "is required")
        .max(max, tooLong(max))
        .refine((value) => value === "" || HAS_LETTER_OR_DIGIT.test(value), "must contain a letter or a digit"),
    );
}

/** shared: an optional single-line text; blank gives null. */
export function optionalLine(max: number) {
  return z
    .string({ error: "must be a string" })
    .nullish()
    .transform((value) => (value == null ? null : cleanSingleLineText(value) || null))
    .pipe(z.string().max(max, tooLong(max)).nullable());
}

function optionalMultiline(max: number) {
  return z
    .string({ error: "must be a string" })
    .nullish()
    .transform((value) => (value == null ? null : cleanMultilineText(value) || null))
    .pipe(z.string().max(max, tooLong(max)).nullable());
}

const ID_MESSAGE = "must be a positive whole number";

/** shared: an optional id (a number or its digits as a string); blank gives null. */
export const optionalId = z.preprocess(
  (value) => (value === "" ? null : typeof value === "string" && /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : value),
  z.number({ error: ID_MESSAGE }).int(ID_MESSAGE).min(1, ID_MESSAGE).max(MAX_ID, ID_MESSAGE).nullish(),
);

const versionField = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : value),
  z.number({ error: (issue) => (issue.input === undefined || issue.input === null ? "is required" : ID_MESSAGE) }).int(ID_MESSAGE).min(1, ID_MESSAGE).max(MAX_ID, ID_MESSAGE),
);

/** shared: throws a ValidationError naming every field that breaks a rule. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodIssuesToMessages(result.error));
  return result.data;
}

/** shared: the `version` the curator loaded (required by every update). */
export function parseVersion(body: Record<string, unknown>): number {
  return parseOrThrow(z.object({ version: versionField }), body).version;
}

/** shared: a route's id parameter, or a ValidationError naming `field`. */
export function parseIdParam(raw: string, field = "id"): number {
  const trimmed = raw.trim();
  if (!/^[1-9]\d{0,9}$/.test(trimmed) || Number(trimmed) > MAX_ID) throw new ValidationError([{ field, message: ID_MESSAGE }]);
  return Number(trimmed);
}

/** shared: `intoId` of a merge request (a number, or its digits as a string). */
export function parseIntoId(body: Record<string, unknown>): number {
  const { intoId } = parseOrThrow(z.object({ intoId: optionalId }), body);
  if (intoId == null) throw new ValidationError([{ field: "intoId", message: "is required" }]);
  return intoId;
}

/** shared: the keys of `body` among `fields`, so that an update changes only what it names. */
export function pickPresent<K extends string>(body: Record<string, unknown>, fields: readonly K[]): Partial<Record<K, unknown>> {
  const picked: Partial<Record<K, unknown>> = {};
  for (const field of fields) if (Object.hasOwn(body, field)) picked[field] = body[field];
  return picked;
}

export type SuggestParams = { q: string; limit: number };

/** shared: ?q=&limit= of an autocomplete request; a bad value is a ValidationError naming it. */
export function parseSuggestParams(params: URLSearchParams): SuggestParams {
  const problems: FieldMessage[] = [];
  const q = (params.get("q") ?? "").trim();
  if (q.length > SUGGEST_LIMITS.queryMaxLength) problems.push({ field: "q", message: tooLong(SUGGEST_LIMITS.queryMaxLength) });
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

/** shared: a free slug for a new speaker or topic: not used by another, nor kept as the old address of a merged one. */
export async function freeSlug(tx: Queryable, entity: "speaker" | "topic", name: string, alsoTaken: ReadonlySet<string> = new Set()): Promise<string> {
  const root = slugify(name);
  const prefix = Array.from(root).slice(0, 40).join("").replace(/[\\%_]/g, (c) => `\\${c}`);
  const table = entity === "speaker" ? "speakers" : "topics";
  const { rows } = await tx.query<{ slug: string }>(
    `SELECT slug FROM ${table} WHERE slug LIKE $1 || '%'
     UNION SELECT old_slug FROM slug_redirects WHERE entity_type = $2 AND old_slug LIKE $1 || '%'`,
    [prefix, entity],
  );
  const taken = new Set([...rows.map((r) => r.slug), ...alsoTaken]);
  return uniqueSlug(name, (slug) => taken.has(slug));
}

/** shared: after a merge the old address leads to the survivor, and so does every address that led to the loser. */
export async function redirectSlug(tx: Queryable, entity: "speaker" | "topic", fromId: number, oldSlug: string, intoId: number): Promise<void> {
  await tx.query(`UPDATE slug_redirects SET target_id = $3 WHERE entity_type = $1 AND target_id = $2`, [entity, fromId, intoId]);
  await tx.query(
    `INSERT INTO slug_redirects (entity_type, old_slug, target_id) VALUES ($1, $2, $3)
     ON CONFLICT (entity_type, old_slug) DO UPDATE SET target_id = EXCLUDED.target_id, created_at = now()`,
    [entity, oldSlug, intoId],
  );
}

// ---------------------------------------------------------------------------
// The speaker record as curators see it.

export type SpeakerRecord = {
  id: number;
  slug: string;
  kind: SpeakerKind;
  name: string;
  nameAr: string | null;
  nameEn: string | null;
  nameDe: string | null;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
  affiliationId: number | null;
  /** The linked affiliation speaker's name, for display. */
  affiliationName: string | null;
  country: string | null;
  wikidataId: string | null;
  description: string | null;
  version: number;
  updatedAt: string;
};

/** The fields a curator edits (what revisions diff and snapshot). */
export const SPEAKER_FIELDS = [
  "kind",
  "name",
  "nameAr",
  "nameEn",
  "nameDe",
  "aliases",
  "role",
  "affiliation",
  "affiliationId",
  "country",
  "wikidataId",
  "description",
] as const;
export type SpeakerField = (typeof SPEAKER_FIELDS)[number];
export type SpeakerFields = Pick<SpeakerRecord, SpeakerField>;

/** Fields that statements' search documents carry: changing one re-indexes the speaker's statements. */
const INDEXED_FIELDS: readonly SpeakerField[] = ["kind", "name", "nameAr", "nameEn", "nameDe", "aliases"];

const SPEAKER_SELECT = `
  SELECT sp.id, sp.slug, sp.kind, sp.name, sp.name_ar, sp.name_en, sp.name_de, sp.aliases, sp.role, sp.affiliation,
         sp.affiliation_id, aff.name AS affiliation_name, sp.country, sp.wikidata_id, sp.description, sp.version, sp.updated_at
    FROM speakers sp LEFT JOIN speakers aff ON aff.id = sp.affiliation_id`;

type SpeakerRow = {
  id: number;
  slug: string;
  kind: SpeakerKind;
  name: string;
  name_ar: string | null;
  name_en: string | null;
  name_de: string | null;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
  affiliation_id: number | null;
  affiliation_name: string | null;
  country: string | null;
  wikidata_id: string | null;
  description: string | null;
  version: number;
  updated_at: Date;
};

function toRecord(row: SpeakerRow): SpeakerRecord {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    nameAr: row.name_ar,
    nameEn: row.name_en,
    nameDe: row.name_de,
    aliases: row.aliases,
    role: row.role,
    affiliation: row.affiliation,
    affiliationId: row.affiliation_id,
    affiliationName: row.affiliation_name,
    country: row.country,
    wikidataId: row.wikidata_id,
    description: row.description,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function speakerFields(record: SpeakerFields): SpeakerFields {
  const fields = {} as Record<SpeakerField, unknown>;
  for (const field of SPEAKER_FIELDS) fields[field] = record[field];
  return fields as SpeakerFields;
}

function snapshotOf(record: SpeakerFields & { id: number; slug: string }, version: number) {
  return { id: record.id, slug: record.slug, version, ...speakerFields(record) };
}

export async function getSpeakerRecord(db: Queryable, id: number): Promise<SpeakerRecord | null> {
  const { rows } = await db.query<SpeakerRow>(`${SPEAKER_SELECT} WHERE sp.id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

async function lockSpeakers(tx: Queryable, ids: number[]): Promise<Map<number, SpeakerRecord>> {
  const { rows } = await tx.query<SpeakerRow>(`${SPEAKER_SELECT} WHERE sp.id = ANY($1::int[]) ORDER BY sp.id FOR UPDATE OF sp`, [ids]);
  return new Map(rows.map((row) => [row.id, toRecord(row)]));
}

/** How many statements (of any status) a speaker has. */
export async function speakerStatementCount(db: Queryable, id: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM statements WHERE speaker_id = $1`, [id]);
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------
// Validation.

const WIKIDATA_ID = /^Q[1-9][0-9]{0,11}$/;

const aliasesField = z.preprocess(
  // A textarea's value (one alias per line) is accepted as well as a list.
  (value) => (typeof value === "string" ? value.split(/\r\n|\r|\n/) : value ?? []),
  z
    .array(
      z
        .string({ error: "must be a string" })
        .transform(cleanSingleLineText)
        .pipe(z.string().max(SPEAKER_LIMITS.aliasMaxLength, tooLong(SPEAKER_LIMITS.aliasMaxLength))),
      { error: "must be a list of names" },
    )
    .transform((items) => items.filter((item) => item !== ""))
    .pipe(z.array(z.string()).max(SPEAKER_LIMITS.aliasesMaxItems, `must have at most ${SPEAKER_LIMITS.aliasesMaxItems} names`)),
);

const speakerSchema = z.object({
  kind: z
    .string({ error: "must be one of person, organization, group" })
    .nullish()
    .transform((value, ctx): SpeakerKind => {
      const trimmed = value?.trim() || "person";
      const found = SPEAKER_KINDS.find((kind) => kind === trimmed);
      if (found) return found;
      ctx.addIssue(`must be one of ${SPEAKER_KINDS.join(", ")}`);
      return z.NEVER;
    }),
  name: requiredName(SPEAKER_LIMITS.nameMaxLength),
  nameAr: optionalLine(SPEAKER_LIMITS.nameMaxLength),
  nameEn: optionalLine(SPEAKER_LIMITS.nameMaxLength),
  nameDe: optionalLine(SPEAKER_LIMITS.nameMaxLength),
  aliases: aliasesField,
  role: optionalLine(SPEAKER_LIMITS.roleMaxLength),
  affiliation: optionalLine(SPEAKER_LIMITS.affiliationMaxLength),
  affiliationId: optionalId.transform((value) => value ?? null),
  country: optionalLine(SPEAKER_LIMITS.countryMaxLength),
  wikidataId: z
    .string({ error: "must be a string" })
    .nullish()
    .transform((value) => (value == null ? null : value.trim().toUpperCase() || null))
    .pipe(z.string().regex(WIKIDATA_ID, "must be a Wikidata id: Q followed by digits, like Q567").nullable()),
  description: optionalMultiline(SPEAKER_LIMITS.descriptionMaxLength),
});

/** Aliases without duplicates: none equal (by lookup key) to a name of the speaker or to an earlier alias. */
export function distinctAliases(names: Array<string | null>, aliases: string[]): string[] {
  const seen = new Set(names.filter((n): n is string => Boolean(n)).map(nameKey));
  const result: string[] = [];
  for (const alias of aliases) {
    const key = nameKey(alias);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(alias);
  }
  return result;
}

/** Validates a whole speaker (the stored values overlaid with what the curator sent). */
export function parseSpeakerFields(input: Record<string, unknown>): SpeakerFields {
  const parsed = parseOrThrow(speakerSchema, input);
  return {
    kind: parsed.kind,
    name: parsed.name,
    nameAr: parsed.nameAr,
    nameEn: parsed.nameEn,
    nameDe: parsed.nameDe,
    aliases: distinctAliases([parsed.name, parsed.nameAr, parsed.nameEn, parsed.nameDe], parsed.aliases),
    role: parsed.role,
    affiliation: parsed.affiliation,
    affiliationId: parsed.affiliationId,
    country: parsed.country,
    wikidataId: parsed.wikidataId,
    description: parsed.description,
  };
}

async function checkAffiliation(tx: Queryable, affiliationId: number | null, selfId: number | null): Promise<void> {
  if (affiliationId === null) return;
  if (affiliationId === selfId) throw new ValidationError([{ field: "affiliationId", message: "must be another speaker than this one" }]);
  const { rows } = await tx.query(`SELECT 1 FROM speakers WHERE id = $1`, [affiliationId]);
  if (rows.length === 0) throw new ValidationError([{ field: "affiliationId", message: `no speaker has the id ${affiliationId}` }]);
}

function allNames(fields: Pick<SpeakerFields, "name" | "nameAr" | "nameEn" | "nameDe" | "aliases">): Array<string | null> {
  return [fields.name, fields.nameAr, fields.nameEn, fields.nameDe, ...fields.aliases];
}

const WRITE_COLUMNS = `kind = $2, name = $3, name_ar = $4, name_en = $5, name_de = $6, aliases = $7, role = $8, affiliation = $9,
                       affiliation_id = $10, country = $11, wikidata_id = $12, description = $13`;

function writeValues(id: number, f: SpeakerFields): unknown[] {
  return [id, f.kind, f.name, f.nameAr, f.nameEn, f.nameDe, f.aliases, f.role, f.affiliation, f.affiliationId, f.country, f.wikidataId, f.description];
}

// ---------------------------------------------------------------------------
// Create, update, merge, delete.

export async function createSpeaker(pool: pg.Pool, { input, user }: { input: Record<string, unknown>; user: CurateUser }): Promise<SpeakerRecord> {
  const fields = parseSpeakerFields(pickPresent(input, SPEAKER_FIELDS));
  return inTransaction(pool, async (tx) => {
    await checkAffiliation(tx, fields.affiliationId, null);
    const tried = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = await freeSlug(tx, "speaker", fields.name, tried);
      const inserted = await tx.query<{ id: number }>(
        `INSERT INTO speakers (slug, kind, name) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [slug, fields.kind, fields.name],
      );
      const id = inserted.rows[0]?.id;
      if (id === undefined) {
        tried.add(slug); // taken a moment ago by another curator
        continue;
      }
      await tx.query(`UPDATE speakers SET ${WRITE_COLUMNS} WHERE id = $1`, writeValues(id, fields));
      await replaceSpeakerNames(tx, id, allNames(fields));
      await writeRevision(tx, {
        entityType: "speaker",
        entityId: id,
        version: 1,
        action: "create",
        userId: user.id,
        changes: diffRecords({}, { slug, ...fields }),
        snapshot: snapshotOf({ id, slug, ...fields }, 1),
      });
      return (await getSpeakerRecord(tx, id))!;
    }
    throw new Error("createSpeaker: no free slug after several attempts");
  });
}

/**
 * Saves a curator's edit of a speaker. `input` holds `version` (the one the
 * curator loaded) and the fields to change; fields it does not name keep their
 * stored values. The slug never changes, so readers' bookmarks keep working.
 */
export async function updateSpeaker(
  pool: pg.Pool,
  { id, input, user }: { id: number; input: Record<string, unknown>; user: CurateUser },
): Promise<SpeakerRecord> {
  const version = parseVersion(input);
  return inTransaction(pool, async (tx) => {
    const current = (await lockSpeakers(tx, [id])).get(id);
    if (!current) throw new NotFoundError("No speaker has this id.");
    if (current.version !== version) throw new VersionConflictError(current.version, current);
    const before = speakerFields(current);
    const next = parseSpeakerFields({ ...before, ...pickPresent(input, SPEAKER_FIELDS) });
    if (next.affiliationId !== before.affiliationId) await checkAffiliation(tx, next.affiliationId, id);
    const changes = diffRecords(before, next);
    if (Object.keys(changes).length === 0) return current;
    const nextVersion = current.version + 1;
    await tx.query(`UPDATE speakers SET ${WRITE_COLUMNS}, version = $14, updated_at = now() WHERE id = $1`, [...writeValues(id, next), nextVersion]);
    if (["name", "nameAr", "nameEn", "nameDe", "aliases"].some((field) => field in changes)) await replaceSpeakerNames(tx, id, allNames(next));
    await writeRevision(tx, {
      entityType: "speaker",
      entityId: id,
      version: nextVersion,
      action: "update",
      userId: user.id,
      changes,
      snapshot: snapshotOf({ id, slug: current.slug, ...next }, nextVersion),
    });
    if (INDEXED_FIELDS.some((field) => field in changes)) await enqueueOutbox(tx, "speaker", [id]);
    return (await getSpeakerRecord(tx, id))!;
  });
}

export type MergeResult<T> = { into: T; from: { id: number; slug: string }; movedStatements: number };

/**
 * Merges speaker `fromId` into `intoId`, in one transaction: the statements
 * move, the loser's names and aliases become the survivor's aliases, other
 * speakers' affiliation follows, the loser's address (and every address that
 * led to it) redirects to the survivor, and the loser is deleted.
 */
export async function mergeSpeakers(
  pool: pg.Pool,
  { fromId, intoId, user }: { fromId: number; intoId: number; user: CurateUser },
): Promise<MergeResult<SpeakerRecord>> {
  if (fromId === intoId) throw new ValidationError([{ field: "intoId", message: "must be another speaker than the one merged into it" }]);
  return inTransaction(pool, async (tx) => {
    const locked = await lockSpeakers(tx, [fromId, intoId]);
    const from = locked.get(fromId);
    const into = locked.get(intoId);
    if (!from) throw new NotFoundError("No speaker has this id.");
    if (!into) throw new ValidationError([{ field: "intoId", message: `no speaker has the id ${intoId}` }]);

    const moved = await tx.query<{ id: number; version: number }>(
      `UPDATE statements SET speaker_id = $2, version = version + 1, updated_at = now(), updated_by_id = $3
        WHERE speaker_id = $1 RETURNING id, version`,
      [fromId, intoId, user.id],
    );
    await statementRevisions(tx, moved.rows, user, { speakerId: [fromId, intoId] });

    const repointed = await tx.query<{ id: number; version: number }>(
      `UPDATE speakers SET affiliation_id = $2, version = version + 1, updated_at = now()
        WHERE affiliation_id = $1 AND id <> $2 RETURNING id, version`,
      [fromId, intoId],
    );
    for (const row of repointed.rows) {
      await writeRevision(tx, { entityType: "speaker", entityId: row.id, version: row.version, action: "merge", userId: user.id, changes: { affiliationId: [fromId, intoId] } });
    }

    const before = speakerFields(into);
    const next: SpeakerFields = {
      ...before,
      aliases: distinctAliases([into.name, into.nameAr, into.nameEn, into.nameDe], [...into.aliases, ...allNames(from).filter((n): n is string => Boolean(n))]),
      affiliationId: into.affiliationId === fromId ? null : into.affiliationId,
      affiliation: into.affiliation ?? from.affiliation,
      role: into.role ?? from.role,
      country: into.country ?? from.country,
      wikidataId: into.wikidataId ?? from.wikidataId,
      description: into.description ?? from.description,
    };
    const nextVersion = into.version + 1;
    await tx.query(`UPDATE speakers SET ${WRITE_COLUMNS}, version = $14, updated_at = now() WHERE id = $1`, [...writeValues(intoId, next), nextVersion]);
    await replaceSpeakerNames(tx, intoId, allNames(next));
    await redirectSlug(tx, "speaker", fromId, from.slug, intoId);

    await tx.query(`DELETE FROM speakers WHERE id = $1`, [fromId]);
    await writeRevision(tx, {
      entityType: "speaker",
      entityId: intoId,
      version: nextVersion,
      action: "merge",
      userId: user.id,
      changes: { ...diffRecords(before, next), mergedFrom: [null, { id: fromId, slug: from.slug, name: from.name, statements: moved.rowCount ?? 0 }] },
      snapshot: snapshotOf({ id: intoId, slug: into.slug, ...next }, nextVersion),
    });
    await writeRevision(tx, {
      entityType: "speaker",
      entityId: fromId,
      version: from.version + 1,
      action: "merge",
      userId: user.id,
      changes: { mergedInto: [null, { id: intoId, slug: into.slug }] },
      snapshot: snapshotOf(from, from.version),
    });
    // The survivor's documents (its own statements and those that moved) get the new names and address.
    await enqueueOutbox(tx, "speaker", [intoId]);
    return { into: (await getSpeakerRecord(tx, intoId))!, from: { id: fromId, slug: from.slug }, movedStatements: moved.rowCount ?? 0 };
  });
}

/** shared: one revision per statement a merge changed, in one insert. */
export async function statementRevisions(tx: Queryable, rows: Array<{ id: number; version: number }>, user: CurateUser, changes: FieldChanges): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO revisions (entity_type, entity_id, version, action, user_id, changes)
     SELECT 'statement', id, version, 'merge', $3, $4::jsonb FROM unnest($1::int[], $2::int[]) AS t(id, version)`,
    [rows.map((r) => r.id), rows.map((r) => r.version), user.id, JSON.stringify(changes)],
  );
}

/** Deletes a speaker no statement uses (an admin's action); otherwise an InUseError. */
export async function deleteSpeaker(pool: pg.Pool, { id, user }: { id: number; user: CurateUser }): Promise<{ id: number; slug: string }> {
  return inTransaction(pool, async (tx) => {
    const current = (await lockSpeakers(tx, [id])).get(id);
    if (!current) throw new NotFoundError("No speaker has this id.");
    const count = await speakerStatementCount(tx, id);
    if (count > 0) {
      throw new InUseError(count, `${count} statement(s) are attributed to this speaker: merge it into another speaker instead, or move the statements first.`);
    }
    await tx.query(`DELETE FROM slug_redirects WHERE entity_type = 'speaker' AND target_id = $1`, [id]);
    await tx.query(`DELETE FROM speakers WHERE id = $1`, [id]);
    await writeRevision(tx, {
      entityType: "speaker",
      entityId: id,
      version: current.version + 1,
      action: "delete",
      userId: user.id,
      changes: diffRecords(speakerFields(current), {}),
      snapshot: snapshotOf(current, current.version),
    });
    return { id, slug: current.slug };
  });
}

// ---------------------------------------------------------------------------
// Autocomplete and the curators' list.

export type SpeakerSuggestion = {
  id: number;
  slug: string;
  name: string;
  kind: SpeakerKind;
  role: string | null;
  affiliation: string | null;
  /** The name or alias that matched the query (the canonical name when listing without one). */
  matched: string;
  statementCount: number;
};

type SuggestionRow = {
  id: number;
  slug: string;
  name: string;
  kind: SpeakerKind;
  role: string | null;
  affiliation: string | null;
  matched: string;
  statement_count: string;
};

function toSuggestion(row: SuggestionRow): SpeakerSuggestion {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    role: row.role,
    affiliation: row.affiliation,
    matched: row.matched,
    statementCount: Number(row.statement_count),
  };
}

/** The lookup key of a query, or null when it has no letter or digit (then nothing can match). */
export function queryKey(q: string): string | null {
  return HAS_LETTER_OR_DIGIT.test(q) ? nameKey(q) : null;
}

// Each speaker once, by its best-matching name: the whole key (0), the start of
// any word of it (1), anywhere inside it (2).
const MATCHES = `
  SELECT DISTINCT ON (n.speaker_id) n.speaker_id, n.name AS matched,
         CASE WHEN n.normalized = $1 THEN 0
              WHEN starts_with(n.normalized, $1) OR strpos(n.normalized, '-' || $1) > 0 THEN 1
              ELSE 2 END AS rank
    FROM speaker_names n
   WHERE strpos(n.normalized, $1) > 0
   ORDER BY n.speaker_id, rank, length(n.name), n.name`;

const SUGGESTION_COLUMNS = `sp.id, sp.slug, sp.name, sp.kind, sp.role, coalesce(aff.name, sp.affiliation) AS affiliation`;

/** How many of the best-ranked matches are considered before they are ordered by use. */
const SUGGEST_CANDIDATES = 200;

/**
 * Speakers whose name or alias (in any script) matches `q`, normalised as the
 * importer normalises names: whole-name and word-prefix matches first, then
 * matches inside a word; within each, the most used first. Without a query,
 * the most used speakers.
 */
export async function suggestSpeakers(db: Queryable, { q, limit }: SuggestParams): Promise<SpeakerSuggestion[]> {
  if (q === "") {
    const { rows } = await db.query<SuggestionRow>(
      `SELECT ${SUGGESTION_COLUMNS}, sp.name AS matched, coalesce(c.n, 0) AS statement_count
         FROM speakers sp
         LEFT JOIN (SELECT speaker_id, count(*) AS n FROM statements GROUP BY speaker_id) c ON c.speaker_id = sp.id
         LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
        ORDER BY coalesce(c.n, 0) DESC, sp.name, sp.id
        LIMIT $1`,
      [limit],
    );
    return rows.map(toSuggestion);
  }
  const key = queryKey(q);
  if (key === null) return [];
  const { rows } = await db.query<SuggestionRow>(
    `WITH m AS (${MATCHES}),
          best AS (SELECT * FROM m ORDER BY rank, length(matched), speaker_id LIMIT $3),
          counted AS (SELECT best.*, (SELECT count(*) FROM statements s WHERE s.speaker_id = best.speaker_id) AS n FROM best)
     SELECT ${SUGGESTION_COLUMNS}, c.matched, c.n AS statement_count
       FROM counted c JOIN speakers sp ON sp.id = c.speaker_id LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
      ORDER BY c.rank, c.n DESC, length(c.matched), sp.name, sp.id
      LIMIT $2`,
    [key, limit, Math.max(SUGGEST_CANDIDATES, limit)],
  );
  return rows.map(toSuggestion);
}

export const CURATE_LIST_PAGE_SIZE = 50;

/**
 * A page of the curators' speaker list: matching speakers in match order then
 * by name (or, without a query, the most used first), with one more row read
 * than shown to tell whether a next page exists.
 */
export async function listSpeakersForCuration(db: Queryable, { q, page }: { q: string; page: number }): Promise<{ items: SpeakerSuggestion[]; hasMore: boolean }> {
  const offset = (page - 1) * CURATE_LIST_PAGE_SIZE;
  const take = CURATE_LIST_PAGE_SIZE + 1;
  let rows: SuggestionRow[];
  if (q.trim() === "") {
    rows = (
      await db.query<SuggestionRow>(
        `SELECT ${SUGGESTION_COLUMNS}, sp.name AS matched, coalesce(c.n, 0) AS statement_count
           FROM speakers sp
           LEFT JOIN (SELECT speaker_id, count(*) AS n FROM statements GROUP BY speaker_id) c ON c.speaker_id = sp.id
           LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
          ORDER BY coalesce(c.n, 0) DESC, sp.name, sp.id
          LIMIT $1 OFFSET $2`,
        [take, offset],
      )
    ).rows;
  } else {
    const key = queryKey(q.trim());
    if (key === null) return { items: [], hasMore: false };
    rows = (
      await db.query<SuggestionRow>(
        `WITH m AS (${MATCHES}),
              p AS (SELECT * FROM m ORDER BY rank, lower(matched), speaker_id LIMIT $2 OFFSET $3)
         SELECT ${SUGGESTION_COLUMNS}, p.matched, (SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id) AS statement_count
           FROM p JOIN speakers sp ON sp.id = p.speaker_id LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
          ORDER BY p.rank, lower(p.matched), sp.id`,
        [key, take, offset],
      )
    ).rows;
  }
  return { items: rows.slice(0, CURATE_LIST_PAGE_SIZE).map(toSuggestion), hasMore: rows.length > CURATE_LIST_PAGE_SIZE };
}

export type RevisionSummary = { version: number; action: string; userName: string | null; fields: string[]; createdAt: string };

/** shared: the latest revisions of a speaker or topic, newest first (for the edit page's history). */
export async function recentRevisions(db: Queryable, entity: "speaker" | "topic", id: number, limit = 20): Promise<RevisionSummary[]> {
  const { rows } = await db.query<{ version: number; action: string; user_name: string | null; fields: string[] | null; created_at: Date }>(
    `SELECT r.version, r.action, u.name AS user_name, ARRAY(SELECT jsonb_object_keys(r.changes)) AS fields, r.created_at
       FROM revisions r LEFT JOIN users u ON u.id = r.user_id
      WHERE r.entity_type = $1 AND r.entity_id = $2
      ORDER BY r.created_at DESC, r.id DESC LIMIT $3`,
    [entity, id, limit],
  );
  return rows.map((r) => ({ version: r.version, action: r.action, userName: r.user_name, fields: r.fields ?? [], createdAt: new Date(r.created_at).toISOString() }));
}
