import type { Metadata } from "next";
import { TwoFactorEnrolment } from "@/components/curate/two-factor-enrolment";
import { requireCuratorPage } from "@/lib/auth/page";
import { beginEnrolment } from "@/lib/auth/two-factor";
import { getPool } from "@/lib/db/client";
import { redirectTo } from "@/lib/http/redirect";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = (await getI18n()).t(twoFactorMessages);
  return { title: t("enrolTitle") };
}

// Turning two-factor login on from the account screen (optional for editors).
export default async function TwoFactorEnrolPage() {
  const user = await requireCuratorPage("editor");
  const enrolment = await beginEnrolment(getPool(), user);
  // Already on: the account screen says so.
  if (!enrolment) redirectTo("/curate/account");
  const { t: translate, locale } = await getI18n();
  const t = translate(twoFactorMessages);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("enrolTitle")}</h1>
      <TwoFactorEnrolment
        enrolment={{ secret: enrolment.secret, qrCodeDataUrl: enrolment.qrCodeDataUrl }}
        email={user.email}
        next="/curate/account"
        text={twoFactorMessages[locale]}
      />
    </div>
  );
}
