import type { Metadata } from "next";
import { StatementText } from "@/components/statement-text";
import { statementTitle } from "@/lib/embed/oembed";
import { commonMessages } from "@/lib/i18n/messages/common";
import { statementMessages } from "@/lib/i18n/messages/statement";
import { getI18n } from "@/lib/i18n/server";
import { siteUrl } from "@/lib/site-url";
import { loadPublicStatement, type StatementPageProps } from "../../_lib/load-statement";

// /statements/:id/embed — the statement as a card for other sites' pages (an iframe; see
// app/api/oembed): its words in their own language and direction, the speaker, the date, where it
// was first reported, and a link back. Every link opens outside the frame. The only page that may
// be framed (proxy.ts, next.config.js).

type Props = StatementPageProps;

const load = (props: Props) => loadPublicStatement(props, "/embed");

export async function generateMetadata(props: Props): Promise<Metadata> {
  const statement = await load(props);
  const base = await siteUrl();
  // The statement's own page is the one to index.
  return {
    title: statementTitle(statement),
    alternates: { canonical: `${base}/statements/${statement.id}` },
    robots: { index: false, follow: true },
  };
}

export default async function StatementEmbed(props: Props) {
  const statement = await load(props);
  const i18n = await getI18n();
  const t = i18n.t(statementMessages);
  const site = i18n.t(commonMessages)("siteName");
  const base = await siteUrl();
  const page = `${base}/statements/${statement.id}`;
  // Reports come oldest first (undated ones last): the first is where the statement was first reported.
  const report = statement.reports[0] ?? null;
  const source = report?.source ?? null;
  const reportedOn = report?.reportedOn ?? source?.publishedOn ?? null;
  const link = "underline underline-offset-2";

  return (
    <article
      className="flex h-full flex-col gap-3 overflow-auto rounded-lg border border-slate-300 bg-white p-4"
      data-testid="statement-card"
    >
      {statement.status === "retracted" ? (
        <p role="note" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm font-semibold">
          {t("retractedBecause", { reason: statement.retractionReason ?? "" })}
        </p>
      ) : null}
      <StatementText
        text={statement.text}
        language={statement.language}
        kind={statement.kind}
        className="text-lg leading-relaxed"
      />
      <div className="text-sm">
        {/* The card's heading is who said it: a frame is a page of its own to screen readers. */}
        <h1 className="inline font-semibold">
          <a
            href={`${base}/speakers/${encodeURIComponent(statement.speaker.slug)}`}
            target="_blank"
            rel="noopener"
            className={link}
          >
            <bdi>{statement.speaker.name}</bdi>
          </a>
        </h1>
        {statement.saidOn ? (
          <>
            {" · "}
            <time dateTime={statement.saidOn.iso}>{i18n.formatDate(statement.saidOn)}</time>
          </>
        ) : null}
      </div>
      {source ? (
        <p className="text-sm text-slate-700" data-testid="first-report">
          {t("embedFirstReport")}{" "}
          {source.url ? (
            <a href={source.url} target="_blank" rel="noopener noreferrer nofollow ugc" className={link}>
              <bdi>{source.outlet ?? source.title ?? source.url}</bdi>
            </a>
          ) : (
            <bdi>{source.outlet ?? source.title ?? t("untitledSource")}</bdi>
          )}
          {reportedOn ? (
            <>
              {", "}
              {i18n.formatDate(reportedOn)}
            </>
          ) : null}
        </p>
      ) : null}
      <p className="mt-auto text-sm">
        <a href={page} target="_blank" rel="noopener" className={link}>
          {t("embedViewOn", { site })}
        </a>
      </p>
    </article>
  );
}
