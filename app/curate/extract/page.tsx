import type { Metadata } from "next";
import { ExtractWorkspace } from "@/components/curate/extract-workspace";
import { requireCuratorPage } from "@/lib/auth/page";
import { curateExtractMessages } from "@/lib/i18n/messages/curate-extract";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t(curateExtractMessages)("title") };
}

/** The extraction assistant: paste an article, check the proposed statements, save the accepted ones. */
export default async function ExtractPage() {
  await requireCuratorPage();
  const { locale, t } = await getI18n();
  const m = t(curateExtractMessages);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{m("title")}</h1>
      <p className="max-w-3xl text-slate-800">{m("intro")}</p>
      <ExtractWorkspace locale={locale} />
    </div>
  );
}
