import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { permanentRedirectTo } from "@/lib/http/redirect";
import { cache } from "react";
import { Pager } from "@/components/date-pager";
import { StatementList } from "@/components/date-statement-list";
import { TopicTimeline } from "@/components/topic-timeline";
import { decodeSlug } from "@/lib/api/responses";
import { pageCount, parsePageParam } from "@/lib/db/queries/dates";
import { findSlugRedirect } from "@/lib/db/queries/redirects";
import { TOPIC_STATEMENTS_PAGE_SIZE, getTopicDetail, topicStatements, topicStatistics } from "@/lib/db/queries/topics";
import type { UiLocale } from "@/lib/i18n/config";
import { feedMessages } from "@/lib/i18n/messages/feeds";
import { topicSpeakersCount, topicStatementsCount, topicsMessages } from "@/lib/i18n/messages/topics";
import { getI18n } from "@/lib/i18n/server";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const resolve = cache(async (rawSlug: string, rawPage: string | string[] | undefined, locale: UiLocale) => {
  const page = parsePageParam(rawPage);
  if (page === null) notFound();
  const slug = decodeSlug(rawSlug);
  const topic = await getTopicDetail(slug, locale);
  if (!topic) {
    // A merged topic's old address leads to the topic it was merged into.
    const target = await findSlugRedirect("topic", slug);
    if (target) permanentRedirectTo(`/topics/${encodeURIComponent(target)}`);
    notFound();
  }
  const stats = await topicStatistics(topic.id);
  const pages = pageCount(stats.statementCount, TOPIC_STATEMENTS_PAGE_SIZE);
  if (page > pages) notFound();
  return { topic, stats, page, pages };
});

async function load(props: Props) {
  const [{ slug }, searchParams, { locale }] = await Promise.all([props.params, props.searchParams, getI18n()]);
  return resolve(slug, searchParams.page, locale);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { topic, stats, page } = await load(props);
  const { locale, t } = await getI18n();
  const tr = t(topicsMessages);
  const path = `/topics/${encodeURIComponent(topic.slug)}`;
  return {
    title: topic.name,
    description:
      stats.statementCount > 0
        ? `${topic.name}: ${tr("summary", { statements: topicStatementsCount(tr, locale, stats.statementCount), speakers: topicSpeakersCount(tr, locale, stats.speakerCount) })}`
        : topic.name,
    alternates: {
      canonical: page > 1 ? `${path}?page=${page}` : path,
      types: {
        "application/atom+xml": [
          { url: `${path}/feed.xml`, title: t(feedMessages)("topicFeedTitle", { topic: topic.name }) },
        ],
      },
    },
  };
}

const LANGUAGE_ORDER = ["ar", "en", "de"] as const;

export default async function TopicPage(props: Props) {
  const { topic, stats, page, pages } = await load(props);
  const { locale, t } = await getI18n();
  const tr = t(topicsMessages);
  const statements = stats.statementCount > 0 ? await topicStatements(topic.id, page) : [];
  const { topSpeakers: speakers, timeline } = stats;
  const path = `/topics/${encodeURIComponent(topic.slug)}`;
  const parent = topic.ancestors[topic.ancestors.length - 1];
  const languageLabel = { ar: tr("languageAr"), en: tr("languageEn"), de: tr("languageDe") };
  const names = LANGUAGE_ORDER.flatMap((language) => {
    const name = topic.names[language];
    return name ? [{ language, name }] : [];
  });
  const showCanonical = !names.some((n) => n.name === topic.canonicalName);

  return (
    <div className="space-y-8">
      <nav aria-label={tr("breadcrumb")}>
        <ol className="flex flex-wrap gap-x-2 text-sm text-slate-700">
          <li>
            <Link href="/topics" className="underline">
              {tr("indexTitle")}
            </Link>
          </li>
          {topic.ancestors.map((ancestor) => (
            <li key={ancestor.slug}>
              <span aria-hidden="true">/ </span>
              <Link href={`/topics/${encodeURIComponent(ancestor.slug)}`} className="underline">
                <bdi>{ancestor.name}</bdi>
              </Link>
            </li>
          ))}
          <li>
            <span aria-hidden="true">/ </span>
            <span aria-current="page">
              <bdi>{topic.name}</bdi>
            </span>
          </li>
        </ol>
      </nav>

      <header className="space-y-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">{tr("topicLabel")}</p>
        <h1 className="text-3xl font-bold">
          <bdi>{topic.name}</bdi>
        </h1>
        <p className="text-slate-800">
          {stats.statementCount > 0
            ? tr("summary", {
                statements: topicStatementsCount(tr, locale, stats.statementCount),
                speakers: topicSpeakersCount(tr, locale, stats.speakerCount),
              })
            : tr("noStatements")}
        </p>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-slate-800">
          {names.length > 0 || showCanonical ? (
            <>
              <dt className="font-semibold">{tr("namesHeading")}</dt>
              <dd>
                <ul className="flex flex-wrap gap-x-4">
                  {names.map(({ language, name }) => (
                    <li key={language}>
                      {languageLabel[language]}:{" "}
                      <span lang={language} dir="auto">
                        {name}
                      </span>
                    </li>
                  ))}
                  {showCanonical ? (
                    <li>
                      {tr("canonicalName")}: <bdi>{topic.canonicalName}</bdi>
                    </li>
                  ) : null}
                </ul>
              </dd>
            </>
          ) : null}
          {parent ? (
            <>
              <dt className="font-semibold">{tr("partOf")}</dt>
              <dd>
                <Link href={`/topics/${encodeURIComponent(parent.slug)}`} className="underline">
                  <bdi>{parent.name}</bdi>
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
        {stats.statementCount > 0 ? (
          <p>
            <Link href={`/search?topic=${encodeURIComponent(topic.slug)}`} className="underline">
              {tr("searchTopic")}
            </Link>
          </p>
        ) : null}
      </header>

      {topic.children.length > 0 ? (
        <section aria-labelledby="subtopics-heading" className="space-y-2">
          <h2 id="subtopics-heading" className="text-xl font-semibold">
            {tr("subtopicsHeading")}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {topic.children.map((child) => (
              <li key={child.slug} className="rounded border border-slate-200 bg-white px-3 py-1">
                <Link href={`/topics/${encodeURIComponent(child.slug)}`} className="underline">
                  <bdi>{child.name}</bdi>
                </Link>{" "}
                <span className="text-sm text-slate-700">
                  ({topicStatementsCount(tr, locale, child.statementCount)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {stats.statementCount > 0 ? (
        <div className="grid gap-8 md:grid-cols-2">
          <section aria-labelledby="timeline-heading" className="space-y-2">
            <h2 id="timeline-heading" className="text-xl font-semibold">
              {tr("timelineHeading")}
            </h2>
            <TopicTimeline timeline={timeline} topicSlug={topic.slug} />
          </section>
          <section aria-labelledby="speakers-heading" className="space-y-2">
            <h2 id="speakers-heading" className="text-xl font-semibold">
              {tr("speakersHeading")}
            </h2>
            <ol className="space-y-1">
              {speakers.map((speaker) => (
                <li key={speaker.slug}>
                  <Link href={`/speakers/${encodeURIComponent(speaker.slug)}`} className="underline">
                    <bdi>{speaker.name}</bdi>
                  </Link>
                  : {topicStatementsCount(tr, locale, speaker.count)}
                </li>
              ))}
            </ol>
            {stats.speakerCount > speakers.length ? (
              <p className="text-sm text-slate-700">
                {tr("speakersShown", { shown: speakers.length, total: stats.speakerCount })}
              </p>
            ) : null}
          </section>
        </div>
      ) : null}

      {stats.statementCount > 0 ? (
        <section aria-labelledby="statements" className="space-y-4">
          <h2 id="statements" className="text-xl font-semibold">
            {tr("statementsHeading")}
          </h2>
          <StatementList statements={statements} />
          <Pager basePath={path} page={page} pages={pages} fragment="statements" />
        </section>
      ) : null}
    </div>
  );
}
