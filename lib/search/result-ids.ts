import "server-only";
import type { StatementDocument } from "./types";
import { meiliClient, statementsIndexName } from "./client";
import { asUnavailable } from "./query";
import { buildSearchRequest } from "./request";
import type { SearchQuery } from "./types";

// Every matching statement's id, in the search's own order, for exports of a
// whole result (lib/export): the very same request as the search page and the
// API (filters, sort, normalised words), asking only for ids and no facets, a
// large page at a time.

export type ResultIds = {
  /** How many statements match (the whole result, also beyond `cap`). */
  total: number;
  /** How many ids `pages` yields: min(total, cap). */
  count: number;
  /** The ids, a page at a time; the first page is already fetched. */
  pages: AsyncGenerator<number[], void, undefined>;
};

const DEFAULT_PAGE_SIZE = 5_000;

async function fetchPage(
  query: SearchQuery,
  page: number,
  pageSize: number,
): Promise<{ ids: number[]; total: number }> {
  const request = buildSearchRequest({ ...query, page, limit: pageSize });
  try {
    const response = await meiliClient()
      .index<StatementDocument>(statementsIndexName())
      .search(request.q, {
        ...request.params,
        facets: undefined,
        attributesToRetrieve: ["id"],
        page,
        hitsPerPage: pageSize,
      });
    return { ids: response.hits.map((hit) => hit.id), total: response.totalHits ?? response.hits.length };
  } catch (error) {
    throw asUnavailable(error);
  }
}

/**
 * Opens a result: fetches its first page (so that "search is unavailable"
 * surfaces before a response is started) and returns the rest lazily. An id
 * seen on an earlier page is not repeated if the index changes meanwhile.
 */
export async function openResultIds(
  query: SearchQuery,
  options: { cap: number; pageSize?: number },
): Promise<ResultIds> {
  const pageSize = Math.max(1, Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, options.cap));
  const first = await fetchPage(query, 1, pageSize);
  const count = Math.min(first.total, options.cap);
  async function* pages(): AsyncGenerator<number[], void, undefined> {
    const seen = new Set<number>();
    let sent = 0;
    let current: number[] = first.ids;
    for (let page = 1; ; page++) {
      if (page > 1) current = (await fetchPage(query, page, pageSize)).ids;
      const fresh = current.filter((id) => !seen.has(id)).slice(0, count - sent);
      for (const id of fresh) seen.add(id);
      sent += fresh.length;
      if (fresh.length > 0) yield fresh;
      if (sent >= count || current.length < pageSize) return;
    }
  }
  return { total: first.total, count, pages: pages() };
}
