import { LRUCache } from "lru-cache";

// What the public pages read from Postgres (a statement with its links, a speaker's profile and
// latest statements, a topic's, a day's, the home page's, the feeds'), kept in this process and
// dropped the moment a committed change touches it: Postgres triggers name the pages a change
// touches (lib/db/migrations/0008_page_changes_notify.sql) and every instance LISTENs for them
// (lib/cache/page-invalidation.ts). So a burst of readers costs one query per page, and a curator's
// save is on its pages at the next request.
//
// Each entry carries tags: s:<statement id>, p:<speaker id>, t:<topic id>, y:<year>, and the kind
// tags "statements", "speakers", "topics" for pages that list any of them. "*" drops everything.
//
// Why the data and not the HTML: every page carries a fresh CSP nonce, so its HTML is never the
// same twice; the render that remains is React's own work (README, "Caching public pages").

type Entry = { value: unknown; tags: string[] };

/** Entries kept at most (each a page's worth of rows); the least recently read go first. */
const MAX_ENTRIES = 5_000;
/** A safety net only: entries are dropped by the data's own notifications, long before this. */
const MAX_AGE_MS = 10 * 60_000;

type Store = {
  entries: LRUCache<string, Entry>;
  byTag: Map<string, Set<string>>;
  inFlight: Map<string, Promise<unknown>>;
  /** Counts invalidations: a read that started before one is not stored. */
  generation: number;
  /** Off while the LISTEN connection is down: a change could go unheard, so nothing is kept. */
  listening: boolean;
  hits: number;
  misses: number;
};

// One store per process, whichever bundle (instrumentation, pages, route handlers) imports this.
const holder = globalThis as unknown as { __statementsPageCache?: Store };

function store(): Store {
  if (!holder.__statementsPageCache) {
    const byTag = new Map<string, Set<string>>();
    holder.__statementsPageCache = {
      entries: new LRUCache<string, Entry>({
        max: MAX_ENTRIES,
        ttl: MAX_AGE_MS,
        dispose: (entry, key) => {
          for (const tag of entry.tags) {
            const keys = byTag.get(tag);
            keys?.delete(key);
            if (keys?.size === 0) byTag.delete(tag);
          }
        },
      }),
      byTag,
      inFlight: new Map(),
      generation: 0,
      listening: false,
      hits: 0,
      misses: 0,
    };
  }
  return holder.__statementsPageCache;
}

/**
 * `load()`'s value, from the cache when a current one is kept. `tagsOf` names the pages' data the
 * value shows, so that a change to any of it drops the entry. Concurrent misses share one load.
 */
export async function cachedPageData<T>(
  key: string,
  load: () => Promise<T>,
  tagsOf: (value: T) => string[],
): Promise<T> {
  const cache = store();
  const entry = cache.entries.get(key);
  if (entry) {
    cache.hits++;
    return entry.value as T;
  }
  cache.misses++;
  const pending = cache.inFlight.get(key);
  if (pending) return pending as Promise<T>;
  const startedAt = cache.generation;
  const loading = load().then((value) => {
    // Kept only when nothing was invalidated meanwhile (the value may predate that change) and
    // only while changes can be heard.
    if (cache.listening && cache.generation === startedAt) {
      const tags = [...new Set(tagsOf(value))];
      cache.entries.set(key, { value, tags });
      for (const tag of tags) {
        let keys = cache.byTag.get(tag);
        if (!keys) cache.byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
    }
    return value;
  });
  cache.inFlight.set(key, loading);
  try {
    return await loading;
  } finally {
    cache.inFlight.delete(key);
  }
}

/** Drops every entry that shows any of `tags` ("*": all of them). */
export function invalidatePageData(tags: Iterable<string>): void {
  const cache = store();
  cache.generation++;
  for (const tag of tags) {
    if (tag === "*") {
      cache.entries.clear();
      return;
    }
    for (const key of [...(cache.byTag.get(tag) ?? [])]) cache.entries.delete(key);
  }
}

/** Whether changes are being heard: while not, nothing is cached and everything kept is dropped. */
export function setPageCacheListening(listening: boolean): void {
  const cache = store();
  cache.listening = listening;
  if (!listening) invalidatePageData(["*"]);
}

export function pageCacheStats(): { entries: number; hits: number; misses: number; listening: boolean } {
  const cache = store();
  return { entries: cache.entries.size, hits: cache.hits, misses: cache.misses, listening: cache.listening };
}

/** Tags of a list that names speakers and topics (home page, date pages, feeds). */
export const LIST_TAGS = ["statements", "speakers", "topics"] as const;

/**
 * `load` with its values kept in the page cache, keyed by its name and arguments. `tagsOf` gets the
 * value and the arguments and names what the value shows (see the tags above).
 */
export function cachedLoader<F extends (...args: never[]) => Promise<unknown>>(
  name: string,
  load: F,
  tagsOf: (value: Awaited<ReturnType<F>>, ...args: Parameters<F>) => string[],
): F {
  const cached = (...args: Parameters<F>) =>
    cachedPageData(
      `${name}:${JSON.stringify(args)}`,
      () => load(...args) as Promise<Awaited<ReturnType<F>>>,
      (value) => tagsOf(value, ...args),
    );
  return cached as F;
}
