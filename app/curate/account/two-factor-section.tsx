import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/roles";
import { twoFactorRequired, twoFactorStatus } from "@/lib/auth/two-factor";
import { getPool } from "@/lib/db/client";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { getI18n } from "@/lib/i18n/server";

/** The account screen's two-factor part: whether it is on, and the way to turn it on. */
export async function TwoFactorSection({ user }: { user: CurrentUser }) {
  const { t: translate, locale } = await getI18n();
  const t = translate(twoFactorMessages);
  const status = await twoFactorStatus(getPool(), user.id);
  const date = new Intl.DateTimeFormat(locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeZone: "UTC",
  });
  return (
    <section aria-labelledby="two-factor-title" className="space-y-4">
      <h2 id="two-factor-title" className="text-xl font-bold">
        {t("sectionTitle")}
      </h2>
      {status.enabled ? (
        <p data-testid="two-factor-status">
          {t("statusOn", { date: date.format(status.enabledAt!), count: status.recoveryCodesLeft })}
        </p>
      ) : (
        <>
          <p data-testid="two-factor-status">{twoFactorRequired(user.role) ? t("statusOffAdmin") : t("statusOff")}</p>
          <Link href="/curate/account/two-factor" className="inline-block rounded border border-slate-500 px-4 py-2">
            {t("setUp")}
          </Link>
        </>
      )}
    </section>
  );
}
