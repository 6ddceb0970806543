import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { ValidationError, isDatabaseUnavailable } from "@/lib/errors";
import { getPool } from "@/lib/db/client";
import { loadKnownForWords } from "@/lib/extract/known";
import { proposeOffThread } from "@/lib/extract/off-thread";
import { EXTRACT_LIMITS, TEXT_TOO_LONG, parseExtractRequest } from "@/lib/extract/request";

export const dynamic = "force-dynamic";

/**
 * POST /api/curate/extract {text, language?, publishedOn?, source?} — the
 * statements an article reports, proposed by lib/extract with the speakers and
 * topics the database knows. Bad input is a 400 naming the field; what cannot
 * be read (another language, no statements, unpaired quotation marks, no
 * publication day) is a 200 with a note. The article is read in a worker
 * thread: past the time budget a 422 names it, and 503 with Retry-After when
 * every worker is busy (lib/api/curator-route.ts maps both).
 */
export const POST = curatorRoute("editor", async ({ request }) => {
  let body: Record<string, unknown>;
  try {
    body = await readJsonBody(request, EXTRACT_LIMITS.bodyMaxBytes);
  } catch (error) {
    // Only the article can make a request this large: name it, with its limit.
    if (
      error instanceof ValidationError &&
      error.fields.some((f) => f.field === "body" && f.message.startsWith("must be at most"))
    ) {
      throw new ValidationError([{ field: "text", message: TEXT_TOO_LONG }]);
    }
    throw error;
  }
  const parsed = parseExtractRequest(body);
  if (!parsed.ok) throw new ValidationError(parsed.fields);

  const proposalJson = await proposeOffThread(parsed.value, async (words, notes) => {
    try {
      return await loadKnownForWords(getPool(), words);
    } catch (error) {
      // The database down must not stop the reading: propose without known speakers, and say so.
      if (!isDatabaseUnavailable(error)) throw error;
      notes.push({
        code: "known_unavailable",
        message:
          "The database is unavailable: speakers and topics are not linked to known ones, and saving will wait until it is back.",
      });
      return { speakers: [], topics: [] };
    }
  });
  return new Response(proposalJson, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
});
