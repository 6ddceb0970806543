// The extraction assistant as the server runs it: the article is read in a worker thread under a time
// budget (lib/workers/pool.ts), so a hostile or enormous article costs its sender a 422, not everyone
// else their answers. Known speakers and topics are read from Postgres here, between the two steps.
import path from "node:path";
import { TimeBudgetExceededError, WorkerPool } from "@/lib/workers/pool";
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
 * known speakers and topics that can occur in it. The whole reading shares one time budget
 * (TimeBudgetExceededError past it); WorkersBusyError when no worker is free in time.
 */
export async function proposeOffThread(
  request: ExtractRequest,
  loadKnown: (words: Set<string>, notes: ExtractNote[]) => Promise<KnownEntities>,
): Promise<string> {
  const budgetMs = EXTRACT_LIMITS.timeBudgetMs;
  const started = Date.now();
  const withinBudget = async <T>(task: string, payload: unknown): Promise<T> => {
    const left = budgetMs - (Date.now() - started);
    if (left <= 0) throw new TimeBudgetExceededError(budgetMs);
    try {
      return await extractPool().run<T>(task, payload, left);
    } catch (error) {
      // Name the whole budget, not what was left of it for this step.
      if (error instanceof TimeBudgetExceededError) throw new TimeBudgetExceededError(budgetMs);
      throw error;
    }
  };
  const words = await withinBudget<string[]>("articleWords", request.text);
  const notes: ExtractNote[] = [];
  const known = await loadKnown(new Set(words), notes);
  return withinBudget<string>("propose", { request, known, notes });
}
