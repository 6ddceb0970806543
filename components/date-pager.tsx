import Link from "next/link";
import { datesMessages } from "@/lib/i18n/messages/dates";
import { getI18n } from "@/lib/i18n/server";

type Props = {
  /** The page's own path, already percent-encoded where needed ("/topics/%D8%AD%D9%84%D8%A8"). */
  basePath: string;
  page: number;
  pages: number;
  /** Accessible name of the navigation landmark (unique on the page). */
  label?: string;
  /** Fragment to land on (without "#"), e.g. the list's heading. */
  fragment?: string;
};

/** href of page n of a list: the first page has no parameter, so it has one address. */
export function pageHref(basePath: string, page: number, fragment?: string): string {
  return `${basePath}${page > 1 ? `?page=${page}` : ""}${fragment ? `#${fragment}` : ""}`;
}

/** Previous/next links of a paginated list, as plain links (works without JavaScript). Renders nothing for a single page. */
export async function Pager({ basePath, page, pages, label, fragment }: Props) {
  if (pages <= 1) return null;
  const { t, dir } = await getI18n();
  const tr = t(datesMessages);
  const [before, after] = dir === "rtl" ? ["→", "←"] : ["←", "→"];
  return (
    <nav
      aria-label={label ?? tr("pagesLabel")}
      className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-4"
    >
      {page > 1 ? (
        <Link href={pageHref(basePath, page - 1, fragment)} rel="prev" className="rounded px-2 py-1 underline">
          <span aria-hidden="true">{before}</span> {tr("previousPage")}
        </Link>
      ) : null}
      <span>{tr("pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link href={pageHref(basePath, page + 1, fragment)} rel="next" className="rounded px-2 py-1 underline">
          {tr("nextPage")} <span aria-hidden="true">{after}</span>
        </Link>
      ) : null}
    </nav>
  );
}
