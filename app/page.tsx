import type { Metadata } from "next";
import Link from "next/link";
import { HomeRanking } from "@/components/home-ranking";
import { SearchForm } from "@/components/search-form";
import { StatementCard } from "@/components/statement-card";
import { homeLatestStatements, homeTotals, mostActiveSpeakers, mostActiveTopics } from "@/lib/db/queries/home";
import { commonMessages } from "@/lib/i18n/messages/common";
import { feedMessages } from "@/lib/i18n/messages/feeds";
import { homeMessages } from "@/lib/i18n/messages/home";
import { getI18n } from "@/lib/i18n/server";

// The home page reads Postgres only, so it keeps working when search is down.

const LATEST = 6;
const RANKED = 8;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  const title = t(feedMessages)("siteFeedTitle", { site: t(commonMessages)("siteName") });
  return { alternates: { types: { "application/atom+xml": [{ url: "/feed.xml", title }] } } };
}

export default async function HomePage() {
  const { locale, t } = await getI18n();
  const tr = t(homeMessages);
  const [totals, latest, speakers, topics] = await Promise.all([
    homeTotals(),
    homeLatestStatements(locale, LATEST),
    mostActiveSpeakers(locale, RANKED),
    mostActiveTopics(locale, RANKED),
  ]);
  const count = (base: "totalStatements" | "totalSpeakers" | "totalTopics", n: number) =>
    tr(n === 1 ? `${base}One` : `${base}Other`, { count: n });
  return (
    <div className="space-y-10">
      <section aria-labelledby="home-heading" className="space-y-4">
        <h1 id="home-heading" className="text-3xl font-bold">
          {tr("heading")}
        </h1>
        <p className="max-w-3xl text-slate-700">{tr("intro")}</p>
        <SearchForm />
        <p className="text-slate-700">
          {tr("totals", {
            statements: count("totalStatements", totals.statements),
            speakers: count("totalSpeakers", totals.speakers),
            topics: count("totalTopics", totals.topics),
          })}
        </p>
      </section>
      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-labelledby="home-latest" className="min-w-0 space-y-4">
          <h2 id="home-latest" className="text-xl font-semibold">
            {tr("latestHeading")}
          </h2>
          {latest.length === 0 ? (
            <p>{tr("latestNone")}</p>
          ) : (
            <ol className="space-y-4">
              {latest.map((statement) => (
                <li key={statement.id}>
                  <StatementCard statement={statement} />
                </li>
              ))}
            </ol>
          )}
          <p>
            <Link href="/search?sort=newest" className="underline underline-offset-4">
              {tr("latestAll")}
            </Link>
          </p>
        </section>
        <div className="space-y-10">
          <HomeRanking
            id="home-speakers"
            heading={tr("speakersHeading")}
            entries={speakers}
            base="/speakers"
            allLabel={tr("speakersAll")}
          />
          <HomeRanking
            id="home-topics"
            heading={tr("topicsHeading")}
            entries={topics}
            base="/topics"
            allLabel={tr("topicsAll")}
          />
        </div>
      </div>
    </div>
  );
}
