import type { Metadata } from "next";
import Link from "next/link";
import { CopyButton } from "@/components/copy-button";
import { JsonLd, speakerSchemaType } from "@/components/json-ld";
import { KindLabel } from "@/components/kind-label";
import { StatementText } from "@/components/statement-text";
import type { PublicStatement, StatementLink } from "@/lib/db/queries/statements";
import type { PublicReview } from "@/lib/db/reviews";
import { statementMessages } from "@/lib/i18n/messages/statement";
import { getI18n, type I18n } from "@/lib/i18n/server";
import { statementTitle } from "@/lib/embed/oembed";
import { EMBED_SIZE, embedIframe, embedPath } from "@/lib/embed/paths";
import { isSupportedLanguage, LANGUAGES } from "@/lib/languages";
import { siteUrl } from "@/lib/site-url";
import { loadPublicStatement, type StatementPageProps } from "../_lib/load-statement";

type Props = StatementPageProps;

const load = loadPublicStatement;

function excerpt(text: string, length: number): string {
  const chars = Array.from(text);
  return chars.length > length ? `${chars.slice(0, length).join("")}…` : text;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const statement = await load(props);
  const base = await siteUrl();
  const url = `${base}/statements/${statement.id}`;
  const title = statementTitle(statement);
  const description = excerpt(statement.text, 200);
  return {
    title,
    description,
    // oEmbed discovery: a consumer given this page's address finds the card's iframe (app/api/oembed).
    alternates: { canonical: url, types: { "application/json+oembed": [{ url: oembedUrl(base, url), title }] } },
    openGraph: { type: "article", url, title, description, locale: statement.language },
    twitter: { card: "summary", title, description },
    robots: statement.status === "retracted" ? { index: false } : undefined,
  };
}

function oembedUrl(base: string, statementUrl: string): string {
  return `${base}/api/oembed?${new URLSearchParams({ url: statementUrl, format: "json" }).toString()}`;
}

/**
 * A value from the data inside the citation's sentence, between Unicode isolates (FSI … PDI): an
 * Arabic quote or name then keeps its own direction without turning the sentence's quotation
 * marks and punctuation around it (they came out mirrored). Characters, not markup, so that the
 * copied citation keeps them too.
 */
function isolated(value: string): string {
  return `\u2068${value}\u2069`;
}

/** Readers' citation: who, when, the words, where reported, and this page. */
function citationOf(statement: PublicStatement, url: string, i18n: I18n, today: string): string {
  const source = statement.reports[0]?.source;
  const parts = [
    `${isolated(statement.speaker.name)} (${statement.saidOn ? i18n.formatDate(statement.saidOn) : "n.d."}).`,
    `“${isolated(statement.text)}”.`,
    source
      ? [
          source.outlet ? isolated(source.outlet) : null,
          source.title ? `“${isolated(source.title)}”` : null,
          source.publishedOn ? i18n.formatDate(source.publishedOn) : null,
          source.url,
        ]
          .filter(Boolean)
          .join(", ") + "."
      : null,
    `${url} (${today}).`,
  ];
  return parts.filter(Boolean).join(" ");
}

/** schema.org Quotation (written by <JsonLd>, escaped so that no text can close the script element). */
function quotationJsonLd(statement: PublicStatement, url: string, base: string) {
  const source = statement.reports[0]?.source;
  const data = {
    "@context": "https://schema.org",
    "@type": "Quotation",
    "@id": url,
    url,
    text: statement.text,
    inLanguage: statement.language,
    creator: {
      "@type": speakerSchemaType(statement.speaker.kind),
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
  return data;
}

/** schema.org ClaimReview of one fact-check, beside the Quotation: the claim is the statement, by its speaker. */
function claimReviewJsonLd(statement: PublicStatement, review: PublicReview, url: string, base: string) {
  const source = statement.reports[0]?.source;
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: review.url,
    datePublished: review.reviewedOn.iso,
    author: {
      "@type": "Organization",
      name: review.reviewer.name,
      ...(review.reviewer.url ? { url: review.reviewer.url } : {}),
    },
    claimReviewed: statement.text,
    itemReviewed: {
      "@type": "Claim",
      "@id": url,
      author: {
        "@type": speakerSchemaType(statement.speaker.kind),
        name: statement.speaker.name,
        url: `${base}/speakers/${encodeURIComponent(statement.speaker.slug)}`,
      },
      ...(statement.saidOn ? { datePublished: statement.saidOn.iso } : {}),
      ...(source?.url ? { appearance: { "@type": "CreativeWork", url: source.url } } : {}),
    },
    reviewRating: {
      "@type": "Rating",
      alternateName: review.rating,
      ...(review.ratingValue !== null ? { ratingValue: review.ratingValue } : {}),
      ...(review.bestRating !== null ? { bestRating: review.bestRating, worstRating: review.worstRating } : {}),
    },
  };
}

function Reviews({ reviews, i18n }: { reviews: PublicReview[]; i18n: I18n }) {
  if (reviews.length === 0) return null;
  const t = i18n.t(statementMessages);
  return (
    <section aria-labelledby="reviews-heading" className="space-y-2">
      <h2 id="reviews-heading" className="text-lg font-semibold">
        {t("reviews")}
      </h2>
      <ul className="space-y-3">
        {reviews.map((review) => (
          <li key={review.id} className="rounded border border-slate-200 bg-white p-3" data-testid="review">
            <p>
              <strong>
                <bdi>{review.rating}</bdi>
              </strong>
              {review.ratingValue !== null && review.bestRating !== null && review.worstRating !== null ? (
                <span className="text-slate-700">
                  {" "}
                  (
                  {t("reviewScale", {
                    value: i18n.formatNumber(review.ratingValue),
                    worst: i18n.formatNumber(review.worstRating),
                    best: i18n.formatNumber(review.bestRating),
                  })}
                  )
                </span>
              ) : null}
            </p>
            <p className="text-sm">
              {t("reviewBy")}{" "}
              {review.reviewer.url ? (
                <a href={review.reviewer.url} rel="noopener noreferrer nofollow ugc" className="underline">
                  <bdi>{review.reviewer.name}</bdi>
                </a>
              ) : (
                <bdi>{review.reviewer.name}</bdi>
              )}
              , <time dateTime={review.reviewedOn.iso}>{i18n.formatDate(review.reviewedOn)}</time> ·{" "}
              <a href={review.url} rel="noopener noreferrer nofollow ugc" className="underline">
                {t("reviewRead")}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
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
              <bdi lang={link.language} dir="auto">
                {excerpt(link.text, 140)}
              </bdi>
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
  const embedCode = embedIframe(`${base}${embedPath(statement.id)}`, statementTitle(statement), EMBED_SIZE);
  const attributionKey =
    ATTRIBUTION_KEYS[statement.attribution as keyof typeof ATTRIBUTION_KEYS] ?? "attributionSecondary";
  const languageName = isSupportedLanguage(statement.language)
    ? i18n.locale === "ar"
      ? LANGUAGES[statement.language].nativeName
      : LANGUAGES[statement.language].englishName
    : statement.language;

  return (
    <article className="space-y-6">
      <JsonLd data={quotationJsonLd(statement, url, base)} />
      {statement.reviews.map((review) => (
        <JsonLd key={review.id} data={claimReviewJsonLd(statement, review, url, base)} />
      ))}
      {statement.status === "retracted" ? (
        <p role="note" className="rounded border border-red-300 bg-red-50 p-3 font-semibold">
          {t("retractedBecause", { reason: statement.retractionReason ?? "" })}
        </p>
      ) : null}
      <h1 className="text-xl font-semibold">
        <Link
          href={`/speakers/${encodeURIComponent(statement.speaker.slug)}`}
          className="underline-offset-4 hover:underline"
        >
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
      {statement.reports.length > 0 ? (
        <section className="space-y-1" aria-labelledby="reports-heading">
          <h2 id="reports-heading" className="text-lg font-semibold">
            {t("reportedIn")}
          </h2>
          {/* Oldest first: the first is where the statement was first reported; each in its own wording. */}
          <ol className="space-y-2">
            {statement.reports.map((report, i) => (
              <li key={i} dir="auto" data-testid="report">
                {report.source.url ? (
                  <a href={report.source.url} rel="noopener noreferrer nofollow ugc" className="underline">
                    {report.source.title ?? report.source.url}
                  </a>
                ) : (
                  (report.source.title ?? t("untitledSource"))
                )}
                {report.source.outlet ? (
                  <>
                    {" "}
                    — <bdi>{report.source.outlet}</bdi>
                  </>
                ) : null}
                {report.reportedOn ? `, ${i18n.formatDate(report.reportedOn)}` : ""}
                {i === 0 && statement.reports.length > 1 ? (
                  <span className="ms-2 rounded bg-slate-100 px-1 text-xs">{t("firstReport")}</span>
                ) : null}
                {report.text !== statement.text ? (
                  <blockquote
                    lang={statement.language}
                    dir="auto"
                    className="mt-1 border-s-2 border-slate-300 ps-2 text-sm text-slate-700"
                  >
                    <span className="sr-only">{t("reportWording")} </span>
                    {report.text}
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <Reviews reviews={statement.reviews} i18n={i18n} />
      <LinkList title={t("originalWording")} links={statement.translationOf ? [statement.translationOf] : []} />
      <LinkList title={t("translations")} links={statement.translations} />
      <LinkList title={t("respondsTo")} links={statement.respondsTo} />
      <LinkList title={t("responses")} links={statement.responses} />
      <section aria-labelledby="cite-heading" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="cite-heading" className="text-lg font-semibold">
          {t("citeThis")}
        </h2>
        {/* The sentence is in the interface's direction; the values in it are isolated (citationOf). */}
        <p dir={i18n.dir} className="select-all text-sm" data-testid="citation">
          {citation}
        </p>
        <p className="text-xs text-slate-700">{t("citationLanguage", { language: languageName })}</p>
        <CopyButton text={citation} label={t("copyCitation")} copiedLabel={t("copied")} />
      </section>
      <details className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-lg font-semibold">{t("embed")}</summary>
        <p className="text-sm text-slate-700">{t("embedHint")}</p>
        <label htmlFor="embed-code" className="block text-sm font-semibold">
          {t("embedCodeLabel")}
        </label>
        <textarea
          id="embed-code"
          readOnly
          dir="ltr"
          rows={3}
          value={embedCode}
          className="w-full rounded border border-slate-400 p-2 font-mono text-xs"
          data-testid="embed-code"
        />
        <CopyButton text={embedCode} label={t("copyEmbed")} copiedLabel={t("copied")} />
      </details>
    </article>
  );
}
