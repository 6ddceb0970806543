// The merge candidate finder's scoring as it runs in a worker thread (lib/curate/merge-candidates.ts):
// comparing wordings is a loop over user text, never run on the server's request thread.
import { isMergeCandidate, type DatedText } from "@/lib/text/near-duplicate";

/** For each pair of indexes into `texts`, its score when it is a merge candidate, else null. */
export function scorePairs({
  texts,
  pairs,
}: {
  texts: DatedText[];
  pairs: Array<[number, number]>;
}): Array<number | null> {
  return pairs.map(([a, b]) => isMergeCandidate(texts[a]!, texts[b]!)?.score ?? null);
}
