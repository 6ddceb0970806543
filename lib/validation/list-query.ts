import type { SearchQuery } from "@/lib/search/types";

// The parsed queries of the public API's paged lists: what lib/api/list-params.ts
// makes of a request's parameters and what lib/db/queries/api-lists.ts reads a
// page by. They live here, below both, so the database layer never imports the
// API layer.

export const STATEMENT_LIST_SORTS = ["newest", "oldest", "id"] as const;
export type StatementListSort = (typeof STATEMENT_LIST_SORTS)[number];
export const STATEMENT_LIST_STATUSES = ["published", "retracted"] as const;
export type StatementListStatus = (typeof STATEMENT_LIST_STATUSES)[number];

export type StatementPosition = { saidOn: string | null; id: number };

/** The search's own filters (read by the search's parser), and which statuses to list. */
export type StatementListFilters = Pick<
  SearchQuery,
  "q" | "speakers" | "topics" | "languages" | "kinds" | "years" | "from" | "to"
> & {
  statuses: StatementListStatus[];
};

export type StatementListQuery = {
  filters: StatementListFilters;
  sort: StatementListSort;
  limit: number;
  /** Where the previous page ended; null on the first page. */
  after: StatementPosition | null;
  /** Goes into the cursors of this query's pages. */
  fingerprint: string;
};

export type SpeakerListApiQuery = {
  /** The beginning of a name or alias, or of a word in one, in any script ("" for all). */
  q: string;
  kinds: string[];
  limit: number;
  /** The slug the previous page ended with. */
  afterSlug: string | null;
  fingerprint: string;
};

export type TopicListApiQuery = { limit: number; afterSlug: string | null; fingerprint: string };
