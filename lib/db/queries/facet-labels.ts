import "server-only";
import { isDatabaseUnavailable } from "@/lib/errors";
import { getPool } from "@/lib/db/client";
import type { UiLocale } from "@/lib/i18n/config";

// The search index knows speakers and topics by slug; readers see names. One
// round trip looks up every slug a search page shows (facet values, active
// filters, hits), in the interface language when there is a name in it.

export type FacetLabels = { speakers: Map<string, string>; topics: Map<string, string> };

export async function facetLabels(
  slugs: { speakers: Iterable<string>; topics: Iterable<string> },
  locale: UiLocale,
): Promise<FacetLabels> {
  const speakers = [...new Set(slugs.speakers)];
  const topics = [...new Set(slugs.topics)];
  const labels: FacetLabels = { speakers: new Map(), topics: new Map() };
  if (speakers.length === 0 && topics.length === 0) return labels;
  const column = locale === "ar" ? "name_ar" : "name_en";
  let result;
  try {
    result = await getPool().query<{ facet: "speaker" | "topic"; slug: string; label: string }>(
      `SELECT 'speaker' AS facet, slug, coalesce(${column}, name) AS label FROM speakers WHERE slug = ANY($1::text[])
       UNION ALL
       SELECT 'topic' AS facet, slug, coalesce(${column}, name) AS label FROM topics WHERE slug = ANY($2::text[])`,
      [speakers, topics],
    );
  } catch (error) {
    // Search is Meilisearch's and keeps working while Postgres is away: facets then show slugs.
    if (isDatabaseUnavailable(error)) return labels;
    throw error;
  }
  for (const row of result.rows) (row.facet === "speaker" ? labels.speakers : labels.topics).set(row.slug, row.label);
  return labels;
}
