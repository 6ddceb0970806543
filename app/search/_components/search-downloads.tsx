import { EXPORT_LIMITS } from "@/lib/export/limits";
import { feedMessages } from "@/lib/i18n/messages/feeds";
import { getI18n } from "@/lib/i18n/server";
import { searchHref, type SearchState } from "../_lib/search-url";

/** The address of the whole result as a download: the search's own parameters (without page) and a format. */
export function exportHref(state: SearchState, format: "csv" | "jsonl"): string {
  const query = searchHref(state).split("?")[1];
  return `/search/export?format=${format}${query ? `&${query}` : ""}`;
}

/** "Download these results: CSV · JSON Lines", and what a download holds when the result is larger than an export may be. */
export async function SearchDownloads({ state, total }: { state: SearchState; total: number }) {
  const { t, formatNumber } = await getI18n();
  const tr = t(feedMessages);
  if (total === 0) return null;
  const link = "underline underline-offset-4";
  return (
    <div className="text-sm text-slate-700" data-testid="search-downloads">
      <p>
        {tr("downloadLabel")}{" "}
        <a href={exportHref(state, "csv")} className={link} title={tr("downloadCsvTitle")} download>
          {tr("downloadCsv")}
        </a>
        {" · "}
        <a href={exportHref(state, "jsonl")} className={link} title={tr("downloadJsonlTitle")} download>
          {tr("downloadJsonl")}
        </a>
      </p>
      {total > EXPORT_LIMITS.maxStatements ? (
        <p>{tr("downloadCapped", { limit: formatNumber(EXPORT_LIMITS.maxStatements), total: formatNumber(total) })}</p>
      ) : null}
    </div>
  );
}
