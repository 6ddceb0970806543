import "server-only";
import { getPool } from "@/lib/db/client";
import { redirectResponse } from "@/lib/http/redirect";

// The old address of a merged speaker or topic: looked up only when no speaker
// or topic has the slug, and answered with a permanent redirect to the survivor.

export type RedirectEntity = "speaker" | "topic";

/** The current slug of the speaker or topic that `oldSlug` was merged into, or null. */
export async function findSlugRedirect(entity: RedirectEntity, oldSlug: string): Promise<string | null> {
  const table = entity === "speaker" ? "speakers" : "topics";
  const { rows } = await getPool().query<{ slug: string }>(
    `SELECT t.slug FROM slug_redirects r JOIN ${table} t ON t.id = r.target_id WHERE r.entity_type = $1 AND r.old_slug = $2`,
    [entity, oldSlug],
  );
  return rows[0]?.slug ?? null;
}

/** A 308 to `location` (a path), for route handlers; pages use permanentRedirectTo (lib/http/redirect.ts). */
export function permanentRedirectResponse(location: string): Response {
  return redirectResponse(location, 308, { "Cache-Control": "public, max-age=300" });
}

/**
 * The public statement a merged-away statement now lives in (following merges of merges), or null
 * when `id` was not merged. Its address redirects there; temporarily (307), as a merge can be undone.
 */
export async function findMergedStatementTarget(id: number): Promise<number | null> {
  const { rows } = await getPool().query<{ id: number }>(
    `WITH RECURSIVE chain(id, merged_into_id, status, depth) AS (
       SELECT id, merged_into_id, status, 0 FROM statements WHERE id = $1 AND status = 'merged'
       UNION ALL
       SELECT s.id, s.merged_into_id, s.status, c.depth + 1 FROM statements s JOIN chain c ON s.id = c.merged_into_id
        WHERE c.depth < 20)
     SELECT id FROM chain WHERE status IN ('published', 'retracted') LIMIT 1`,
    [id],
  );
  return rows[0]?.id ?? null;
}
