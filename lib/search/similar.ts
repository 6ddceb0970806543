import "server-only";
import { normalizeForSearch } from "@/lib/text/arabic";
import { normalizedWords, wordOverlap } from "@/lib/text/near-duplicate";
import { meiliClient, statementsIndexName } from "./client";
import { asUnavailable } from "./query";
import type { StatementDocument } from "./types";

// "Is this already in the collection?" for the statement editor: the same
// speaker's published statements that share most of the words of the text.

export type SimilarStatement = { id: number; text: string; saidOn: string | null; similarity: number };

const QUERY_WORDS = 24;
export const DUPLICATE_THRESHOLD = 0.5;

// The overlap itself lives in lib/text/near-duplicate.ts, shared with the merge-candidate finder.
export { wordOverlap };

export async function findSimilarStatements(
  text: string,
  speakerId: number,
  excludeId: number | null,
  limit = 5,
): Promise<SimilarStatement[]> {
  const query = normalizedWords(text).slice(0, QUERY_WORDS).join(" ");
  if (query === "") return [];
  try {
    const response = await meiliClient()
      .index<StatementDocument>(statementsIndexName())
      .search(query, {
        filter: [`speakerId = ${speakerId}`, ...(excludeId ? [`id != ${excludeId}`] : [])],
        // Any shared words may point to a duplicate; the overlap below decides.
        matchingStrategy: "last",
        limit: 20,
        attributesToRetrieve: ["id", "text", "saidOn"],
      });
    return response.hits
      .map((hit) => ({ id: hit.id, text: hit.text, saidOn: hit.saidOn, similarity: wordOverlap(text, hit.text) }))
      .filter((hit) => hit.similarity >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, limit);
  } catch (error) {
    throw asUnavailable(error);
  }
}

export type StatementPick = { id: number; text: string; language: string; speakerName: string; saidOn: string | null };

/** Published statements matching `q`, for picking the original of a translation or the statement answered. */
export async function lookupStatements(q: string, limit = 8): Promise<StatementPick[]> {
  try {
    const response = await meiliClient()
      .index<StatementDocument>(statementsIndexName())
      .search(normalizeForSearch(q), {
        limit,
        attributesToRetrieve: ["id", "text", "language", "speakerName", "saidOn"],
      });
    return response.hits.map((hit) => ({
      id: hit.id,
      text: hit.text,
      language: hit.language,
      speakerName: hit.speakerName,
      saidOn: hit.saidOn,
    }));
  } catch (error) {
    throw asUnavailable(error);
  }
}
