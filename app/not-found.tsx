import Link from "next/link";
import { commonMessages } from "@/lib/i18n/messages/common";
import { getI18n } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = (await getI18n()).t(commonMessages);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      <Link href="/search" className="underline">
        {t("notFoundSearch")}
      </Link>
    </div>
  );
}
