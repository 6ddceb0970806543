import "server-only";
import { getPool } from "@/lib/db/client";
import { mergeChainEnd } from "@/lib/db/merge-chain";
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
  const end = await mergeChainEnd(getPool(), id);
  return end && end.id !== id && (end.status === "published" || end.status === "retracted") ? end.id : null;
}
