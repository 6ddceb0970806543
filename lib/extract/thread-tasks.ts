// The extraction assistant's tasks as they run in a worker thread (lib/extract/off-thread.ts): every
// loop over the article happens here, never on the server's request thread.
import { textWordSet, type KnownEntities } from "./known";
import { proposeStatements, type ExtractNote, type ExtractRequest } from "./request";

/** The article's folded words, to pick the known speakers and topics that can occur in it. */
export function articleWords(text: string): string[] {
  return [...textWordSet(text)];
}

/** The answer as JSON text: serialising a thousand proposals is work the request thread should not do either. */
export function propose({
  request,
  known,
  notes,
}: {
  request: ExtractRequest;
  known: KnownEntities;
  notes: ExtractNote[];
}): string {
  return JSON.stringify(proposeStatements(request, known, notes));
}
