import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DateCalendar } from "@/components/date-calendar";
import { DateNearby } from "@/components/date-nearby";
import { Pager, pageHref } from "@/components/date-pager";
import { StatementList } from "@/components/date-statement-list";
import { decodeSlug } from "@/lib/api/responses";
import {
  DATE_PAGE_SIZE,
  PRECISIONS_LISTED,
  countStatementsOn,
  daysOfMonth,
  lessPreciseAround,
  monthsOfYear,
  neighbouringDates,
  pageCount,
  parseDateParam,
  parsePageParam,
  sectionStartPages,
  statementsOn,
  type DatedStatement,
} from "@/lib/db/queries/dates";
import { monthName } from "@/lib/i18n/format-date";
import { datesMessages, statementsCount } from "@/lib/i18n/messages/dates";
import { getI18n } from "@/lib/i18n/server";
import { parsePartialDate, type DatePrecision, type PartialDate } from "@/lib/validation/partial-date";

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ date: string }>; searchParams: Promise<SearchParams> };

/** The date and page asked for, or a 404 for a malformed or impossible date (2016-02-30, 2016-13, abc, 0999) or page. */
const resolve = cache(async (rawDate: string, rawPage: string | string[] | undefined) => {
  const date = parseDateParam(decodeSlug(rawDate));
  const page = parsePageParam(rawPage);
  if (!date || page === null) notFound();
  const counts = await countStatementsOn(date);
  const total = counts.day + counts.month + counts.year;
  const pages = pageCount(total, DATE_PAGE_SIZE);
  if (page > pages) notFound();
  return { date, page, counts, total, pages };
});

async function load(props: Props) {
  const [{ date }, searchParams] = await Promise.all([props.params, props.searchParams]);
  return resolve(date, searchParams.page);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { date, page, total } = await load(props);
  const { formatDate } = await getI18n();
  return {
    title: formatDate(date),
    alternates: { canonical: `/dates/${date.iso}${page > 1 ? `?page=${page}` : ""}` },
    // Every real date has a page; the empty ones are not worth a search engine's time.
    ...(total === 0 ? { robots: { index: false, follow: true } } : {}),
  };
}

const SECTION_IDS: Record<DatePrecision, string> = { day: "known-day", month: "known-month", year: "known-year" };

export default async function DatePage(props: Props) {
  const { date, page, counts, total, pages } = await load(props);
  const { locale, monthStyle, t, formatDate } = await getI18n();
  const tr = t(datesMessages);
  const year = Number(date.start.slice(0, 4));
  const month = Number(date.start.slice(5, 7));
  const day = Number(date.start.slice(8, 10));

  const [statements, nearby, lessPrecise, months, days] = await Promise.all([
    total > 0 ? statementsOn(date, { page }) : Promise.resolve([] as DatedStatement[]),
    neighbouringDates(date),
    lessPreciseAround(date),
    date.precision === "year" ? monthsOfYear(year) : Promise.resolve(null),
    date.precision === "year" ? Promise.resolve(null) : daysOfMonth(year, month),
  ]);

  const sectionLabel: Record<DatePrecision, string> = {
    day: tr("knownDay"),
    month: tr("knownMonth"),
    year: tr("knownYear"),
  };
  const sectionHelp: Record<DatePrecision, string> = {
    day: tr("knownDayHelp"),
    month: tr("knownMonthHelp"),
    year: tr("knownYearHelp"),
  };
  const starts = sectionStartPages(date, counts, DATE_PAGE_SIZE);
  const basePath = `/dates/${date.iso}`;
  const heading = tr(
    date.precision === "year" ? "headingYear" : date.precision === "month" ? "headingMonth" : "headingDay",
    { date: formatDate(date) },
  );
  const yearDate = parsePartialDate(date.start.slice(0, 4))!;
  const monthDate = parsePartialDate(date.start.slice(0, 7))!;
  const crumbs: PartialDate[] =
    date.precision === "year" ? [] : date.precision === "month" ? [yearDate] : [yearDate, monthDate];
  const listed = PRECISIONS_LISTED[date.precision];
  const groups = listed
    .map((precision) => ({ precision, items: statements.filter((s) => s.saidOn.precision === precision) }))
    .filter((group) => group.items.length > 0);

  return (
    <div className="space-y-8">
      <nav aria-label={tr("breadcrumb")}>
        <ol className="flex flex-wrap gap-x-2 text-sm text-slate-700">
          <li>
            <Link href="/dates" className="underline">
              {tr("indexTitle")}
            </Link>
          </li>
          {crumbs.map((crumb) => (
            <li key={crumb.iso}>
              <span aria-hidden="true">/ </span>
              <Link href={`/dates/${crumb.iso}`} className="underline">
                {formatDate(crumb)}
              </Link>
            </li>
          ))}
          <li>
            <span aria-hidden="true">/ </span>
            <span aria-current="page">{formatDate(date)}</span>
          </li>
        </ol>
      </nav>

      <header className="space-y-3">
        <h1 className="text-2xl font-bold">{heading}</h1>
        {total > 0 ? (
          <ul aria-label={tr("summaryLabel")} className="flex flex-wrap gap-x-6 gap-y-1 text-slate-800">
            {listed.map((precision) => {
              const start = starts[precision];
              const text = `${sectionLabel[precision]}: ${statementsCount(tr, locale, counts[precision])}`;
              return (
                <li key={precision}>
                  {start !== undefined ? (
                    <Link href={pageHref(basePath, start, SECTION_IDS[precision])} className="underline">
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
        {lessPrecise.month > 0 ? (
          <p className="text-slate-800">
            <Link href={`/dates/${monthDate.iso}`} className="underline">
              {tr("lessPreciseMonth", {
                month: formatDate(monthDate),
                statements: statementsCount(tr, locale, lessPrecise.month),
              })}
            </Link>
          </p>
        ) : null}
        {lessPrecise.year > 0 ? (
          <p className="text-slate-800">
            <Link href={`/dates/${yearDate.iso}`} className="underline">
              {tr("lessPreciseYear", {
                year: formatDate(yearDate),
                statements: statementsCount(tr, locale, lessPrecise.year),
              })}
            </Link>
          </p>
        ) : null}
      </header>

      <DateNearby date={date} previous={nearby.previous} next={nearby.next} />

      {months ? (
        <section aria-labelledby="months-heading" className="space-y-2">
          <h2 id="months-heading" className="text-lg font-semibold">
            {tr("monthsHeading", { year: formatDate(yearDate) })}
          </h2>
          <p className="text-sm text-slate-700">{tr("monthsNote")}</p>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 md:grid-cols-4">
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => {
              const count = months.get(m) ?? 0;
              const iso = `${date.iso}-${String(m).padStart(2, "0")}`;
              const name = monthName(m, locale, monthStyle);
              return (
                <li key={m} className="rounded border border-slate-200 bg-white px-3 py-2">
                  {count > 0 ? (
                    <Link href={`/dates/${iso}`} className="block">
                      <span className="block font-semibold underline">{name}</span>
                      <span className="block text-sm text-slate-700">{statementsCount(tr, locale, count)}</span>
                    </Link>
                  ) : (
                    <>
                      <span className="block text-slate-700">{name}</span>
                      <span className="block text-sm text-slate-700">{statementsCount(tr, locale, 0)}</span>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {days ? (
        <section aria-labelledby="calendar-heading" className="space-y-2">
          <h2 id="calendar-heading" className="text-lg font-semibold">
            {date.precision === "day" ? (
              <Link href={`/dates/${monthDate.iso}`} className="underline">
                {tr("calendarHeading", { month: formatDate(monthDate) })}
              </Link>
            ) : (
              tr("calendarHeading", { month: formatDate(monthDate) })
            )}
          </h2>
          <p className="text-sm text-slate-700">{tr("calendarNote")}</p>
          <DateCalendar year={year} month={month} days={days} currentDay={date.precision === "day" ? day : undefined} />
        </section>
      ) : null}

      {total === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">
          {tr(date.precision === "year" ? "emptyYear" : date.precision === "month" ? "emptyMonth" : "emptyDay")}
        </p>
      ) : (
        groups.map(({ precision, items }) => (
          <section key={precision} aria-labelledby={SECTION_IDS[precision]} className="space-y-3">
            <h2 id={SECTION_IDS[precision]} className="text-xl font-semibold">
              {sectionLabel[precision]}
              {(starts[precision] ?? page) < page ? <span className="font-normal"> {tr("continued")}</span> : null}
            </h2>
            <p className="text-sm text-slate-700">{sectionHelp[precision]}</p>
            <StatementList statements={items} />
          </section>
        ))
      )}

      <Pager basePath={basePath} page={page} pages={pages} />
    </div>
  );
}
