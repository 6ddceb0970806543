// A small pool of worker threads for CPU-heavy work on user text, so that no request can hold the
// server's event loop: each task runs under a time budget counted from the moment a worker starts it;
// past the budget the worker is terminated (V8 stops even a tight loop) and replaced. When every
// worker is busy, a task waits in a short queue, and beyond that it is refused at once.
//
// Hand-written rather than piscina: the answer must tell "your text took too long" (the budget ran
// out while the task ran, 422) from "the server is busy" (it never started, 503), and the budget must
// not include time spent waiting for a worker; piscina's abort signal covers both alike.
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** The task ran past its time budget; its worker was replaced. */
export class TimeBudgetExceededError extends Error {
  constructor(readonly budgetMs: number) {
    super(`took longer than the ${budgetMs / 1000}-second time budget`);
  }
}

/** Every worker is busy and the queue is full (or the wait ran out): try again shortly. */
export class WorkersBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("every worker is busy");
  }
}

/** The worker died under the task (out of memory, a crash): the task cannot be done as sent. */
export class WorkerFailedError extends Error {}

export type WorkerPoolOptions = {
  /** A module whose named exports are the tasks: each takes the payload and returns a structured-cloneable value. */
  tasksModule: string;
  size?: number;
  /** Tasks that may wait for a worker; more are refused at once. */
  maxQueue?: number;
  /** How long a task may wait for a worker before it is refused as busy. */
  maxWaitMs?: number;
  /** Heap of each worker: a task that needs more fails alone instead of taking the server's memory. */
  maxHeapMb?: number;
};

type Job = {
  task: string;
  payload: unknown;
  budgetMs: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  waitTimer?: NodeJS.Timeout;
};

type Slot = { worker: Worker; ready: Promise<void>; job: Job | null; timer?: NodeJS.Timeout };

type Reply =
  { ready: true } | { ready?: false; ok: true; value: unknown } | { ready?: false; ok: false; error: string };

const THREAD_ENTRY = path.join(process.cwd(), "lib", "workers", "thread.mjs");

/** One worker on a two-core machine (the other core serves requests, Postgres and Meilisearch), two on more. */
export function defaultPoolSize(): number {
  return os.availableParallelism() > 2 ? 2 : 1;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = options.size ?? defaultPoolSize();
    this.maxQueue = options.maxQueue ?? 4;
    this.maxWaitMs = options.maxWaitMs ?? 5_000;
  }

  run<T>(task: string, payload: unknown, budgetMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { task, payload, budgetMs, resolve: resolve as (value: unknown) => void, reject };
      const slot = this.idleSlot();
      if (slot) return this.start(slot, job);
      if (this.queue.length >= this.maxQueue) return reject(new WorkersBusyError(this.retryAfterSeconds()));
      job.waitTimer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(job), 1);
        reject(new WorkersBusyError(this.retryAfterSeconds()));
      }, this.maxWaitMs);
      this.queue.push(job);
    });
  }

  /** Ends every worker (tests and shutdown). */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.waitTimer);
      job.reject(new WorkersBusyError(1));
    }
    await Promise.all([...this.slots].map((slot) => this.discard(slot)));
  }

  /** Workers alive now (for tests: a worker that ran past its budget is replaced, not reused). */
  get threadIds(): number[] {
    return [...this.slots].map((slot) => slot.worker.threadId);
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.maxWaitMs / 1000));
  }

  private idleSlot(): Slot | null {
    for (const slot of this.slots) if (!slot.job) return slot;
    return this.slots.size < this.size ? this.spawn() : null;
  }

  private spawn(): Slot {
    // Loaded from the source tree at run time, not bundled: Turbopack would otherwise trace the entry and
    // try to bundle tsx and esbuild's binary into the server build.
    const worker = new Worker(/* turbopackIgnore: true */ THREAD_ENTRY, {
      workerData: { tasksModule: this.options.tasksModule },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    });
    let markReady: () => void = () => undefined;
    let failStart: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, job: null };
    worker.on("message", (reply: Reply) => {
      if (reply.ready) return markReady();
      this.finish(slot, reply.ok ? null : new Error(reply.error), reply.ok ? reply.value : undefined);
    });
    worker.on("error", (error) => {
      failStart(error);
      this.fail(slot, new WorkerFailedError(`the worker failed: ${error.message}`));
    });
    worker.on("exit", () => {
      failStart(new WorkerFailedError("the worker stopped while starting"));
      this.fail(slot, new WorkerFailedError("the worker stopped"));
    });
    // An idle worker must not keep a command-line process alive; a busy one must (start() refs it).
    // After the listeners: adding a "message" listener refs the worker again.
    worker.unref();
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.ready.then(
      () => {
        if (slot.job !== job) return;
        // The budget starts now: time spent waiting for a worker is not the text's fault.
        slot.timer = setTimeout(() => {
          if (slot.job !== job) return;
          slot.job = null;
          job.reject(new TimeBudgetExceededError(job.budgetMs));
          void this.discard(slot);
          this.next();
        }, job.budgetMs);
        slot.worker.postMessage({ task: job.task, payload: job.payload });
      },
      (error: Error) =>
        this.fail(
          slot,
          error instanceof WorkerFailedError
            ? error
            : new WorkerFailedError(`the worker did not start: ${error.message}`),
        ),
    );
  }

  private finish(slot: Slot, error: Error | null, value: unknown): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.timer);
    slot.job = null;
    slot.worker.unref();
    if (error) job.reject(error);
    else job.resolve(value);
    this.next();
  }

  private fail(slot: Slot, error: Error): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = null;
    if (this.slots.delete(slot)) void slot.worker.terminate().catch(() => undefined);
    if (job) job.reject(error);
    this.next();
  }

  private async discard(slot: Slot): Promise<void> {
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    await slot.worker.terminate().catch(() => undefined);
  }

  private next(): void {
    while (this.queue.length > 0) {
      const slot = this.idleSlot();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      clearTimeout(job.waitTimer);
      this.start(slot, job);
    }
  }
}
