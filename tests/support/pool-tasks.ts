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

export function fail(message: string): never {
  throw new Error(message);
}

/** Allocates until the worker's heap limit ends it. */
export function exhaustMemory(): number {
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
}
