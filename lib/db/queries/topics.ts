import "server-only";
import { getPool } from "@/lib/db/client";

export type PublicTopic = {
  slug: string;
  name: string;
  names: { ar: string | null; en: string | null; de: string | null };
  parent: { slug: string; name: string } | null;
  statementCount: number;
};

export async function getPublicTopic(slug: string): Promise<PublicTopic | null> {
  const result = await getPool().query(
    `SELECT t.slug, t.name, t.name_ar, t.name_en, t.name_de,
            CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('slug', p.slug, 'name', p.name) END AS parent,
            (SELECT count(*) FROM statement_topics st JOIN statements s ON s.id = st.statement_id
              WHERE st.topic_id = t.id AND s.status = 'published') AS statement_count
       FROM topics t LEFT JOIN topics p ON p.id = t.parent_id
      WHERE t.slug = $1`,
    [slug],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    slug: row.slug,
    name: row.name,
    names: { ar: row.name_ar, en: row.name_en, de: row.name_de },
    parent: row.parent,
    statementCount: Number(row.statement_count),
  };
}
