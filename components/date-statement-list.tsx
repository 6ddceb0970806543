import { StatementCard } from "@/components/statement-card";
import { datesMessages } from "@/lib/i18n/messages/dates";
import { getI18n } from "@/lib/i18n/server";
import type { PartialDate } from "@/lib/validation/partial-date";
import type { StatementKind } from "./statement-text";

export type ListedStatement = {
  id: number;
  text: string;
  language: string;
  kind: StatementKind;
  speaker: { slug: string; name: string };
  saidOn: PartialDate | null;
  saidOnApproximate: boolean;
};

/** Statements as cards, in a list; an approximate date is said so beside its card. */
export async function StatementList({ statements }: { statements: ListedStatement[] }) {
  const tr = (await getI18n()).t(datesMessages);
  return (
    <ol className="space-y-4">
      {statements.map((statement) => (
        <li key={statement.id}>
          <StatementCard statement={statement} />
          {statement.saidOnApproximate ? (
            <p className="mt-1 ps-4 text-sm text-slate-700">{tr("approximateDate")}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
