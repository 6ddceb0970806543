import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { KindLabel, StatementText } from "@/components/statement-text";
import { parseId } from "@/lib/api/responses";
import { getPublicStatement, type StatementLink } from "@/lib/db/queries/statements";
import { getI18n } from "@/lib/i18n/server";

type Props = { params: Promise<{ id: string }> };

async function load(props: Props) {
  const id = parseId((await props.params).id);
  if (typeof id !== "number") notFound();
  const statement = await getPublicStatement(id);
  if (!statement) notFound();
  return statement;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const statement = await load(props);
  return { title: `${statement.speaker.name}: ${statement.text.slice(0, 60)}`, alternates: { canonical: `/statements/${statement.id}` } };
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
                {link.text.length > 140 ? `${link.text.slice(0, 140)}…` : link.text}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function StatementPage(props: Props) {
  const statement = await load(props);
  const { formatDate } = await getI18n();
  const formatPartialDate = (date: Parameters<typeof formatDate>[0] | null) => (date ? formatDate(date) : "");
  return (
    <article className="space-y-6">
      {statement.status === "retracted" ? (
        <p role="note" className="rounded border border-red-300 bg-red-50 p-3">
          Retracted: {statement.retractionReason}
        </p>
      ) : null}
      <h1 className="text-xl font-semibold">
        <bdi>{statement.speaker.name}</bdi> · {formatPartialDate(statement.saidOn)}
        {statement.saidOnApproximate ? " (approximate)" : ""}
      </h1>
      <StatementText text={statement.text} language={statement.language} kind={statement.kind} className="text-2xl leading-relaxed" />
      <p>
        <KindLabel kind={statement.kind} />
      </p>
      {statement.context ? <p className="text-slate-700">{statement.context}</p> : null}
      {statement.sources.length > 0 ? (
        <section className="space-y-1">
          <h2 className="text-lg font-semibold">Reported in</h2>
          <ul>
            {statement.sources.map((source, i) => (
              <li key={i}>
                {source.url ? (
                  <a href={source.url} rel="noopener noreferrer nofollow" className="underline">
                    {source.title ?? source.url}
                  </a>
                ) : (
                  (source.title ?? "Untitled source")
                )}
                {source.outlet ? ` — ${source.outlet}` : ""}
                {source.publishedOn ? `, ${formatPartialDate(source.publishedOn)}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {statement.topics.length > 0 ? <p>Topics: {statement.topics.map((t) => t.name).join(", ")}</p> : null}
      <LinkList title="Original wording" links={statement.translationOf ? [statement.translationOf] : []} />
      <LinkList title="Translations" links={statement.translations} />
      <LinkList title="Responds to" links={statement.respondsTo} />
      <LinkList title="Responses" links={statement.responses} />
    </article>
  );
}
