import type pg from "pg";
import { z } from "zod";
import { nameKey } from "@/lib/text/name-key";
import {
  SPEAKER_KINDS,
  STATEMENT_LIMITS,
  cleanSingleLineText,
  wikidataIdField,
  type SpeakerKind,
} from "@/lib/validation/import-line";
import { ValidationError } from "@/lib/errors";
import {
  createEntity,
  deleteUnused,
  mergeEntities,
  optionalId,
  optionalLine,
  optionalMultiline,
  parseOrThrow,
  pickFields,
  queryKey,
  requiredName,
  statementRevisions,
  tooLong,
  updateEntity,
  type CreateRequest,
  type DeleteRequest,
  type EntityStore,
  type MergeRequest,
  type MergeResult,
  type SuggestParams,
  type UpdateRequest,
} from "./entities";
import type { Queryable } from "@/lib/db/client";
import { writeRevision } from "@/lib/db/revisions";
import { replaceSpeakerNames } from "@/lib/db/writes";

// Curators' work on speakers: create, edit (with a version check), merge two
// into one, delete an unused one, and the autocomplete behind every speaker
// picker. The steps speakers and topics share are in ./entities.ts; what is
// the speakers' own is here: the name table every picker searches (kept in
// step with names and aliases) and affiliations to other speakers.

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

/** The names a speaker is found by: the name table holds these. */
const NAME_FIELDS = ["name", "nameAr", "nameEn", "nameDe", "aliases"] as const;

// Columns are named as the record's fields, so that a row is the record but for its date.
const SPEAKER_SELECT = `
  SELECT sp.id, sp.slug, sp.kind, sp.name, sp.name_ar AS "nameAr", sp.name_en AS "nameEn", sp.name_de AS "nameDe", sp.aliases, sp.role,
         sp.affiliation, sp.affiliation_id AS "affiliationId", aff.name AS "affiliationName", sp.country, sp.wikidata_id AS "wikidataId",
         sp.description, sp.version, sp.updated_at AS "updatedAt"
    FROM speakers sp LEFT JOIN speakers aff ON aff.id = sp.affiliation_id`;

type SpeakerRow = Omit<SpeakerRecord, "updatedAt"> & { updatedAt: Date };

function toRecord(row: SpeakerRow): SpeakerRecord {
  return { ...row, updatedAt: new Date(row.updatedAt).toISOString() };
}

export function speakerFields(record: SpeakerFields): SpeakerFields {
  return pickFields(SPEAKER_FIELDS, record);
}

export async function getSpeakerRecord(db: Queryable, id: number): Promise<SpeakerRecord | null> {
  const { rows } = await db.query<SpeakerRow>(`${SPEAKER_SELECT} WHERE sp.id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** How many statements (of any status) a speaker has. */
export async function speakerStatementCount(db: Queryable, id: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM statements WHERE speaker_id = $1`, [id]);
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------
// Validation.

const aliasesField = z.preprocess(
  // A textarea's value (one alias per line) is accepted as well as a list.
  (value) => (typeof value === "string" ? value.split(/\r\n|\r|\n/) : (value ?? [])),
  z
    .array(
      z
        .string({ error: "must be a string" })
        .transform(cleanSingleLineText)
        .pipe(z.string().max(SPEAKER_LIMITS.aliasMaxLength, tooLong(SPEAKER_LIMITS.aliasMaxLength))),
      { error: "must be a list of names" },
    )
    .transform((items) => items.filter((item) => item !== ""))
    .pipe(
      z
        .array(z.string())
        .max(SPEAKER_LIMITS.aliasesMaxItems, `must have at most ${SPEAKER_LIMITS.aliasesMaxItems} names`),
    ),
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
  wikidataId: wikidataIdField,
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
    ...parsed,
    aliases: distinctAliases([parsed.name, parsed.nameAr, parsed.nameEn, parsed.nameDe], parsed.aliases),
  };
}

async function checkAffiliation(tx: Queryable, affiliationId: number | null, selfId: number | null): Promise<void> {
  if (affiliationId === null) return;
  if (affiliationId === selfId)
    throw new ValidationError([{ field: "affiliationId", message: "must be another speaker than this one" }]);
  const { rows } = await tx.query(`SELECT 1 FROM speakers WHERE id = $1`, [affiliationId]);
  if (rows.length === 0)
    throw new ValidationError([{ field: "affiliationId", message: `no speaker has the id ${affiliationId}` }]);
}

function allNames(fields: Pick<SpeakerFields, (typeof NAME_FIELDS)[number]>): Array<string | null> {
  return [fields.name, fields.nameAr, fields.nameEn, fields.nameDe, ...fields.aliases];
}

// ---------------------------------------------------------------------------
// Create, update, merge, delete.

const WRITE_COLUMNS = `kind = $2, name = $3, name_ar = $4, name_en = $5, name_de = $6, aliases = $7, role = $8, affiliation = $9,
                       affiliation_id = $10, country = $11, wikidata_id = $12, description = $13`;

const speakers: EntityStore<SpeakerFields, SpeakerRecord> = {
  type: "speaker",
  fields: SPEAKER_FIELDS,
  // Statements' search documents carry their speaker's kind and names.
  indexedFields: ["kind", ...NAME_FIELDS],
  parse: parseSpeakerFields,
  get: getSpeakerRecord,
  async lock(tx, ids) {
    const { rows } = await tx.query<SpeakerRow>(
      `${SPEAKER_SELECT} WHERE sp.id = ANY($1::int[]) ORDER BY sp.id FOR UPDATE OF sp`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, toRecord(row)]));
  },
  async insert(tx, slug, fields) {
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO speakers (slug, kind, name) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [slug, fields.kind, fields.name],
    );
    return inserted.rows[0]?.id;
  },
  async write(tx, id, f, version) {
    const values = [
      id,
      f.kind,
      f.name,
      f.nameAr,
      f.nameEn,
      f.nameDe,
      f.aliases,
      f.role,
      f.affiliation,
      f.affiliationId,
      f.country,
      f.wikidataId,
      f.description,
    ];
    if (version === undefined) await tx.query(`UPDATE speakers SET ${WRITE_COLUMNS} WHERE id = $1`, values);
    else
      await tx.query(`UPDATE speakers SET ${WRITE_COLUMNS}, version = $14, updated_at = now() WHERE id = $1`, [
        ...values,
        version,
      ]);
  },
  statementCount: speakerStatementCount,
  async check(tx, id, fields, changes) {
    if ("affiliationId" in changes) await checkAffiliation(tx, fields.affiliationId, id);
  },
  // The name table every speaker picker searches follows the names and aliases.
  async afterWrite(tx, id, fields, changes) {
    if (NAME_FIELDS.some((field) => field in changes)) await replaceSpeakerNames(tx, id, allNames(fields));
  },
};

export async function createSpeaker(pool: pg.Pool, request: CreateRequest): Promise<SpeakerRecord> {
  return createEntity(pool, speakers, request);
}

/**
 * Saves a curator's edit of a speaker. `input` holds `version` (the one the
 * curator loaded) and the fields to change; fields it does not name keep their
 * stored values. The slug never changes, so readers' bookmarks keep working.
 */
export async function updateSpeaker(pool: pg.Pool, request: UpdateRequest): Promise<SpeakerRecord> {
  return updateEntity(pool, speakers, request);
}

/**
 * Merges speaker `fromId` into `intoId`, in one transaction: the statements
 * move, the loser's names and aliases become the survivor's aliases, other
 * speakers' affiliation follows, the loser's address (and every address that
 * led to it) redirects to the survivor, and the loser is deleted.
 */
export async function mergeSpeakers(pool: pg.Pool, request: MergeRequest): Promise<MergeResult<SpeakerRecord>> {
  const { fromId, intoId, user } = request;
  return mergeEntities(pool, speakers, request, async (tx, from, into) => {
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
      await writeRevision(tx, {
        entityType: "speaker",
        entityId: row.id,
        version: row.version,
        action: "merge",
        userId: user.id,
        changes: { affiliationId: [fromId, intoId] },
      });
    }

    const next: SpeakerFields = {
      ...speakerFields(into),
      aliases: distinctAliases(
        [into.name, into.nameAr, into.nameEn, into.nameDe],
        [...into.aliases, ...allNames(from).filter((n): n is string => Boolean(n))],
      ),
      affiliationId: into.affiliationId === fromId ? null : into.affiliationId,
      affiliation: into.affiliation ?? from.affiliation,
      role: into.role ?? from.role,
      country: into.country ?? from.country,
      wikidataId: into.wikidataId ?? from.wikidataId,
      description: into.description ?? from.description,
    };
    await replaceSpeakerNames(tx, intoId, allNames(next));
    return { next, movedStatements: moved.rowCount ?? 0 };
  });
}

/** Deletes a speaker no statement uses (an admin's action); otherwise an InUseError. */
export async function deleteSpeaker(pool: pg.Pool, request: DeleteRequest): Promise<{ id: number; slug: string }> {
  return deleteUnused(pool, speakers, request, {
    inUse: (count) =>
      `${count} statement(s) are attributed to this speaker: merge it into another speaker instead, or move the statements first.`,
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

// count(*) is a bigint, which arrives as a string.
type SuggestionRow = Omit<SpeakerSuggestion, "statementCount"> & { statementCount: string };

function toSuggestion(row: SuggestionRow): SpeakerSuggestion {
  return { ...row, statementCount: Number(row.statementCount) };
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

/** The most used speakers first (what a picker offers before anything is typed). */
async function mostUsedSpeakers(db: Queryable, limit: number, offset = 0): Promise<SuggestionRow[]> {
  const { rows } = await db.query<SuggestionRow>(
    `SELECT ${SUGGESTION_COLUMNS}, sp.name AS matched, coalesce(c.n, 0) AS "statementCount"
       FROM speakers sp
       LEFT JOIN (SELECT speaker_id, count(*) AS n FROM statements GROUP BY speaker_id) c ON c.speaker_id = sp.id
       LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
      ORDER BY coalesce(c.n, 0) DESC, sp.name, sp.id
      LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return rows;
}

/**
 * Speakers whose name or alias (in any script) matches `q`, normalised as the
 * importer normalises names: whole-name and word-prefix matches first, then
 * matches inside a word; within each, the most used first. Without a query,
 * the most used speakers.
 */
export async function suggestSpeakers(db: Queryable, { q, limit }: SuggestParams): Promise<SpeakerSuggestion[]> {
  if (q === "") return (await mostUsedSpeakers(db, limit)).map(toSuggestion);
  const key = queryKey(q);
  if (key === null) return [];
  const { rows } = await db.query<SuggestionRow>(
    `WITH m AS (${MATCHES}),
          best AS (SELECT * FROM m ORDER BY rank, length(matched), speaker_id LIMIT $3),
          counted AS (SELECT best.*, (SELECT count(*) FROM statements s WHERE s.speaker_id = best.speaker_id) AS n FROM best)
     SELECT ${SUGGESTION_COLUMNS}, c.matched, c.n AS "statementCount"
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
export async function listSpeakersForCuration(
  db: Queryable,
  { q, page }: { q: string; page: number },
): Promise<{ items: SpeakerSuggestion[]; hasMore: boolean }> {
  const offset = (page - 1) * CURATE_LIST_PAGE_SIZE;
  const take = CURATE_LIST_PAGE_SIZE + 1;
  let rows: SuggestionRow[];
  if (q.trim() === "") {
    rows = await mostUsedSpeakers(db, take, offset);
  } else {
    const key = queryKey(q.trim());
    if (key === null) return { items: [], hasMore: false };
    rows = (
      await db.query<SuggestionRow>(
        `WITH m AS (${MATCHES}),
              p AS (SELECT * FROM m ORDER BY rank, lower(matched), speaker_id LIMIT $2 OFFSET $3)
         SELECT ${SUGGESTION_COLUMNS}, p.matched, (SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id) AS "statementCount"
           FROM p JOIN speakers sp ON sp.id = p.speaker_id LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
          ORDER BY p.rank, lower(p.matched), sp.id`,
        [key, take, offset],
      )
    ).rows;
  }
  return {
    items: rows.slice(0, CURATE_LIST_PAGE_SIZE).map(toSuggestion),
    hasMore: rows.length > CURATE_LIST_PAGE_SIZE,
  };
}
