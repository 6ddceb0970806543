import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/copy-button";
import { KindLabel } from "@/components/kind-label";
import { StatementText } from "@/components/statement-text";
import { parseId } from "@/lib/api/responses";
import { getPublicStatement, type PublicStatement, type StatementLink } from "@/lib/db/queries/statements";
import { statementMessages } from "@/lib/i18n/messages/statement";
import { getI18n, type I18n } from "@/lib/i18n/server";
import { isSupportedLanguage, LANGUAGES } from "@/lib/languages";
import { siteUrl } from "@/lib/site-url";

type Props = { params: Promise<{ id: string }> };

async function load(props: Props): Promise<PublicStatement> {
  const id = parseId((await props.params).id);
  if (typeof id !== "number") notFound();
  const statement = await getPublicStatement(id);
  if (!statement) notFound();
  return statement;
}

function excerpt(text: string, length: number): string {
  const chars = Array.from(text);
  return chars.length > length ? `${chars.slice(0, length).join("")}…` : text;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const statement = await load(props);
  const base = await siteUrl();
  const url = `${base}/statements/${statement.id}`;
  const title = `${statement.speaker.name}: ${excerpt(statement.text, 60)}`;
  const description = excerpt(statement.text, 200);
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { type: "article", url, title, description, locale: statement.language },
    twitter: { card: "summary", title, description },
    robots: statement.status === "retracted" ? { index: false } : undefined,
  };
}

/** Readers' citation: who, when, the words, where reported, and this page. */
function citationOf(statement: PublicStatement, url: string, i18n: I18n, today: string): string {
  const source = statement.sources[0];
  const parts = [
    `${statement.speaker.name} (${statement.saidOn ? i18n.formatDate(statement.saidOn) : "n.d."}).`,
    `“${statement.text}”.`,
    source ? [source.outlet, source.title ? `“${source.title}”` : null, source.publishedOn ? i18n.formatDate(source.publishedOn) : null, source.url].filter(Boolean).join(", ") + "." : null,
    `${url} (${today}).`,
  ];
  return parts.filter(Boolean).join(" ");
}

/** schema.org Quotation, escaped so that no text can close the script element. */
function quotationJsonLd(statement: PublicStatement, url: string, base: string): string {
  const source = statement.sources[0];
  const data = {
    "@context": "https://schema.org",
    "@type": "Quotation",
    "@id": url,
    url,
    text: statement.text,
    inLanguage: statement.language,
    creator: {
      "@type": statement.speaker.kind === "person" ? "Person" : "Organization",
      name: statement.speaker.name,
      url: `${base}/speakers/${encodeURIComponent(statement.speaker.slug)}`,
    },
    ...(statement.saidOn ? { dateCreated: statement.saidOn.iso } : {}),
    ...(statement.topics.length ? { about: statement.topics.map((t) => ({ "@type": "Thing", name: t.name })) } : {}),
    ...(source
      ? {
          isBasedOn: {
            "@type": "NewsArticle",
            ...(source.title ? { headline: source.title } : {}),
            ...(source.url ? { url: source.url } : {}),
            ...(source.outlet ? { publisher: { "@type": "Organization", name: source.outlet } } : {}),
            ...(source.publishedOn ? { datePublished: source.publishedOn.iso } : {}),
          },
        }
      : {}),
  };
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function LinkList({ title, links }: { title: string; links: StatementLink[] }) {
  if (links.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      <ul className="space-y-2">
        {links.map((link) => (
          <li key={link.id}>
            <Link href={`/statements/${link.id}`} className="underline">
              <bdi>{link.speaker.name}</bdi>:{" "}
              <span lang={link.language} dir="auto">
                {excerpt(link.text, 140)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

const ATTRIBUTION_KEYS = {
  own_channel: "attributionOwnChannel",
  secondary: "attributionSecondary",
  disputed: "attributionDisputed",
  misattributed: "attributionMisattributed",
} as const;

export default async function StatementPage(props: Props) {
  const statement = await load(props);
  const i18n = await getI18n();
  const t = i18n.t(statementMessages);
  const base = await siteUrl();
  const url = `${base}/statements/${statement.id}`;
  const today = new Date().toISOString().slice(0, 10);
  const citation = citationOf(statement, url, i18n, t("retrieved", { date: today }));
  const attributionKey = ATTRIBUTION_KEYS[statement.attribution as keyof typeof ATTRIBUTION_KEYS] ?? "attributionSecondary";
  const languageName = isSupportedLanguage(statement.language)
    ? i18n.locale === "ar"
      ? LANGUAGES[statement.language].nativeName
      : LANGUAGES[statement.language].englishName
    : statement.language;

  return (
    <article className="space-y-6">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: quotationJsonLd(statement, url, base) }} />
      {statement.status === "retracted" ? (
        <p role="note" className="rounded border border-red-300 bg-red-50 p-3 font-semibold">
          {t("retractedBecause", { reason: statement.retractionReason ?? "" })}
        </p>
      ) : null}
      <h1 className="text-xl font-semibold">
        <Link href={`/speakers/${encodeURIComponent(statement.speaker.slug)}`} className="underline-offset-4 hover:underline">
          <bdi>{statement.speaker.name}</bdi>
        </Link>
      </h1>
      <StatementText
        text={statement.text}
        language={statement.language}
        kind={statement.kind}
        className={`text-2xl leading-relaxed ${statement.status === "retracted" ? "line-through decoration-red-400" : ""}`}
      />
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="font-semibold">{t("saidOn")}</dt>
        <dd>
          {statement.saidOn ? (
            <Link href={`/dates/${statement.saidOn.iso}`} className="underline">
              {i18n.formatDate(statement.saidOn)}
            </Link>
          ) : (
            "—"
          )}{" "}
          {statement.saidOnApproximate ? t("approximate") : null} <KindLabel kind={statement.kind} />
        </dd>
        {statement.reportedOn ? (
          <>
            <dt className="font-semibold">{t("reportedOn")}</dt>
            <dd>{i18n.formatDate(statement.reportedOn)}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("attribution")}</dt>
        <dd>
          {t(attributionKey)}
          {statement.attributionNote ? <span className="block text-slate-700">{statement.attributionNote}</span> : null}
        </dd>
        {statement.translatedBy ? (
          <>
            <dt className="sr-only">{t("translations")}</dt>
            <dd className="col-span-2">{t("translatedBy", { name: statement.translatedBy })}</dd>
          </>
        ) : null}
        {statement.context ? (
          <>
            <dt className="font-semibold">{t("context")}</dt>
            <dd dir="auto">{statement.context}</dd>
          </>
        ) : null}
        {statement.topics.length > 0 ? (
          <>
            <dt className="font-semibold">{t("topics")}</dt>
            <dd>
              <ul className="flex flex-wrap gap-2">
                {statement.topics.map((topic) => (
                  <li key={topic.slug}>
                    <Link href={`/topics/${encodeURIComponent(topic.slug)}`} className="underline">
                      {topic.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      {statement.sources.length > 0 ? (
        <section className="space-y-1">
          <h2 className="text-lg font-semibold">{t("reportedIn")}</h2>
          <ul>
            {statement.sources.map((source, i) => (
              <li key={i} dir="auto">
                {source.url ? (
                  <a href={source.url} rel="noopener noreferrer nofollow ugc" className="underline">
                    {source.title ?? source.url}
                  </a>
                ) : (
                  (source.title ?? t("untitledSource"))
                )}
                {source.outlet ? <> — <bdi>{source.outlet}</bdi></> : null}
                {source.publishedOn ? `, ${i18n.formatDate(source.publishedOn)}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <LinkList title={t("originalWording")} links={statement.translationOf ? [statement.translationOf] : []} />
      <LinkList title={t("translations")} links={statement.translations} />
      <LinkList title={t("respondsTo")} links={statement.respondsTo} />
      <LinkList title={t("responses")} links={statement.responses} />
      <section aria-labelledby="cite-heading" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="cite-heading" className="text-lg font-semibold">
          {t("citeThis")}
        </h2>
        <p dir="auto" className="select-all text-sm" data-testid="citation">
          {citation}
        </p>
        <p className="text-xs text-slate-700">{t("citationLanguage", { language: languageName })}</p>
        <CopyButton text={citation} label={t("copyCitation")} copiedLabel={t("copied")} />
      </section>
    </article>
  );
}
