import "server-only";
import { getPool } from "@/lib/db/client";

export type PublicSpeaker = {
  slug: string;
  kind: string;
  name: string;
  names: { ar: string | null; en: string | null; de: string | null };
  aliases: string[];
  role: string | null;
  affiliation: string | null;
  country: string | null;
  wikidataId: string | null;
  description: string | null;
  statementCount: number;
};

export async function getPublicSpeaker(slug: string): Promise<PublicSpeaker | null> {
  const result = await getPool().query(
    `SELECT sp.slug, sp.kind, sp.name, sp.name_ar, sp.name_en, sp.name_de, sp.aliases, sp.role,
            coalesce(aff.name, sp.affiliation) AS affiliation, sp.country, sp.wikidata_id, sp.description,
            (SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id AND s.status = 'published') AS statement_count
       FROM speakers sp LEFT JOIN speakers aff ON aff.id = sp.affiliation_id
      WHERE sp.slug = $1`,
    [slug],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    names: { ar: row.name_ar, en: row.name_en, de: row.name_de },
    aliases: row.aliases,
    role: row.role,
    affiliation: row.affiliation,
    country: row.country,
    wikidataId: row.wikidata_id,
    description: row.description,
    statementCount: Number(row.statement_count),
  };
}
