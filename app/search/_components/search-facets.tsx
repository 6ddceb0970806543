import Link from "next/link";
import type { FacetLabels } from "@/lib/db/queries/facet-labels";
import type { UiLocale } from "@/lib/i18n/config";
import { languageNamesIn } from "@/lib/i18n/formatters";
import { commonMessages } from "@/lib/i18n/messages/common";
import { plural, searchMessages, type SearchMessageKey } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";
import type { FacetName, SearchResult } from "@/lib/search/types";
import { searchHref, type ListParam, type SearchState } from "../_lib/search-url";

/** Facet values shown before "Show all". */
const VISIBLE_VALUES = 8;

export const FACETS: Array<{ facet: FacetName; param: ListParam; heading: SearchMessageKey }> = [
  { facet: "speaker", param: "speaker", heading: "facetSpeaker" },
  { facet: "topic", param: "topic", heading: "facetTopic" },
  { facet: "language", param: "lang", heading: "facetLanguage" },
  { facet: "kind", param: "kind", heading: "facetKind" },
  { facet: "year", param: "year", heading: "facetYear" },
  // One value, "true": statements with a fact-check review (the index counts only those).
  { facet: "reviewed", param: "reviewed", heading: "facetReviewed" },
];

export type FacetValueLabeler = (param: ListParam, value: string) => string;

/** Readable labels for facet values in the interface language. */
export async function facetValueLabeler(labels: FacetLabels, locale: UiLocale): Promise<FacetValueLabeler> {
  const { t } = await getI18n();
  const common = t(commonMessages);
  const search = t(searchMessages);
  const languageNames = languageNamesIn(locale);
  return (param, value) => {
    if (param === "speaker") return labels.speakers.get(value) ?? value;
    if (param === "topic") return labels.topics.get(value) ?? value;
    if (param === "lang") {
      try {
        return languageNames.of(value) ?? value;
      } catch {
        return value;
      }
    }
    if (param === "kind")
      return value === "direct"
        ? common("kindDirect")
        : value === "indirect"
          ? common("kindIndirect")
          : value === "mixed"
            ? common("kindMixed")
            : value;
    if (param === "reviewed") return value === "true" ? search("reviewedYes") : value;
    return value;
  };
}

type Props = { state: SearchState; facets: SearchResult["facets"]; label: FacetValueLabeler };

/**
 * Each facet value is a link that toggles its filter (works without JavaScript);
 * the counts say how many statements adding that value would include.
 */
export async function SearchFacets({ state, facets, label }: Props) {
  const { locale, t, formatNumber } = await getI18n();
  const tr = t(searchMessages);
  const groups = FACETS.map(({ facet, param, heading }) => {
    const selected = state.lists[param];
    const counts = new Map(Object.entries(facets[facet]));
    for (const value of selected) if (!counts.has(value)) counts.set(value, 0);
    const values = [...counts.entries()]
      .map(([value, count]) => ({ value, count, selected: selected.includes(value), text: label(param, value) }))
      .sort((a, b) => {
        if (a.selected !== b.selected) return a.selected ? -1 : 1;
        if (param === "year") return b.value.localeCompare(a.value);
        return b.count - a.count || a.text.localeCompare(b.text, locale);
      });
    return { facet, param, heading, values };
  }).filter((group) => group.values.length > 0);
  if (groups.length === 0) return null;

  const item = (param: ListParam, value: { value: string; count: number; selected: boolean; text: string }) => (
    <li key={value.value}>
      <Link
        href={searchHref(state, { toggle: param, value: value.value })}
        prefetch={false}
        scroll={false}
        className="flex items-start gap-2 rounded px-1 py-0.5 underline-offset-4 hover:bg-slate-100 hover:underline"
      >
        <span
          aria-hidden="true"
          className={`mt-1 inline-flex size-4 shrink-0 items-center justify-center rounded-sm border text-xs leading-none ${
            value.selected ? "border-slate-900 bg-slate-900 text-white" : "border-slate-600 bg-white"
          }`}
        >
          {value.selected ? "✓" : ""}
        </span>
        <bdi className={`grow ${value.selected ? "font-semibold" : ""}`}>{value.text}</bdi>
        <span className="text-sm tabular-nums text-slate-700">
          <span aria-hidden="true">{formatNumber(value.count)}</span>
          <span className="sr-only">, {plural(tr, locale, "statements", value.count)}</span>
        </span>
        {value.selected ? <span className="sr-only"> {tr("facetSelected")}</span> : null}
      </Link>
    </li>
  );

  return (
    <section aria-labelledby="search-filters-heading" className="space-y-5">
      <h2 id="search-filters-heading" className="text-lg font-semibold">
        {tr("filtersHeading")}
      </h2>
      {groups.map(({ facet, param, heading, values }) => {
        const visible = values.slice(0, Math.max(VISIBLE_VALUES, values.filter((v) => v.selected).length));
        const rest = values.slice(visible.length);
        return (
          <section key={facet} aria-labelledby={`search-facet-${facet}`} className="space-y-1" data-facet={facet}>
            <h3 id={`search-facet-${facet}`} className="font-semibold">
              {tr(heading)}
            </h3>
            <ul className="space-y-0.5">{visible.map((value) => item(param, value))}</ul>
            {rest.length > 0 ? (
              <details>
                <summary className="cursor-pointer text-sm underline underline-offset-4">
                  {tr("facetShowAll", { count: values.length })}
                </summary>
                <ul className="mt-1 space-y-0.5">{rest.map((value) => item(param, value))}</ul>
              </details>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}
