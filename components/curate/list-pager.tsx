import Link from "next/link";

/** Previous/next links of a curator list (the lists read one row more than shown to know whether a next page exists). */
export function ListPager({
  page,
  hasMore,
  href,
  labels,
}: {
  page: number;
  hasMore: boolean;
  href: (page: number) => string;
  labels: { nav: string; previous: string; next: string };
}) {
  if (page <= 1 && !hasMore) return null;
  return (
    <nav aria-label={labels.nav} className="flex gap-4">
      {page > 1 ? (
        <Link href={href(page - 1)} className="underline" rel="prev">
          {labels.previous}
        </Link>
      ) : null}
      {hasMore ? (
        <Link href={href(page + 1)} className="underline" rel="next">
          {labels.next}
        </Link>
      ) : null}
    </nav>
  );
}

/** ?q= and ?page= of a curator list; an out-of-range value falls back to the default and is reported. */
export function parseListParams(
  raw: Record<string, string | string[] | undefined>,
  maxQuery: number,
): { q: string; page: number; problems: string[] } {
  const one = (field: string) => {
    const value = raw[field];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  };
  const problems: string[] = [];
  let q = one("q");
  if (q.length > maxQuery) {
    problems.push(`q: must be at most ${maxQuery} characters`);
    q = q.slice(0, maxQuery);
  }
  const pageRaw = one("page");
  let page = 1;
  if (pageRaw !== "") {
    if (/^\d{1,5}$/.test(pageRaw) && Number(pageRaw) >= 1) page = Number(pageRaw);
    else problems.push("page: must be a whole number from 1 to 99999");
  }
  return { q, page, problems };
}
