import Link from "next/link";
import type { RankedEntry } from "@/lib/db/queries/home";
import { homeMessages } from "@/lib/i18n/messages/home";
import { plural } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";

type Props = {
  id: string;
  heading: string;
  entries: RankedEntry[];
  /** "/speakers" or "/topics": each entry links to base/slug. */
  base: "/speakers" | "/topics";
  allLabel: string;
};

/** A ranked list of speakers or topics with their statement counts. */
export async function HomeRanking({ id, heading, entries, base, allLabel }: Props) {
  const { locale, t } = await getI18n();
  const tr = t(homeMessages);
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {entries.length === 0 ? (
        <p>{tr("listNone")}</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {entries.map((entry) => (
            <li key={entry.slug}>
              <Link
                href={`${base}/${encodeURIComponent(entry.slug)}`}
                className="flex items-baseline justify-between gap-3 px-3 py-2 underline-offset-4 hover:bg-slate-50 hover:underline"
              >
                <bdi className="font-medium">{entry.name}</bdi>
                <span className="shrink-0 text-sm text-slate-700">{plural(tr, locale, "count", entry.statements)}</span>
              </Link>
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link href={base} className="text-sm underline underline-offset-4">
          {allLabel}
        </Link>
      </p>
    </section>
  );
}
