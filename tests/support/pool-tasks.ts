// Tasks for lib/workers/pool.test.ts, run in the pool's worker threads.
export function echo(value: unknown): unknown {
  return value;
}

/** Never returns: only terminating the thread stops it. */
export function spin(): never {
  for (;;) {
    // a tight loop, as a quadratic regular expression would be
  }
}

/** Keeps its thread busy for `ms` of wall-clock time. */
export function busy(ms: number): number {
  const end = performance.now() + ms;
  let turns = 0;
  while (performance.now() < end) turns++;
  return turns;
}

/** Sleeps `ms` using no CPU, as a thread waiting for a core on a loaded machine does. */
export function sleep(ms: number): string {
  return Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function fail(message: string): never {
  throw new Error(message);
}

/** Allocates until the worker's heap limit ends it. */
export function exhaustMemory(): number {
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
}
