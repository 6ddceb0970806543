import { getI18n } from "@/lib/i18n/server";
import { commonMessages } from "@/lib/i18n/messages/common";

/** A plain GET form: search works without JavaScript, and the URL holds the query. */
export async function SearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  const t = (await getI18n()).t(commonMessages);
  return (
    <form action="/search" method="get" role="search" className="flex gap-2">
      <label htmlFor="search-q" className="sr-only">
        {t("searchLabel")}
      </label>
      <input
        id="search-q"
        name="q"
        type="search"
        dir="auto"
        defaultValue={defaultValue}
        maxLength={300}
        placeholder={t("searchPlaceholder")}
        className="w-full rounded border border-slate-500 px-3 py-2"
      />
      <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
        {t("searchButton")}
      </button>
    </form>
  );
}
