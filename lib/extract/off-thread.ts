// The extraction assistant as the server runs it: the article is read in a worker thread under a time
// budget of that thread's CPU time (lib/workers/pool.ts), so a hostile or enormous article costs its
// sender a 422, not everyone else their answers. Known speakers and topics are read from Postgres
// here, between the two steps.
import path from "node:path";
import { TimeBudget, WorkerPool } from "@/lib/workers/pool";
import type { KnownEntities } from "./known";
import { EXTRACT_LIMITS, type ExtractNote, type ExtractRequest } from "./request";

let pool: WorkerPool | null = null;

function extractPool(): WorkerPool {
  pool ??= new WorkerPool({
    tasksModule: path.join(process.cwd(), "lib", "extract", "thread-tasks.ts"),
    maxWaitMs: EXTRACT_LIMITS.timeBudgetMs,
  });
  return pool;
}

/**
 * Proposes the statements of an article: the ExtractResponse as JSON text. `loadKnown` gets the article's folded words and returns the
 * known speakers and topics that can occur in it. Both steps share one time budget of the worker's CPU time, so a
 * busy machine is not taken for a slow text (TimeBudgetExceededError past it); WorkersBusyError when no worker is free in time.
 */
export async function proposeOffThread(
  request: ExtractRequest,
  loadKnown: (words: Set<string>, notes: ExtractNote[]) => Promise<KnownEntities>,
): Promise<string> {
  const budget = new TimeBudget(EXTRACT_LIMITS.timeBudgetMs);
  const words = await extractPool().run<string[]>("articleWords", request.text, budget);
  const notes: ExtractNote[] = [];
  const known = await loadKnown(new Set(words), notes);
  return extractPool().run<string>("propose", { request, known, notes }, budget);
}
