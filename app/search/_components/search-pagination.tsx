import Link from "next/link";
import { searchMessages } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";
import { searchHref, type SearchState } from "../_lib/search-url";

/** 1 … 4 5 [6] 7 8 … 20: the first, the last, and two either side of the current page. */
export function pageWindow(page: number, totalPages: number): Array<number | "gap"> {
  const pages = new Set([1, totalPages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= totalPages) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: Array<number | "gap"> = [];
  sorted.forEach((p, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous > 1) out.push(p - previous === 2 ? p - 1 : "gap");
    out.push(p);
  });
  return out;
}

/** Previous / numbered / next links; each keeps every other parameter of the search. */
export async function SearchPagination({
  state,
  page,
  totalPages,
}: {
  state: SearchState;
  page: number;
  totalPages: number;
}) {
  const { t, formatNumber } = await getI18n();
  const tr = t(searchMessages);
  if (totalPages <= 1) return null;
  const href = (p: number) => searchHref(state, { set: "page", value: String(p) });
  const box = "inline-flex min-w-10 items-center justify-center rounded border px-3 py-1.5";
  return (
    <nav aria-label={tr("paginationLabel")}>
      <ul className="flex flex-wrap items-center gap-1">
        <li>
          {page > 1 ? (
            <Link
              href={href(page - 1)}
              rel="prev"
              prefetch={false}
              className={`${box} border-slate-500 bg-white hover:bg-slate-100`}
            >
              {tr("previous")}
            </Link>
          ) : (
            <span aria-disabled="true" className={`${box} border-slate-300 text-slate-600`}>
              {tr("previous")}
            </span>
          )}
        </li>
        {pageWindow(page, totalPages).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={href(p)}
                prefetch={false}
                aria-label={tr("pageNumber", { page: p })}
                aria-current={p === page ? "page" : undefined}
                className={`${box} ${p === page ? "border-slate-900 bg-slate-900 font-semibold text-white" : "border-slate-500 bg-white hover:bg-slate-100"}`}
              >
                {formatNumber(p)}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < totalPages ? (
            <Link
              href={href(page + 1)}
              rel="next"
              prefetch={false}
              className={`${box} border-slate-500 bg-white hover:bg-slate-100`}
            >
              {tr("next")}
            </Link>
          ) : (
            <span aria-disabled="true" className={`${box} border-slate-300 text-slate-600`}>
              {tr("next")}
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
