import Link from "next/link";
import type { ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";
import { SUGGEST_LIMITS, type EntityType, type RevisionSummary } from "@/lib/curate/entities";
import { curateEntitiesMessages, type CurateEntitiesKey } from "@/lib/i18n/messages/curate-entities";
import { getI18n } from "@/lib/i18n/server";
import { CuratorTable, type Column } from "./curator-table";
import { DeletePanel } from "./delete-panel";
import { ListPager, parseListParams } from "./list-pager";
import { MergePanel } from "./merge-panel";
import { RevisionHistory } from "./revision-history";

// The curators' speaker and topic pages, which differ only in their texts,
// their table's columns and their form: the list (search, table, pages, the
// "add" form) and the edit page (form, merge, delete, history).

type SearchParams = Record<string, string | string[] | undefined>;

const TEXT = {
  speaker: {
    list: "speakersTitle",
    intro: "speakersIntro",
    searchLabel: "speakersSearchLabel",
    none: "speakersNone",
    table: "speakersTable",
    tableFiltered: "speakersTableFiltered",
    newTitle: "newSpeakerTitle",
    editTitle: "editSpeakerTitle",
    statements: "speakerStatements",
    noun: "entitySpeaker",
  },
  topic: {
    list: "topicsTitle",
    intro: "topicsIntro",
    searchLabel: "topicsSearchLabel",
    none: "topicsNone",
    table: "topicsTable",
    tableFiltered: "topicsTableFiltered",
    newTitle: "newTopicTitle",
    editTitle: "editTopicTitle",
    statements: "topicStatements",
    noun: "entityTopic",
  },
} as const satisfies Record<EntityType, Record<string, CurateEntitiesKey>>;

/** The list's address for a query and page (page 1 and an empty query are left out). */
function listHref(entity: EntityType, q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/curate/${entity}s?${query}` : `/curate/${entity}s`;
}

/**
 * A page of the curators' speaker or topic list: ?q= searches, ?page= pages,
 * ?deleted= names what was just deleted. `row` renders an item's table row.
 */
export async function EntityListPage<T>({
  entity,
  searchParams,
  list,
  columns,
  row,
  searchHint,
  form,
}: {
  entity: EntityType;
  searchParams: SearchParams;
  list: (request: { q: string; page: number }) => Promise<{ items: T[]; hasMore: boolean }>;
  columns: Column[];
  row: (item: T) => ReactNode;
  searchHint?: string;
  form: ReactNode;
}) {
  const tr = (await getI18n()).t(curateEntitiesMessages);
  const text = TEXT[entity];
  const { q, page, problems } = parseListParams(searchParams, SUGGEST_LIMITS.queryMaxLength);
  const { items, hasMore } = await list({ q, page });
  const deleted = typeof searchParams.deleted === "string" ? searchParams.deleted : null;
  const searchId = `curate-${entity}s-q`;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{tr(text.list)}</h1>
        <p className="text-slate-700">{tr(text.intro)}</p>
        {deleted ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-green-900">
            <bdi>{tr("deleted", { name: deleted })}</bdi>
          </p>
        ) : null}
      </div>

      <form method="get" action={`/curate/${entity}s`} role="search" className="flex max-w-xl flex-col gap-1">
        <label htmlFor={searchId} className="font-semibold">
          {tr(text.searchLabel)}
        </label>
        <div className="flex gap-2">
          <input
            id={searchId}
            name="q"
            type="search"
            dir="auto"
            defaultValue={q}
            maxLength={SUGGEST_LIMITS.queryMaxLength}
            aria-describedby={searchHint ? `${searchId}-hint` : undefined}
            className="w-full rounded border border-slate-500 px-3 py-2"
          />
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            {tr("search")}
          </button>
        </div>
        {searchHint ? (
          <p id={`${searchId}-hint`} className="text-sm text-slate-700">
            {searchHint}
          </p>
        ) : null}
      </form>
      {problems.length > 0 ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">
          {tr("unknownParam", { problem: problems.join("; ") })}
        </p>
      ) : null}

      {items.length === 0 ? (
        <p>{tr(text.none)}</p>
      ) : (
        <CuratorTable caption={q ? tr(text.tableFiltered, { q }) : tr(text.table)} columns={columns}>
          {items.map(row)}
        </CuratorTable>
      )}
      <ListPager
        page={page}
        hasMore={hasMore}
        href={(p) => listHref(entity, q, p)}
        labels={{ nav: tr("pagesLabel"), previous: tr("previousPage"), next: tr("nextPage") }}
      />

      <section aria-labelledby={`new-${entity}-title`} className="space-y-4 border-t border-slate-200 pt-6">
        <h2 id={`new-${entity}-title`} className="text-xl font-bold">
          {tr(text.newTitle)}
        </h2>
        {form}
      </section>
    </div>
  );
}

/** A list row's first cell: the name, linked to its edit page, and the alias that matched the search when it is another. */
export async function NameCell({
  entity,
  item,
}: {
  entity: EntityType;
  item: { id: number; name: string; matched: string };
}) {
  const tr = (await getI18n()).t(curateEntitiesMessages);
  return (
    <td className="px-2 py-2">
      <Link href={`/curate/${entity}s/${item.id}`} className="font-semibold underline">
        <bdi>{item.name}</bdi>
      </Link>
      {item.matched !== item.name ? (
        <span className="block text-slate-700">
          <bdi>{tr("matchedAlias", { name: item.matched })}</bdi>
        </span>
      ) : null}
    </td>
  );
}

/** The edit page's title: "Edit speaker: name" (or without the name when there is no such record). */
export async function entityEditTitle(entity: EntityType, record: { name: string } | null): Promise<string> {
  const tr = (await getI18n()).t(curateEntitiesMessages);
  return record ? `${tr(TEXT[entity].editTitle)}: ${record.name}` : tr(TEXT[entity].editTitle);
}

/**
 * The edit page of a speaker or topic: its form, merging it into another,
 * deleting it (admins), and its history. After a merge the survivor's page
 * opens with ?merged= (the loser's name) and ?moved= (how many statements).
 */
export async function EntityEditPage({
  entity,
  record,
  statementCount,
  revisions,
  role,
  searchParams,
  form,
}: {
  entity: EntityType;
  record: { id: number; slug: string; name: string; version: number };
  statementCount: number;
  /** The latest revisions, newest first (recentRevisions). */
  revisions: RevisionSummary[];
  role: Role;
  searchParams: SearchParams;
  form: ReactNode;
}) {
  const { locale, t } = await getI18n();
  const tr = t(curateEntitiesMessages);
  const text = TEXT[entity];
  const messages = curateEntitiesMessages[locale];
  const merged = typeof searchParams.merged === "string" ? searchParams.merged : null;
  const moved =
    typeof searchParams.moved === "string" && /^\d{1,9}$/.test(searchParams.moved) ? Number(searchParams.moved) : 0;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href={`/curate/${entity}s`} className="underline">
            {tr(text.list)}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {tr(text.editTitle)}: <bdi>{record.name}</bdi>
        </h1>
        <p className="flex flex-wrap gap-x-4 text-slate-700">
          <span>{tr("version", { version: record.version })}</span>
          <span>{tr(text.statements, { count: statementCount })}</span>
          <Link href={`/${entity}s/${encodeURIComponent(record.slug)}`} className="underline">
            {tr("publicPage")}
          </Link>
        </p>
        {merged ? (
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-green-900">
            <bdi>{tr("merged", { from: merged, entity: tr(text.noun), count: moved })}</bdi>
          </p>
        ) : null}
      </div>

      <section aria-labelledby={`${entity}-edit-title`} className="space-y-4">
        <h2 id={`${entity}-edit-title`} className="sr-only">
          {tr(text.editTitle)}
        </h2>
        {form}
      </section>

      <section aria-labelledby={`${entity}-merge-title`} className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id={`${entity}-merge-title`} className="text-xl font-bold">
          {tr("mergeHeading", { entity: tr(text.noun) })}
        </h2>
        <MergePanel
          entity={`${entity}s`}
          id={record.id}
          name={record.name}
          statementCount={statementCount}
          text={messages}
        />
      </section>

      {role === "admin" ? (
        <section aria-labelledby={`${entity}-delete-title`} className="space-y-3 border-t border-slate-200 pt-6">
          <h2 id={`${entity}-delete-title`} className="text-xl font-bold">
            {tr("deleteHeading")}
          </h2>
          <DeletePanel
            entity={`${entity}s`}
            id={record.id}
            name={record.name}
            statementCount={statementCount}
            text={messages}
          />
        </section>
      ) : null}

      <section aria-labelledby={`${entity}-history-title`} className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id={`${entity}-history-title`} className="text-xl font-bold">
          {tr("history")}
        </h2>
        <RevisionHistory revisions={revisions} />
      </section>
    </div>
  );
}
