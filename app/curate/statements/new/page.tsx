import type { Metadata } from "next";
import { StatementEditor } from "@/components/curate/statement-editor";
import { requireCuratorPage } from "@/lib/auth/page";
import { emptyEditorState } from "@/lib/curate/editor-state";
import { curateStatementMessages } from "@/lib/i18n/messages/curate-statement";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateStatementMessages)("newTitle") };
}

export default async function NewStatementPage() {
  await requireCuratorPage();
  const { locale, t } = await getI18n();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t(curateStatementMessages)("newTitle")}</h1>
      <StatementEditor
        locale={locale}
        statementId={null}
        version={null}
        status="draft"
        initial={emptyEditorState(locale === "ar" ? "ar" : "en")}
      />
    </div>
  );
}
