// A value that is expensive to compute and may be a little old: the first
// caller waits for it; later callers get the kept value at once, and once it
// is older than `maxAgeMs` one of them starts a refresh in the background
// (never two at a time). A failed refresh keeps the old value and is tried again
// by the next caller. Per process: each app instance keeps its own.

type Entry<T> = { value?: T; loadedAt: number; pending: Promise<T> | null };

export type StaleWhileRevalidate<T> = (key: string, load: () => Promise<T>) => Promise<T>;

export function staleWhileRevalidate<T>(maxAgeMs: number, now: () => number = Date.now): StaleWhileRevalidate<T> {
  const entries = new Map<string, Entry<T>>();
  return async (key, load) => {
    let entry = entries.get(key);
    if (!entry) {
      entry = { loadedAt: 0, pending: null };
      entries.set(key, entry);
    }
    const current = entry;
    const refresh = () =>
      (current.pending ??= load()
        .then((value) => {
          current.value = value;
          current.loadedAt = now();
          return value;
        })
        .finally(() => {
          current.pending = null;
        }));
    if (!("value" in current)) return refresh();
    if (now() - current.loadedAt > maxAgeMs) refresh().catch(() => undefined);
    return current.value as T;
  };
}
