import type { Meilisearch, Task } from "meilisearch";
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
    throw new IndexTaskFailedError(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no reason given"}`,
    );
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
    await waitForTaskSucceeded(client, (await client.createIndex(uid, { primaryKey: "id" })).taskUid);
  }
  // Unchanged settings are applied at once; changed ones re-index every document (minutes at a million).
  await waitForTaskSucceeded(client, (await client.index(uid).updateSettings(STATEMENT_INDEX_SETTINGS)).taskUid, 1, {
    max: 1_000,
    timeout: 30 * 60_000,
  });
  const masterKey = client.config.apiKey ?? "";
  if (masterKey) await ensureSearchKey(client, masterKey, uid);
}

// Bulk writes: documents go to Meilisearch as NDJSON in tasks of up to
// TASK_MAX_DOCUMENTS documents or TASK_MAX_BYTES, whichever comes first.
// Meilisearch's cost per batch is large and mostly fixed at a million documents
// (its word and prefix structures are rebuilt for each one), so few big tasks
// index much faster than a stream of small ones. Its own payload limit is 100 MB.
export const TASK_MAX_DOCUMENTS = 50_000;
export const TASK_MAX_BYTES = 32 * 1024 * 1024;

/**
 * How often a task is polled: a one-document task at once and often (a
 * curator's save must be searchable within a second), a big batch rarely (it
 * takes seconds to minutes). The interval starts at `first` and grows by half
 * each poll up to `max`, both in proportion to the batch size.
 */
export function pollSchedule(documents: number): { first: number; max: number; timeout: number } {
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, Math.round(value)));
  return {
    first: clamp(documents / 50, 10, 250),
    max: clamp(documents / 10, 50, 2_000),
    // A big task can wait behind others in Meilisearch's queue.
    timeout: clamp(documents * 20, TASK_TIMEOUT_MS, 30 * 60_000),
  };
}

/**
 * Waits for a task by polling GET /tasks/:uid on the schedule above, and
 * throws unless it succeeded. Our own loop rather than the client's waitTask,
 * whose interval is fixed (a big batch was polled every 20–100 ms for minutes)
 * and which hands one AbortSignal to every poll of a task, adding an "abort"
 * listener to it per poll (the cause meilisearch-js #1930 gives for its
 * MaxListenersExceededWarning); here no signal outlives its request.
 */
export async function waitForTaskSucceeded(
  client: Meilisearch,
  taskUid: number,
  documents = 1,
  override: Partial<ReturnType<typeof pollSchedule>> = {},
): Promise<Task> {
  const schedule = { ...pollSchedule(documents), ...override };
  const deadline = Date.now() + schedule.timeout;
  let interval = schedule.first;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status !== "enqueued" && task.status !== "processing") return assertSucceeded(task);
    if (Date.now() + interval > deadline) {
      throw new IndexTaskFailedError(
        `Meilisearch task ${taskUid} (${task.type}) still ${task.status} after ${Math.round(schedule.timeout / 1000)} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(schedule.max, Math.round(interval * 1.5));
  }
}

type NdjsonTask = { body: string; documents: number; bytes: number };

/** Gathers documents into NDJSON task bodies within the size limits, each document serialised once. */
class NdjsonBatcher {
  private lines: string[] = [];
  private bytes = 0;
  constructor(
    private readonly maxDocuments = TASK_MAX_DOCUMENTS,
    private readonly maxBytes = TASK_MAX_BYTES,
  ) {}
  /** Adds a document; returns the full task it closed, if any. */
  add(document: StatementDocument): NdjsonTask | null {
    const line = `${JSON.stringify(document)}\n`;
    const size = Buffer.byteLength(line);
    const full =
      this.lines.length > 0 && (this.lines.length >= this.maxDocuments || this.bytes + size > this.maxBytes)
        ? this.take()
        : null;
    this.lines.push(line);
    this.bytes += size;
    return full;
  }
  take(): NdjsonTask | null {
    if (this.lines.length === 0) return null;
    const task = { body: this.lines.join(""), documents: this.lines.length, bytes: this.bytes };
    this.lines = [];
    this.bytes = 0;
    return task;
  }
}

/** Documents as NDJSON tasks within the size limits. */
export function ndjsonTasks(
  documents: Iterable<StatementDocument>,
  maxDocuments = TASK_MAX_DOCUMENTS,
  maxBytes = TASK_MAX_BYTES,
): NdjsonTask[] {
  const batcher = new NdjsonBatcher(maxDocuments, maxBytes);
  const tasks: NdjsonTask[] = [];
  for (const document of documents) {
    const full = batcher.add(document);
    if (full) tasks.push(full);
  }
  const last = batcher.take();
  if (last) tasks.push(last);
  return tasks;
}

async function enqueueNdjson(client: Meilisearch, uid: string, task: NdjsonTask): Promise<number> {
  const enqueued = await client
    .index(uid)
    .addDocumentsFromString(task.body, "application/x-ndjson", { primaryKey: "id" });
  return enqueued.taskUid;
}

export type IndexWrite = { taskUids: number[]; documents: number; bytes: number };

/**
 * Enqueues additions of `documents` and deletions of `deleteIds` (in that
 * order: Meilisearch runs an index's tasks in order) without waiting.
 */
export async function enqueueDocumentWrites(
  client: Meilisearch,
  uid: string,
  documents: StatementDocument[],
  deleteIds: number[] = [],
): Promise<IndexWrite> {
  const write: IndexWrite = { taskUids: [], documents: documents.length, bytes: 0 };
  for (const task of ndjsonTasks(documents)) {
    write.bytes += task.bytes;
    write.taskUids.push(await enqueueNdjson(client, uid, task));
  }
  if (deleteIds.length > 0) write.taskUids.push((await client.index(uid).deleteDocuments(deleteIds)).taskUid);
  return write;
}

/** Waits for every task of a write; throws unless all succeeded. */
export async function waitForWrite(client: Meilisearch, write: IndexWrite): Promise<void> {
  const perTask = Math.max(1, Math.ceil(write.documents / Math.max(1, write.taskUids.length)));
  for (const taskUid of write.taskUids) await waitForTaskSucceeded(client, taskUid, perTask);
}

export async function upsertDocuments(client: Meilisearch, uid: string, documents: StatementDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await waitForWrite(client, await enqueueDocumentWrites(client, uid, documents));
}

/**
 * Adds a stream of document pages (read from Postgres a page at a time) in
 * big tasks: pages are gathered until a task is full, and the next task is
 * prepared while Meilisearch indexes the previous one (at most `inFlight`
 * queued), so it never waits for Postgres. Throws unless every task succeeded.
 */
export async function upsertDocumentsPipelined(
  client: Meilisearch,
  uid: string,
  pages: AsyncIterable<StatementDocument[]>,
  onProgress?: (documents: number) => void,
  inFlight = 2,
  limits: { maxDocuments?: number; maxBytes?: number } = {},
): Promise<number> {
  const maxDocuments = limits.maxDocuments ?? TASK_MAX_DOCUMENTS;
  const maxBytes = limits.maxBytes ?? TASK_MAX_BYTES;
  const queued: Array<{ taskUid: number; size: number }> = [];
  let done = 0;
  const settleOldest = async () => {
    const oldest = queued.shift()!;
    await waitForTaskSucceeded(client, oldest.taskUid, oldest.size);
    done += oldest.size;
    onProgress?.(done);
  };
  const send = async (task: NdjsonTask) => {
    queued.push({ taskUid: await enqueueNdjson(client, uid, task), size: task.documents });
    if (queued.length >= inFlight) await settleOldest();
  };
  const batcher = new NdjsonBatcher(maxDocuments, maxBytes);
  for await (const page of pages) {
    for (const document of page) {
      const full = batcher.add(document);
      if (full) await send(full);
    }
  }
  const last = batcher.take();
  if (last) await send(last);
  while (queued.length > 0) await settleOldest();
  return done;
}

export async function deleteDocuments(client: Meilisearch, uid: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await waitForTaskSucceeded(client, (await client.index(uid).deleteDocuments(ids)).taskUid, ids.length);
}

/** Atomically exchanges two indexes (the fresh one becomes the live one). */
export async function swapIndexes(client: Meilisearch, live: string, fresh: string): Promise<void> {
  await waitForTaskSucceeded(client, (await client.swapIndexes([{ indexes: [live, fresh], rename: false }])).taskUid);
}

export async function deleteIndex(client: Meilisearch, uid: string): Promise<void> {
  if (await indexExists(client, uid)) await waitForTaskSucceeded(client, (await client.deleteIndex(uid)).taskUid);
}

/** Streams id and fingerprint of every document, for comparing the index with Postgres. */
export async function* documentFingerprints(
  client: Meilisearch,
  uid: string,
  pageSize = 10_000,
): AsyncGenerator<Array<{ id: number; fingerprint: string }>> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await client
      .index<StatementDocument>(uid)
      .getDocuments({ offset, limit: pageSize, fields: ["id", "fingerprint"] });
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
