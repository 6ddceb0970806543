import Link from "next/link";
import { formatPartialDate } from "@/lib/format/dates";
import type { PartialDate } from "@/lib/validation/partial-date";
import { KindLabel, StatementText } from "./statement-text";

type Props = {
  statement: {
    id: number;
    text: string;
    language: string;
    kind: "direct" | "indirect" | "mixed";
    speaker: { slug: string; name: string };
    saidOn: PartialDate | null;
  };
  highlight?: Array<[number, number]>;
};

export function StatementCard({ statement, highlight }: Props) {
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <StatementText text={statement.text} language={statement.language} kind={statement.kind} highlight={highlight} className="text-lg leading-relaxed" />
      <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
        <span className="font-semibold">
          <bdi>{statement.speaker.name}</bdi>
        </span>
        <span>{formatPartialDate(statement.saidOn)}</span>
        <KindLabel kind={statement.kind} />
        <Link href={`/statements/${statement.id}`} className="underline">
          Read in full<span className="sr-only"> (statement {statement.id})</span>
        </Link>
      </p>
    </article>
  );
}
