import Link from "next/link";
import { datesMessages } from "@/lib/i18n/messages/dates";
import { getI18n } from "@/lib/i18n/server";
import type { PartialDate } from "@/lib/validation/partial-date";

type Props = { date: PartialDate; previous: PartialDate | null; next: PartialDate | null };

/** Links to the nearest earlier and later dates of the same granularity that have statements. */
export async function DateNearby({ date, previous, next }: Props) {
  const { t, dir, formatDate } = await getI18n();
  const tr = t(datesMessages);
  const [before, after] = dir === "rtl" ? ["→", "←"] : ["←", "→"];
  const none =
    date.precision === "year"
      ? ([tr("noPreviousYear"), tr("noNextYear")] as const)
      : date.precision === "month"
        ? ([tr("noPreviousMonth"), tr("noNextMonth")] as const)
        : ([tr("noPreviousDay"), tr("noNextDay")] as const);
  return (
    <nav
      aria-label={tr("nearbyLabel")}
      className="flex flex-wrap justify-between gap-4 rounded border border-slate-200 bg-white p-3"
    >
      {previous ? (
        <Link href={`/dates/${previous.iso}`} className="underline">
          <span aria-hidden="true">{before}</span> {tr("previous", { date: formatDate(previous) })}
        </Link>
      ) : (
        <span className="text-slate-700">{none[0]}</span>
      )}
      {next ? (
        <Link href={`/dates/${next.iso}`} className="underline">
          {tr("next", { date: formatDate(next) })} <span aria-hidden="true">{after}</span>
        </Link>
      ) : (
        <span className="text-slate-700">{none[1]}</span>
      )}
    </nav>
  );
}
