import type { Metadata } from "next";
import { requireCuratorPage } from "@/lib/auth/page";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { curateAccountsMessages } from "@/lib/i18n/messages/curate-accounts";
import { getI18n } from "@/lib/i18n/server";
import { ApiTokensSection } from "./api-tokens-section";
import { ChangePasswordForm } from "./change-password-form";
import { LogOutEverywhere } from "./log-out-everywhere";
import { TwoFactorSection } from "./two-factor-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = (await getI18n()).t(curateAccountsMessages);
  return { title: t("accountTitle") };
}

export default async function AccountPage() {
  const user = await requireCuratorPage("editor");
  const { t: translate, locale } = await getI18n();
  const t = translate(curateAccountsMessages);
  const text = curateAccountsMessages[locale];
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("accountTitle")}</h1>
        <p>
          {t("accountIntro", {
            name: user.name,
            email: user.email,
            role: user.role === "admin" ? t("roleAdmin") : t("roleEditor"),
          })}
        </p>
      </div>
      <section aria-labelledby="change-password-title" className="space-y-4">
        <h2 id="change-password-title" className="text-xl font-bold">
          {t("changePasswordTitle")}
        </h2>
        <p className="text-slate-700">{t("changePasswordIntro")}</p>
        <ChangePasswordForm
          email={user.email}
          text={text}
          limits={{ passwordMin: PASSWORD_RULES.minLength, passwordMax: PASSWORD_RULES.maxLength }}
        />
      </section>
      <TwoFactorSection user={user} />
      <section aria-labelledby="logout-all-title" className="space-y-4">
        <h2 id="logout-all-title" className="text-xl font-bold">
          {t("logoutAllTitle")}
        </h2>
        <p className="text-slate-700">{t("logoutAllIntro")}</p>
        <LogOutEverywhere text={text} />
      </section>
      <ApiTokensSection user={user} />
    </div>
  );
}
