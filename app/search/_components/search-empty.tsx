import Link from "next/link";
import { searchMessages } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";
import { hasFilters, searchHref, type SearchState } from "../_lib/search-url";
import { FilterRemovalLinks, type ActiveFilter } from "./search-active-filters";

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** What to try when nothing matched: fewer words, another spelling or script, fewer filters. */
export async function SearchEmpty({ state, filters }: { state: SearchState; filters: ActiveFilter[] }) {
  const tr = (await getI18n()).t(searchMessages);
  const q = state.singles.q?.trim() ?? "";
  const words = q.match(WORD) ?? [];
  // The longest word is the likeliest to carry the meaning on its own.
  const fewer = words.length > 1 ? [...words].sort((a, b) => b.length - a.length)[0] : undefined;
  const filtered = hasFilters(state);
  if (q === "" && !filtered) {
    return <p>{tr("tipEmptyCollection")}</p>;
  }
  return (
    <section
      aria-labelledby="search-empty-heading"
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h3 id="search-empty-heading" className="text-lg font-semibold">
        {tr("emptyHeading")}
      </h3>
      <p>{tr("emptyIntro")}</p>
      <ul className="list-disc space-y-2 ps-6">
        {fewer ? (
          <li>
            {tr("tipFewerWords")}{" "}
            <Link
              href={searchHref(state, { set: "q", value: fewer })}
              prefetch={false}
              className="underline underline-offset-4"
            >
              <bdi>{fewer}</bdi>
            </Link>
          </li>
        ) : null}
        {q !== "" ? <li>{tr("tipSpelling")}</li> : null}
        {q !== "" ? <li>{tr("tipScript")}</li> : null}
        {filtered ? (
          <li className="space-y-2">
            <span id="search-empty-filters">{tr("tipRemoveFilters")}</span>
            <FilterRemovalLinks state={state} filters={filters} id="search-empty-filter-links" />
          </li>
        ) : null}
      </ul>
    </section>
  );
}
