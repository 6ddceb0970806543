import "server-only";
import { staleWhileRevalidate } from "@/lib/cache/stale-while-revalidate";
import { getPool } from "@/lib/db/client";
import {
  SITEMAP_KINDS,
  SITEMAP_URLS_PER_FILE,
  URLSET_CLOSE,
  URLSET_OPEN,
  idRange,
  sitemapPath,
  urlEntry,
  type SitemapKind,
} from "./xml";

// What search engines are told about: every published statement, and every
// speaker and topic with at least one published statement (their pages are
// what the statements hang on; an entity with drafts only is not announced).
// Drafts and retracted statements are never listed.
//
// File N of a kind holds the ids ((N-1)·50,000, N·50,000], read in id order a
// chunk at a time by keyset (id > last, never OFFSET) and streamed: a file of
// 50,000 URLs never sits in memory, and each chunk is a range scan of the
// primary key.

const CHUNK = 5_000;

type Row = { id: number; slug: string | null; updated_at: Date };

// $1 = after this id, $2 = up to this id, $3 = how many.
const CHUNK_SQL: Record<SitemapKind, string> = {
  statements: `SELECT id, NULL AS slug, updated_at FROM statements
                WHERE status = 'published' AND id > $1 AND id <= $2 ORDER BY id LIMIT $3`,
  speakers: `SELECT sp.id, sp.slug, sp.updated_at FROM speakers sp
              WHERE sp.id > $1 AND sp.id <= $2
                AND EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = sp.id AND s.status = 'published')
              ORDER BY sp.id LIMIT $3`,
  topics: `SELECT t.id, t.slug, t.updated_at FROM topics t
            WHERE t.id > $1 AND t.id <= $2
              AND EXISTS (SELECT 1 FROM statement_topics st JOIN statements s ON s.id = st.statement_id
                           WHERE st.topic_id = t.id AND s.status = 'published')
            ORDER BY t.id LIMIT $3`,
};

// The files of a kind that hold at least one URL, and the newest change in each
// (the index's <lastmod>, so that a crawler fetches only the files that changed).
const PAGES_SQL: Record<SitemapKind, string> = {
  statements: `SELECT (id - 1) / $1 + 1 AS page, max(updated_at) AS lastmod FROM statements
                WHERE status = 'published' GROUP BY 1 ORDER BY 1`,
  speakers: `SELECT (sp.id - 1) / $1 + 1 AS page, max(sp.updated_at) AS lastmod FROM speakers sp
              WHERE EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = sp.id AND s.status = 'published')
              GROUP BY 1 ORDER BY 1`,
  topics: `SELECT (t.id - 1) / $1 + 1 AS page, max(t.updated_at) AS lastmod FROM topics t
            WHERE EXISTS (SELECT 1 FROM statement_topics st JOIN statements s ON s.id = st.statement_id
                           WHERE st.topic_id = t.id AND s.status = 'published')
            GROUP BY 1 ORDER BY 1`,
};

function pathOf(kind: SitemapKind, row: Row): string {
  return kind === "statements" ? `/statements/${row.id}` : `/${kind}/${encodeURIComponent(row.slug!)}`;
}

async function readChunk(kind: SitemapKind, after: number, upTo: number): Promise<Row[]> {
  const { rows } = await getPool().query<Row>(CHUNK_SQL[kind], [after, upTo, CHUNK]);
  return rows;
}

export type SitemapPageEntry = { kind: SitemapKind; page: number; path: string; lastmod: Date };

// Grouping the statements by file reads every published statement (a scan of
// the table at a million): the index is kept ten minutes per process and
// refreshed in the background. The files themselves are always read live.
const INDEX_MAX_AGE_MS = 10 * 60_000;
const indexCache = staleWhileRevalidate<SitemapPageEntry[]>(INDEX_MAX_AGE_MS);

/** Every sitemap file that has at least one URL, statements first. */
export function sitemapFiles(): Promise<SitemapPageEntry[]> {
  return indexCache("files", listSitemapFiles);
}

export async function listSitemapFiles(): Promise<SitemapPageEntry[]> {
  const pool = getPool();
  const perKind = await Promise.all(
    SITEMAP_KINDS.map(async (kind) => {
      const { rows } = await pool.query<{ page: number; lastmod: Date }>(PAGES_SQL[kind], [SITEMAP_URLS_PER_FILE]);
      return rows.map((row) => ({
        kind,
        page: Number(row.page),
        path: sitemapPath(kind, Number(row.page)),
        lastmod: row.lastmod,
      }));
    }),
  );
  return perKind.flat();
}

/**
 * One sitemap file as a stream of XML, or null when it holds no URL (a 404).
 * The first chunk is read before answering, so that an empty file is a 404 and
 * a database outage is a 503 rather than a cut document.
 */
export async function sitemapStream(
  kind: SitemapKind,
  page: number,
  origin: string,
): Promise<ReadableStream<Uint8Array> | null> {
  const { after, upTo } = idRange(page);
  const first = await readChunk(kind, after, upTo);
  if (first.length === 0) return null;
  const encoder = new TextEncoder();
  const render = (rows: Row[]) =>
    encoder.encode(rows.map((row) => urlEntry(`${origin}${pathOf(kind, row)}`, row.updated_at)).join(""));
  let pending: Row[] | null = first;
  let last = first[first.length - 1]!.id;
  let done = first.length < CHUNK;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(URLSET_OPEN));
    },
    // Pulled as the client reads: a slow crawler holds no more than one chunk.
    async pull(controller) {
      if (pending) {
        controller.enqueue(render(pending));
        pending = null;
      } else if (!done) {
        const rows = await readChunk(kind, last, upTo);
        if (rows.length > 0) {
          controller.enqueue(render(rows));
          last = rows[rows.length - 1]!.id;
        }
        done = rows.length < CHUNK;
      }
      if (done && pending === null) {
        controller.enqueue(encoder.encode(URLSET_CLOSE));
        controller.close();
      }
    },
  });
}
