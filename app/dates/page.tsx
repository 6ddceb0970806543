import type { Metadata } from "next";
import Link from "next/link";
import { redirectTo } from "@/lib/http/redirect";
import { undatedStatementCount, yearsWithStatements } from "@/lib/db/queries/dates";
import { datesMessages, statementsCount } from "@/lib/i18n/messages/dates";
import { getI18n } from "@/lib/i18n/server";
import { parsePartialDate } from "@/lib/validation/partial-date";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const tr = (await getI18n()).t(datesMessages);
  return { title: tr("indexTitle"), description: tr("indexIntro"), alternates: { canonical: "/dates" } };
}

export default async function DatesPage({ searchParams }: Props) {
  const { locale, t } = await getI18n();
  const tr = t(datesMessages);
  // "Go to a date" is a plain GET form: a valid date goes to its page, anything else is explained here.
  const go = (await searchParams).go;
  const typed = typeof go === "string" ? go.trim() : Array.isArray(go) ? (go[0] ?? "").trim() : null;
  const target = typed ? parsePartialDate(typed) : null;
  if (target) redirectTo(`/dates/${target.iso}`);
  const invalid = typed !== null && typed !== "";

  const [years, undated] = await Promise.all([yearsWithStatements(), undatedStatementCount()]);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{tr("indexTitle")}</h1>
        <p className="text-slate-700">{tr("indexIntro")}</p>
      </header>

      <form action="/dates" method="get" className="space-y-1">
        <label htmlFor="dates-go" className="block font-semibold">
          {tr("goLabel")}
        </label>
        <p id="dates-go-hint" className="text-sm text-slate-700">
          {tr("goHint")}
        </p>
        {invalid ? (
          <p id="dates-go-error" role="alert" className="text-sm font-semibold text-red-800">
            {tr("goInvalid", { value: typed.slice(0, 40) })}
          </p>
        ) : null}
        <div className="flex gap-2">
          <input
            id="dates-go"
            name="go"
            type="text"
            dir="ltr"
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            defaultValue={invalid ? typed.slice(0, 10) : ""}
            aria-describedby={invalid ? "dates-go-hint dates-go-error" : "dates-go-hint"}
            aria-invalid={invalid ? true : undefined}
            placeholder="2016-11"
            className="w-40 rounded border border-slate-500 px-3 py-2"
          />
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            {tr("goButton")}
          </button>
        </div>
      </form>

      <section aria-labelledby="years-heading" className="space-y-3">
        <h2 id="years-heading" className="text-xl font-semibold">
          {tr("yearsHeading")}
        </h2>
        {years.length === 0 ? (
          <p>{tr("noDatedStatements")}</p>
        ) : (
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 md:grid-cols-6">
            {years.map(({ year, count }) => (
              <li key={year}>
                <Link
                  href={`/dates/${String(year).padStart(4, "0")}`}
                  className="block rounded border border-slate-200 bg-white px-3 py-2 hover:bg-slate-50"
                >
                  <span className="block font-semibold underline">{year}</span>
                  <span className="block text-sm text-slate-700">{statementsCount(tr, locale, count)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {undated > 0 ? (
          <p className="text-slate-700">{tr("undated", { statements: statementsCount(tr, locale, undated) })}</p>
        ) : null}
      </section>
    </div>
  );
}
