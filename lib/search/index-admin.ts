import type { EnqueuedTask, Meilisearch, Task } from "meilisearch";
import { ensureSearchKey } from "./keys";
import { STATEMENT_INDEX_SETTINGS } from "./settings";
import type { StatementDocument } from "./types";

// Writes to the index: used by the sync worker, reindex and check-index. Every
// write waits for Meilisearch's task and throws unless it succeeded, so callers
// can mark work done only once it is really in the index.

const TASK_TIMEOUT_MS = 120_000;

export class IndexTaskFailedError extends Error {
  override name = "IndexTaskFailedError";
}

function assertSucceeded(task: Task): Task {
  if (task.status !== "succeeded") {
    throw new IndexTaskFailedError(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no reason given"}`);
  }
  return task;
}

export async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getIndex(uid);
    return true;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return false;
    throw error;
  }
}

/**
 * Creates the index if needed, applies the settings from code, and makes sure
 * its search-only API key exists (lib/search/keys.ts), which the app reads through.
 */
export async function ensureStatementIndex(client: Meilisearch, uid: string): Promise<void> {
  if (!(await indexExists(client, uid))) {
    assertSucceeded(await client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
  }
  assertSucceeded(await client.index(uid).updateSettings(STATEMENT_INDEX_SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS }));
  const masterKey = client.config.apiKey ?? "";
  if (masterKey) await ensureSearchKey(client, masterKey, uid);
}

export async function upsertDocuments(client: Meilisearch, uid: string, documents: StatementDocument[], waitInterval = 20): Promise<void> {
  if (documents.length === 0) return;
  assertSucceeded(
    await client.index(uid).addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS, interval: waitInterval }),
  );
}

/**
 * Adds pages of documents keeping a few tasks queued at once, so that
 * Meilisearch merges them into large batches; throws unless every task succeeded.
 */
export async function upsertDocumentsPipelined(
  client: Meilisearch,
  uid: string,
  pages: AsyncIterable<StatementDocument[]>,
  onProgress?: (documents: number) => void,
  inFlight = 4,
): Promise<number> {
  const queued: Array<{ task: EnqueuedTask; size: number }> = [];
  let done = 0;
  const settleOldest = async () => {
    const oldest = queued.shift()!;
    assertSucceeded(await client.tasks.waitForTask(oldest.task.taskUid, { timeout: TASK_TIMEOUT_MS, interval: 100 }));
    done += oldest.size;
    onProgress?.(done);
  };
  for await (const page of pages) {
    if (page.length === 0) continue;
    queued.push({ task: await client.index(uid).addDocuments(page, { primaryKey: "id" }), size: page.length });
    if (queued.length >= inFlight) await settleOldest();
  }
  while (queued.length > 0) await settleOldest();
  return done;
}

export async function deleteDocuments(client: Meilisearch, uid: string, ids: number[], waitInterval = 20): Promise<void> {
  if (ids.length === 0) return;
  assertSucceeded(await client.index(uid).deleteDocuments(ids).waitTask({ timeout: TASK_TIMEOUT_MS, interval: waitInterval }));
}

/** Atomically exchanges two indexes (the fresh one becomes the live one). */
export async function swapIndexes(client: Meilisearch, live: string, fresh: string): Promise<void> {
  assertSucceeded(await client.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS }));
}

export async function deleteIndex(client: Meilisearch, uid: string): Promise<void> {
  if (await indexExists(client, uid)) assertSucceeded(await client.deleteIndex(uid).waitTask({ timeout: TASK_TIMEOUT_MS }));
}

/** Streams id and fingerprint of every document, for comparing the index with Postgres. */
export async function* documentFingerprints(
  client: Meilisearch,
  uid: string,
  pageSize = 10_000,
): AsyncGenerator<Array<{ id: number; fingerprint: string }>> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await client.index<StatementDocument>(uid).getDocuments({ offset, limit: pageSize, fields: ["id", "fingerprint"] });
    if (page.results.length === 0) return;
    yield page.results.map((doc) => ({ id: Number(doc.id), fingerprint: String(doc.fingerprint) }));
    if (page.results.length < pageSize) return;
  }
}

export async function getDocument(client: Meilisearch, uid: string, id: number): Promise<StatementDocument | null> {
  try {
    return (await client.index<StatementDocument>(uid).getDocument(id)) as StatementDocument;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "document_not_found") return null;
    throw error;
  }
}
