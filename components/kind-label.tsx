import { commonMessages } from "@/lib/i18n/messages/common";
import { getI18n } from "@/lib/i18n/server";
import type { StatementKind } from "./statement-text";

export async function KindLabel({ kind }: { kind: StatementKind }) {
  const t = (await getI18n()).t(commonMessages);
  const label = kind === "direct" ? t("kindDirect") : kind === "indirect" ? t("kindIndirect") : t("kindMixed");
  return <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{label}</span>;
}
