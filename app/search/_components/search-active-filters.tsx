import Link from "next/link";
import { searchMessages } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";
import { hasFilters, LIST_PARAMS, searchHref, type Change, type SearchState } from "../_lib/search-url";
import { FACETS, type FacetValueLabeler } from "./search-facets";

export type ActiveFilter = { key: string; text: string; change: Change };

/** Every active filter with the change that removes it, in the interface language. */
export async function activeFilters(state: SearchState, label: FacetValueLabeler): Promise<ActiveFilter[]> {
  const tr = (await getI18n()).t(searchMessages);
  const filters: ActiveFilter[] = [];
  for (const name of LIST_PARAMS) {
    const heading = FACETS.find((f) => f.param === name)?.heading;
    for (const value of state.lists[name]) {
      filters.push({
        key: `${name}:${value}`,
        text: `${heading ? tr(heading) : name}: ${label(name, value)}`,
        change: { toggle: name, value },
      });
    }
  }
  if (state.singles.from !== undefined)
    filters.push({ key: "from", text: tr("filterFrom", { date: state.singles.from }), change: { remove: "from" } });
  if (state.singles.to !== undefined)
    filters.push({ key: "to", text: tr("filterTo", { date: state.singles.to }), change: { remove: "to" } });
  return filters;
}

/** Links that remove one filter each, and all of them. */
export async function FilterRemovalLinks({
  state,
  filters,
  id,
}: {
  state: SearchState;
  filters: ActiveFilter[];
  id: string;
}) {
  const tr = (await getI18n()).t(searchMessages);
  if (!hasFilters(state)) return null;
  return (
    <ul id={id} className="flex flex-wrap items-center gap-2">
      {filters.map((filter) => (
        <li key={filter.key}>
          <Link
            href={searchHref(state, filter.change)}
            prefetch={false}
            scroll={false}
            aria-label={tr("removeFilter", { label: filter.text })}
            className="inline-flex items-center gap-1 rounded-full border border-slate-500 bg-white px-3 py-1 text-sm hover:bg-slate-100"
          >
            <bdi>{filter.text}</bdi>
            <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
      {filters.length > 1 ? (
        <li>
          <Link
            href={searchHref(state, { clearFilters: true })}
            prefetch={false}
            scroll={false}
            className="text-sm underline underline-offset-4"
          >
            {tr("removeAllFilters")}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
