import Link from "next/link";
import { monthGrid } from "@/lib/db/queries/dates";
import { formatPartialDate, monthName } from "@/lib/i18n/format-date";
import { datesMessages, statementsCount, weekStartsOn } from "@/lib/i18n/messages/dates";
import { getI18n } from "@/lib/i18n/server";
import { parsePartialDate } from "@/lib/validation/partial-date";

type Props = {
  year: number;
  month: number;
  /** Statements known to the day, per day of the month. */
  days: Map<number, number>;
  /** The day whose page this is (marked as the current date). */
  currentDay?: number;
};

const WEEKDAY_KEYS = ["weekday0", "weekday1", "weekday2", "weekday3", "weekday4", "weekday5", "weekday6"] as const;
const WEEKDAY_SHORT_KEYS = [
  "weekdayShort0",
  "weekdayShort1",
  "weekdayShort2",
  "weekdayShort3",
  "weekdayShort4",
  "weekdayShort5",
  "weekdayShort6",
] as const;

/**
 * A month as a table: weekday headers in the interface language, the week
 * starting as the reader's calendar does; days with statements known to the
 * day link to their page.
 */
export async function DateCalendar({ year, month, days, currentDay }: Props) {
  const { locale, monthStyle, t } = await getI18n();
  const tr = t(datesMessages);
  const first = weekStartsOn(locale);
  const order = Array.from({ length: 7 }, (_, i) => (first + i) % 7);
  const weeks = monthGrid(year, month, first);
  const ym = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
  const title = `${monthName(month, locale, monthStyle)} ${year}`;
  return (
    <table className="w-full max-w-md table-fixed border-collapse text-center">
      {/* The table's name; the section's heading shows it to the eye. */}
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          {order.map((d) => {
            const full = tr(WEEKDAY_KEYS[d]!);
            const short = tr(WEEKDAY_SHORT_KEYS[d]!);
            return (
              <th key={d} scope="col" className="px-1 py-1 text-xs font-semibold text-slate-700">
                {short === full ? (
                  full
                ) : (
                  <abbr title={full} className="no-underline">
                    {short}
                  </abbr>
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, i) => {
              if (day === null) return <td key={i} className="p-1" />;
              const count = days.get(day) ?? 0;
              const current = day === currentDay;
              const iso = `${ym}-${String(day).padStart(2, "0")}`;
              const date = parsePartialDate(iso)!;
              return (
                <td key={i} className="p-1">
                  {count > 0 ? (
                    <Link
                      href={`/dates/${iso}`}
                      aria-current={current ? "date" : undefined}
                      className={`block rounded px-1 py-1 font-semibold underline ${current ? "bg-slate-900 text-white" : "bg-amber-100 text-slate-900"}`}
                    >
                      {day}
                      <span className="sr-only">
                        {" — "}
                        {tr("calendarDayCount", {
                          date: formatPartialDate(date, locale, monthStyle),
                          statements: statementsCount(tr, locale, count),
                        })}
                      </span>
                    </Link>
                  ) : (
                    <span
                      aria-current={current ? "date" : undefined}
                      className={`block rounded px-1 py-1 text-slate-700 ${current ? "border-2 border-slate-900 font-semibold" : ""}`}
                    >
                      {day}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
