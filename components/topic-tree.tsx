import Link from "next/link";
import type { TopicTreeNode } from "@/lib/db/queries/topics";
import { getI18n } from "@/lib/i18n/server";
import { topicStatementsCount, topicsMessages } from "@/lib/i18n/messages/topics";

/** Topics as nested lists: each topic's subtopics are listed under it. */
export async function TopicTree({ nodes, level = 0 }: { nodes: TopicTreeNode[]; level?: number }) {
  const { locale, t } = await getI18n();
  const tr = t(topicsMessages);
  if (nodes.length === 0) return null;
  return (
    <ul className={level === 0 ? "space-y-3" : "mt-2 space-y-2 border-s-2 border-slate-200 ps-4"}>
      {nodes.map((node) => (
        <li key={node.slug}>
          <Link
            href={`/topics/${encodeURIComponent(node.slug)}`}
            className={`underline-offset-4 hover:underline ${level === 0 ? "text-lg font-semibold" : "font-medium"} underline`}
          >
            <bdi>{node.name}</bdi>
          </Link>{" "}
          <span className="text-sm text-slate-700">({topicStatementsCount(tr, locale, node.statementCount)})</span>
          {node.children.length > 0 ? <TopicTree nodes={node.children} level={level + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}
