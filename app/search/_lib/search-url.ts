// The search page's state lives in its address (/search?q=…&speaker=…): these
// helpers read it and write the links that change one part of it while keeping
// the rest. Pure functions, shared by the page's server components.

export const LIST_PARAMS = ["speaker", "topic", "lang", "kind", "year", "reviewed"] as const;
export type ListParam = (typeof LIST_PARAMS)[number];
export const SINGLE_PARAMS = ["q", "from", "to", "sort", "limit", "page"] as const;
export type SingleParam = (typeof SINGLE_PARAMS)[number];
export type SearchParam = ListParam | SingleParam;

/** The parameters of a search address, each list de-duplicated, in a fixed order. */
export type SearchState = { lists: Record<ListParam, string[]>; singles: Partial<Record<SingleParam, string>> };

type RawParams = Record<string, string | string[] | undefined>;

export function toUrlSearchParams(raw: RawParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}

/** Lists may be repeated (?lang=ar&lang=en) or comma-separated (?lang=ar,en), as the API accepts. */
export function readSearchState(params: URLSearchParams): SearchState {
  const lists = Object.fromEntries(
    LIST_PARAMS.map((name) => [
      name,
      [
        ...new Set(
          params
            .getAll(name)
            .flatMap((v) => v.split(","))
            .map((v) => v.trim())
            .filter(Boolean),
        ),
      ],
    ]),
  ) as Record<ListParam, string[]>;
  const singles: SearchState["singles"] = {};
  for (const name of SINGLE_PARAMS) {
    const value = params.get(name);
    if (value !== null && value.trim() !== "") singles[name] = value;
  }
  return { lists, singles };
}

export type Change =
  | { toggle: ListParam; value: string }
  | { remove: SearchParam }
  | { set: SingleParam; value: string | null }
  | { clearFilters: true };

/** The address of the search after the changes; any change but `page` itself goes back to page 1. */
export function searchHref(state: SearchState, ...changes: Change[]): string {
  const lists: Record<ListParam, string[]> = { ...state.lists };
  const singles: SearchState["singles"] = { ...state.singles };
  let keepPage = false;
  for (const change of changes) {
    if ("toggle" in change) {
      const current = lists[change.toggle];
      lists[change.toggle] = current.includes(change.value)
        ? current.filter((v) => v !== change.value)
        : [...current, change.value];
    } else if ("remove" in change) {
      if ((LIST_PARAMS as readonly string[]).includes(change.remove)) lists[change.remove as ListParam] = [];
      else delete singles[change.remove as SingleParam];
    } else if ("set" in change) {
      if (change.set === "page") keepPage = true;
      if (change.value === null || change.value === "") delete singles[change.set];
      else singles[change.set] = change.value;
    } else {
      for (const name of LIST_PARAMS) lists[name] = [];
      delete singles.from;
      delete singles.to;
    }
  }
  if (!keepPage) delete singles.page;
  if (singles.page === "1") delete singles.page;
  if (singles.sort === "relevance") delete singles.sort;
  const params = new URLSearchParams();
  if (singles.q !== undefined) params.append("q", singles.q);
  for (const name of LIST_PARAMS) for (const value of lists[name]) params.append(name, value);
  for (const name of ["from", "to", "sort", "limit", "page"] as const)
    if (singles[name] !== undefined) params.append(name, singles[name]);
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}

export function hasFilters(state: SearchState): boolean {
  return (
    LIST_PARAMS.some((name) => state.lists[name].length > 0) ||
    state.singles.from !== undefined ||
    state.singles.to !== undefined
  );
}

/**
 * The search's Atom feed (/search/feed.xml): its words and filters; not its page, page size or
 * order, since a feed always holds the newest matches.
 */
export function searchFeedHref(state: SearchState): string {
  const { q, from, to } = state.singles;
  const query = searchHref({ lists: state.lists, singles: { q, from, to } }).split("?")[1];
  return `/search/feed.xml${query ? `?${query}` : ""}`;
}
