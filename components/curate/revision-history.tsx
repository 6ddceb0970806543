import type { RevisionSummary } from "@/lib/curate/entities";
import { curateEntitiesMessages, type CurateEntitiesKey } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";

const ACTIONS: Record<string, CurateEntitiesKey> = {
  create: "action_create",
  update: "action_update",
  merge: "action_merge",
  delete: "action_delete",
  import: "action_import",
};

/** The latest revisions of a speaker or topic (loaded by the page): version, what was done, by whom, when, which fields. */
export async function RevisionHistory({ revisions }: { revisions: RevisionSummary[] }) {
  const { locale, t } = await getI18n();
  const tr = t(curateEntitiesMessages);
  const when = new Intl.DateTimeFormat(locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  if (revisions.length === 0) return <p>{tr("historyEmpty")}</p>;
  return (
    <ol className="space-y-2">
      {revisions.map((revision) => (
        <li
          key={`${revision.version}-${revision.createdAt}-${revision.action}`}
          className="rounded border border-slate-200 bg-white p-2 text-sm"
        >
          <p>
            <time dateTime={revision.createdAt}>{when.format(new Date(revision.createdAt))} UTC</time> —{" "}
            {tr("historyEntry", {
              version: revision.version,
              action: ACTIONS[revision.action] ? tr(ACTIONS[revision.action]!) : revision.action,
              user: revision.userName ?? tr("historyUnknownUser"),
            })}
          </p>
          {revision.fields.length > 0 ? (
            <p className="text-slate-700">{tr("historyFields", { fields: revision.fields.join(", ") })}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
