import type { Queryable } from "@/lib/db/client";
import { nameKey } from "@/lib/text/name-key";
import { slugify } from "@/lib/text/slug";
import type { ImportLine } from "@/lib/validation/import-line";

// The writes that both the importer (lib/import) and the curators (lib/curate)
// make: a new speaker with its lookup names, the name table, and a source found
// or created by its key. Both call these, so a speaker or source is written one
// way whoever writes it. They run inside the caller's transaction.

/** The column holding a name in `language` (fr, es, … have none of their own: the name only). */
export function nameColumnFor(language: string): "name_ar" | "name_en" | "name_de" | "name" {
  if (language === "ar") return "name_ar";
  if (language === "en") return "name_en";
  if (language === "de") return "name_de";
  return "name";
}

export type NewSpeaker = Omit<ImportLine["speaker"], "wikidataId"> & { wikidataId?: string | null };

/**
 * Inserts a speaker under the first free address among its name, its name with
 * its affiliation, then name-2, name-3, …; fills the name table. Returns the id.
 */
export async function insertSpeaker(db: Queryable, speaker: NewSpeaker, language: string): Promise<number> {
  const base = slugify(speaker.name);
  const candidates = [base, speaker.affiliation ? slugify(`${speaker.name} ${speaker.affiliation}`) : null].filter(
    (s): s is string => s !== null,
  );
  for (let n = 2; candidates.length < 50; n++) candidates.push(`${base}-${n}`);
  // The name is also the speaker's name in the language of the statement that introduced them.
  const column = nameColumnFor(language);
  for (const slug of candidates) {
    const inserted = await db.query<{ id: number }>(
      `INSERT INTO speakers (slug, kind, name, aliases, role, affiliation, wikidata_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [
        slug,
        speaker.kind,
        speaker.name,
        speaker.aliases,
        speaker.role,
        speaker.affiliation,
        speaker.wikidataId ?? null,
      ],
    );
    const id = inserted.rows[0]?.id;
    if (id !== undefined) {
      if (column !== "name") await db.query(`UPDATE speakers SET ${column} = name WHERE id = $1`, [id]);
      await replaceSpeakerNames(db, id, [speaker.name, ...speaker.aliases]);
      return id;
    }
  }
  throw new Error(`speaker.name: could not find a free address for "${speaker.name}"`);
}

/** Rewrites the lookup keys of a speaker's names and aliases. */
export async function replaceSpeakerNames(
  db: Queryable,
  speakerId: number,
  names: Array<string | null | undefined>,
): Promise<void> {
  const entries = new Map<string, string>();
  for (const name of names) if (name && name.trim()) entries.set(nameKey(name), name);
  await db.query(`DELETE FROM speaker_names WHERE speaker_id = $1`, [speakerId]);
  if (entries.size === 0) return;
  await db.query(
    `INSERT INTO speaker_names (speaker_id, normalized, name) SELECT $1, k, n FROM unnest($2::text[], $3::text[]) AS t(k, n)`,
    [speakerId, [...entries.keys()], [...entries.values()]],
  );
}

export type SourceFields = Pick<NonNullable<ImportLine["source"]>, "url" | "outlet" | "title" | "publishedAt">;

/** What makes two sources one: the URL, or without one the outlet, title and date together. */
export function sourceKey(source: SourceFields): string {
  if (source.url) return `url:${source.url}`;
  return `ref:${[source.outlet ?? "", source.title ?? "", source.publishedAt?.iso ?? ""].join("|")}`;
}

/** The id of the source with this key, inserted when new; a known one keeps its outlet and title as first recorded. */
export async function upsertSource(db: Queryable, source: SourceFields, language: string): Promise<number> {
  const { url, outlet, title, publishedAt } = source;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sources (key, url, outlet, title, language, published_on, published_on_precision)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id`,
    [sourceKey(source), url, outlet, title, language, publishedAt?.start ?? null, publishedAt?.precision ?? null],
  );
  return rows[0]!.id;
}
