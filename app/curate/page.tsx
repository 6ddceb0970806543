import type { Metadata } from "next";
import Link from "next/link";
import { CuratorTable } from "@/components/curate/curator-table";
import { parseId } from "@/lib/api/responses";
import { requireCuratorPage } from "@/lib/auth/page";
import { curatorList, draftsOf, recentActivity, type ActivityEntry } from "@/lib/curate/activity";
import { getPool } from "@/lib/db/client";
import { curateMessages } from "@/lib/i18n/messages/curate";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateMessages)("workspace") };
}

type Props = { searchParams: Promise<{ curator?: string; before?: string }> };

function itemHref(entry: ActivityEntry): string | null {
  // A merged speaker or topic is gone; a merged statement stays (its page says where it went).
  if (entry.action === "delete" || (entry.action === "merge" && entry.entityType !== "statement")) return null;
  if (entry.entityType === "statement") return `/curate/statements/${entry.entityId}`;
  if (entry.entityType === "speaker") return `/curate/speakers/${entry.entityId}`;
  if (entry.entityType === "topic") return `/curate/topics/${entry.entityId}`;
  return null;
}

export default async function WorkspacePage({ searchParams }: Props) {
  const user = await requireCuratorPage();
  const { locale, t: translate } = await getI18n();
  const t = translate(curateMessages);
  const params = await searchParams;
  // Only admins filter the log by curator; editors see everyone's recent changes.
  const curatorParam = user.role === "admin" && params.curator ? parseId(params.curator, "curator") : null;
  const curatorId = typeof curatorParam === "number" ? curatorParam : null;
  const beforeParam = params.before ? parseId(params.before, "before") : null;
  const pool = getPool();
  const [drafts, activity, curators] = await Promise.all([
    draftsOf(pool, user.id),
    recentActivity(pool, {
      userId: curatorId,
      limit: 50,
      before: typeof beforeParam === "number" ? beforeParam : null,
    }),
    user.role === "admin" ? curatorList(pool) : Promise.resolve([]),
  ]);
  const dateFormat = new Intl.DateTimeFormat(locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const actions: Record<string, string> = {
    create: t("actionCreate"),
    update: t("actionUpdate"),
    import: t("actionImport"),
    retract: t("actionRetract"),
    restore: t("actionRestore"),
    merge: t("actionMerge"),
    split: t("actionSplit"),
    unmerge: t("actionUnmerge"),
    unsplit: t("actionUnsplit"),
    delete: t("actionDelete"),
    role: t("actionRole"),
    disable: t("actionDisable"),
    enable: t("actionEnable"),
    password: t("actionPassword"),
    logout_all: t("actionLogout_all"),
    two_factor_enrol: t("actionTwo_factor_enrol"),
    two_factor_reset: t("actionTwo_factor_reset"),
  };
  const entities = {
    statement: t("entityStatement"),
    speaker: t("entitySpeaker"),
    topic: t("entityTopic"),
    user: t("entityUser"),
  };
  const last = activity.at(-1);

  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-bold">{t("workspace")}</h1>

      <section aria-labelledby="drafts-heading" className="space-y-2">
        <h2 id="drafts-heading" className="text-xl font-semibold">
          {t("myDrafts")}
        </h2>
        {drafts.length === 0 ? (
          <p>{t("noDrafts")}</p>
        ) : (
          <ul className="space-y-2">
            {drafts.map((draft) => (
              <li key={draft.id}>
                <Link href={`/curate/statements/${draft.id}`} className="underline">
                  <bdi>{draft.speakerName}</bdi>:{" "}
                  <bdi lang={draft.language}>
                    {draft.text.length > 140 ? `${draft.text.slice(0, 140)}…` : draft.text}
                  </bdi>
                </Link>{" "}
                <time dateTime={draft.updatedAt} className="text-sm text-slate-700">
                  {dateFormat.format(new Date(draft.updatedAt))}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="activity-heading" className="space-y-3">
        <h2 id="activity-heading" className="text-xl font-semibold">
          {user.role === "admin" ? t("activityLog") : t("recentChanges")}
        </h2>
        {user.role === "admin" ? (
          <form method="get" className="flex items-end gap-2">
            <label className="block">
              {t("filterByCurator")}
              <select
                name="curator"
                defaultValue={curatorId ?? ""}
                className="ms-2 rounded border border-slate-400 px-2 py-1"
              >
                <option value="">{t("allCurators")}</option>
                {curators.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.email})
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded border border-slate-500 px-3 py-1">
              {t("filter")}
            </button>
          </form>
        ) : null}
        {activity.length === 0 ? (
          <p>{t("noChanges")}</p>
        ) : (
          <CuratorTable
            columns={[{ label: t("when") }, { label: t("who") }, { label: t("what") }, { label: t("item") }]}
          >
            {activity.map((entry) => {
              const href = itemHref(entry);
              const label = `${entities[entry.entityType]} #${entry.entityId}${entry.label ? ` ${entry.label.length > 90 ? `${entry.label.slice(0, 90)}…` : entry.label}` : ""}`;
              return (
                <tr key={entry.id} className="border-b border-slate-200 align-top">
                  <td className="px-2 py-2">
                    <time dateTime={entry.createdAt}>{dateFormat.format(new Date(entry.createdAt))}</time>
                  </td>
                  <td className="px-2 py-2">{entry.userName ?? t("importer")}</td>
                  <td className="px-2 py-2">
                    {actions[entry.action] ?? entry.action}
                    {entry.fields.length > 0 && entry.action === "update" ? (
                      <span className="text-slate-700"> ({entry.fields.join(", ")})</span>
                    ) : null}
                  </td>
                  <td className="px-2 py-2">
                    {href ? (
                      <Link href={href} className="underline">
                        <bdi>{label}</bdi>
                      </Link>
                    ) : (
                      <bdi>{label}</bdi>
                    )}
                  </td>
                </tr>
              );
            })}
          </CuratorTable>
        )}
        {last && activity.length === 50 ? (
          <Link
            href={`/curate?${new URLSearchParams({ ...(curatorId ? { curator: String(curatorId) } : {}), before: String(last.id) })}`}
            className="underline"
          >
            {t("olderChanges")}
          </Link>
        ) : null}
      </section>
    </div>
  );
}
