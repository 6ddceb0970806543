// A small pool of worker threads for CPU-heavy work on user text, so that no request can hold the
// server's event loop. Each task runs under a time budget counted from the moment a worker starts it;
// past the budget the worker is terminated (V8 stops even a tight loop) and replaced. When every
// worker is busy, a task waits in a short queue, and beyond that it is refused at once.
//
// On Linux the budget counts the worker thread's CPU time, not the wall clock: the budget is there to
// stop hostile input, and a worker (at a lower priority) on a loaded machine may get a few percent of
// a core, which would make a 20 ms article miss a 3 s wall budget. A wall-clock ceiling (5x the
// budget) still ends a task whose thread is starved. Where the thread's CPU time cannot be read, the
// budget is wall-clock time.
//
// Hand-written rather than piscina: the answer must tell "your text took too long" (the budget ran
// out while the task ran, 422) from "the server is busy" (it never started, 503), and the budget must
// not include time spent waiting for a worker; piscina's abort signal covers both alike.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** A task whose thread gets (almost) no CPU still ends at this many times its budget of wall-clock time. */
export const WALL_CEILING_FACTOR = 5;

/** A starved task is looked at again at least this long after the last look, not in a busy loop of timers. */
const MIN_RECHECK_MS = 25;

// /proc counts CPU time in ticks of 1/100 s (USER_HZ, `getconf CLK_TCK`) on Linux whatever the kernel's own tick rate.
const PROC_TICKS_PER_SECOND = 100;

/**
 * What one task, or several in turn (the steps of one request), may use: CPU time of the worker
 * thread, and wall-clock time up to the ceiling. Each task gets what the earlier ones left.
 */
export class TimeBudget {
  readonly wallCeilingMs: number;
  private cpuSpentMs = 0;
  private wallSpentMs = 0;

  constructor(readonly ms: number) {
    this.wallCeilingMs = ms * WALL_CEILING_FACTOR;
  }

  get cpuLeftMs(): number {
    return this.ms - this.cpuSpentMs;
  }

  get wallLeftMs(): number {
    return this.wallCeilingMs - this.wallSpentMs;
  }

  get exhausted(): boolean {
    return this.cpuLeftMs <= 0 || this.wallLeftMs <= 0;
  }

  /** Counts what a task used (the pool does, when the task ends). */
  spend({ cpuMs, wallMs }: TaskUse): void {
    this.cpuSpentMs += cpuMs;
    this.wallSpentMs += wallMs;
  }
}

/** Time a task has used: `cpuMs` is its thread's CPU time, or the wall clock where that cannot be read. */
type TaskUse = { cpuMs: number; wallMs: number };

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
  budget: TimeBudget;
  /** Set once a worker has started the task. */
  use?: () => TaskUse;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  waitTimer?: NodeJS.Timeout;
};

type Slot = {
  worker: Worker;
  ready: Promise<void>;
  job: Job | null;
  timer?: NodeJS.Timeout;
  /** The worker thread's id in the kernel (Linux), to read its CPU time; null where unknown. */
  osThreadId: number | null;
};

type Reply =
  | { ready: true; osThreadId: number | null }
  | { ready?: false; ok: true; value: unknown }
  | { ready?: false; ok: false; error: string };

const THREAD_ENTRY = path.join(process.cwd(), "lib", "workers", "thread.mjs");

/** One worker on a two-core machine (the other core serves requests, Postgres and Meilisearch), two on more. */
export function defaultPoolSize(): number {
  return os.availableParallelism() > 2 ? 2 : 1;
}

/** CPU time (user + system) a thread of this process has used, in ms; null where /proc cannot tell. */
function threadCpuMs(osThreadId: number | null): number | null {
  if (osThreadId === null) return null;
  try {
    const stat = readFileSync(`/proc/self/task/${osThreadId}/stat`, "utf8");
    // Field 2, the thread's name, is in parentheses and may hold spaces: count from the field after it (3).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[14 - 3]) + Number(fields[15 - 3]); // utime + stime
    return Number.isFinite(ticks) ? (ticks * 1000) / PROC_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
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

  /** Runs a task under a budget in ms, or under a TimeBudget shared with earlier tasks (which may have spent it). */
  run<T>(task: string, payload: unknown, budget: number | TimeBudget): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const shared = typeof budget === "number" ? new TimeBudget(budget) : budget;
      if (shared.exhausted) return reject(new TimeBudgetExceededError(shared.ms));
      const job: Job = { task, payload, budget: shared, resolve: resolve as (value: unknown) => void, reject };
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
    const slot: Slot = { worker, ready, job: null, osThreadId: null };
    worker.on("message", (reply: Reply) => {
      if (reply.ready) {
        slot.osThreadId = reply.osThreadId;
        return markReady();
      }
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
        this.watch(slot, job);
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

  /** Ends the task and replaces its worker once it has used its budget of CPU time or reached the wall ceiling. */
  private watch(slot: Slot, job: Job): void {
    const { budget } = job;
    const cpuAtStart = threadCpuMs(slot.osThreadId);
    const wallAtStart = performance.now();
    job.use = () => {
      const wallMs = performance.now() - wallAtStart;
      const cpuNow = cpuAtStart === null ? null : threadCpuMs(slot.osThreadId);
      return { wallMs, cpuMs: cpuAtStart === null || cpuNow === null ? wallMs : cpuNow - cpuAtStart };
    };
    const check = () => {
      if (slot.job !== job || !job.use) return;
      const use = job.use();
      const cpuLeftMs = budget.cpuLeftMs - use.cpuMs;
      const wallLeftMs = budget.wallLeftMs - use.wallMs;
      if (cpuLeftMs > 0 && wallLeftMs > 0) {
        // Waiting for a core is not the text's fault: look again when the rest of the CPU budget could be used.
        slot.timer = setTimeout(check, Math.min(Math.max(cpuLeftMs, MIN_RECHECK_MS), wallLeftMs));
        return;
      }
      slot.job = null;
      budget.spend(use);
      job.reject(new TimeBudgetExceededError(budget.ms));
      void this.discard(slot);
      this.next();
    };
    slot.timer = setTimeout(check, Math.min(budget.cpuLeftMs, budget.wallLeftMs));
  }

  private finish(slot: Slot, error: Error | null, value: unknown): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.timer);
    if (job.use) job.budget.spend(job.use());
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
