import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { speakerMessages } from "@/lib/i18n/messages/speakers";

type Props = {
  page: number;
  pages: number;
  /** The address of a page (1-based). */
  href: (page: number) => string;
  /** Distinguishes several pagination landmarks on one page. */
  label?: string;
};

/** Previous / next links and "page N of M": plain links, so paging works without JavaScript. */
export async function SpeakerPagination({ page, pages, href, label }: Props) {
  const { t } = await getI18n();
  const tr = t(speakerMessages);
  if (pages <= 1) return null;
  const linkClass = "rounded border border-slate-400 px-3 py-1 underline-offset-4 hover:underline";
  return (
    <nav aria-label={label ?? tr("pagination")} className="flex flex-wrap items-center gap-3">
      {page > 1 ? (
        <Link href={href(Math.min(page - 1, pages))} rel="prev" className={linkClass}>
          <span aria-hidden="true">‹ </span>
          {tr("previousPage")}
        </Link>
      ) : null}
      <span aria-current="page">{tr("pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={linkClass}>
          {tr("nextPage")}
          <span aria-hidden="true"> ›</span>
        </Link>
      ) : null}
    </nav>
  );
}
