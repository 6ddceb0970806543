import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";
import { commonMessages } from "@/lib/i18n/messages/common";
import type { PartialDate } from "@/lib/validation/partial-date";
import { KindLabel } from "./kind-label";
import { StatementText, type StatementKind } from "./statement-text";

type Props = {
  statement: {
    id: number;
    text: string;
    language: string;
    kind: StatementKind;
    speaker: { slug: string; name: string };
    saidOn: PartialDate | null;
  };
  highlight?: Array<[number, number]>;
  /** Hide the speaker (on the speaker's own page). */
  showSpeaker?: boolean;
};

export async function StatementCard({ statement, highlight, showSpeaker = true }: Props) {
  const { t: translate, formatDate } = await getI18n();
  const t = translate(commonMessages);
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <StatementText
        text={statement.text}
        language={statement.language}
        kind={statement.kind}
        highlight={highlight}
        className="text-lg leading-relaxed"
      />
      <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
        {showSpeaker ? (
          <Link
            href={`/speakers/${encodeURIComponent(statement.speaker.slug)}`}
            className="font-semibold underline-offset-4 hover:underline"
          >
            <bdi>{statement.speaker.name}</bdi>
          </Link>
        ) : null}
        <span>{statement.saidOn ? formatDate(statement.saidOn) : t("dateUnknown")}</span>
        <KindLabel kind={statement.kind} />
        <Link href={`/statements/${statement.id}`} className="underline">
          {t("readInFull")}
          <span className="sr-only"> {t("statementNumber", { id: statement.id })}</span>
        </Link>
      </p>
    </article>
  );
}
