import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { ValidationError } from "@/lib/errors";
import { getPool } from "@/lib/db/client";
import { DUPLICATE_THRESHOLD, findSimilarStatements, wordOverlap, type SimilarStatement } from "@/lib/search/similar";
import { SearchUnavailableError } from "@/lib/search/types";
import { STATEMENT_LIMITS } from "@/lib/validation/import-line";

export const dynamic = "force-dynamic";

/**
 * Likely duplicates of a statement being written: the speaker's published
 * statements found through search, and their drafts (not in search) compared
 * here. Body: { text, speakerId, excludeId? }. Works, with drafts only, when search is down.
 */
export const POST = curatorRoute("editor", async ({ request }) => {
  const body = await readJsonBody(request);
  const text = typeof body.text === "string" ? body.text.slice(0, STATEMENT_LIMITS.textMaxLength) : "";
  const speakerId = parseId(String(body.speakerId ?? ""), "speakerId");
  const excludeId = body.excludeId == null ? null : parseId(String(body.excludeId), "excludeId");
  if (typeof speakerId !== "number") throw new ValidationError([speakerId]);
  if (excludeId !== null && typeof excludeId !== "number") throw new ValidationError([excludeId]);
  if (text.trim() === "") return NextResponse.json({ duplicates: [], searchAvailable: true });

  let published: SimilarStatement[] = [];
  let searchAvailable = true;
  try {
    published = await findSimilarStatements(text, speakerId, excludeId);
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    searchAvailable = false;
  }
  const drafts = await getPool().query<{ id: number; text: string; said_on: string | null }>(
    `SELECT id, text, said_on::text AS said_on FROM statements
      WHERE speaker_id = $1 AND status = 'draft' AND id <> coalesce($2, 0) ORDER BY updated_at DESC LIMIT 200`,
    [speakerId, excludeId],
  );
  const similarDrafts = drafts.rows
    .map((row) => ({
      id: row.id,
      text: row.text,
      saidOn: row.said_on,
      similarity: wordOverlap(text, row.text),
      draft: true,
    }))
    .filter((row) => row.similarity >= DUPLICATE_THRESHOLD);
  const duplicates = [...published.map((p) => ({ ...p, draft: false })), ...similarDrafts]
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 5);
  return NextResponse.json({ duplicates, searchAvailable }, { headers: { "Cache-Control": "no-store" } });
});
