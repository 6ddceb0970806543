import pg from "pg";
import { invalidatePageData, setPageCacheListening } from "./page-cache";

// Each app instance LISTENs on its own connection for the pages a committed change touches
// (lib/db/migrations/0008_page_changes_notify.sql) and drops them from its page cache. While the
// connection is down a change could go unheard, so the cache is emptied and stays off until the
// connection is back (a Postgres restart costs cache hits, never stale pages).

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

export type PageInvalidation = { stop: () => Promise<void> };

export function startPageInvalidation(
  connectionString: string,
  log: (message: string) => void = console.warn,
): PageInvalidation {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | null = null;

  const reconnectLater = () => {
    setPageCacheListening(false);
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    next.on("notification", (message) => {
      if (message.channel === "page_changes") invalidatePageData((message.payload ?? "*").split(" "));
    });
    next.on("error", () => undefined);
    next.on("end", () => {
      if (client === next) {
        client = null;
        reconnectLater();
      }
    });
    try {
      await next.connect();
      await next.query("LISTEN page_changes");
      if (stopped) {
        await next.end();
        return;
      }
      client = next;
      delay = RECONNECT_MIN_MS;
      setPageCacheListening(true);
    } catch (error) {
      await next.end().catch(() => undefined);
      if (delay === RECONNECT_MIN_MS)
        log(
          `page cache: cannot listen for changes (${error instanceof Error ? error.message : error}); pages are served uncached until Postgres answers`,
        );
      reconnectLater();
    }
  }

  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      setPageCacheListening(false);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
