import type { Metadata } from "next";
import Link from "next/link";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { setupTokenState } from "@/lib/auth/setup-token";
import { USER_LIMITS } from "@/lib/auth/users";
import { getPool } from "@/lib/db/client";
import { curateAccountsMessages } from "@/lib/i18n/messages/curate-accounts";
import { getI18n } from "@/lib/i18n/server";
import { SetupForm } from "./setup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = (await getI18n()).t(curateAccountsMessages);
  return { title: t("setupTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const { t: translate, locale } = await getI18n();
  const t = translate(curateAccountsMessages);
  const state = await setupTokenState(getPool(), token);
  if (state !== "valid") {
    const reason = {
      unknown: t("setupUnknown"),
      used: t("setupUsed"),
      expired: t("setupExpired"),
      "users-exist": t("setupUsersExist"),
    }[state];
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("setupInvalid")}</h1>
        <p>{reason}</p>
        <Link href="/login" className="underline">
          {t("goToLogin")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("setupTitle")}</h1>
      <p className="text-slate-700">{t("setupIntro")}</p>
      <SetupForm
        token={token}
        text={curateAccountsMessages[locale]}
        limits={{
          email: USER_LIMITS.emailMaxLength,
          name: USER_LIMITS.nameMaxLength,
          passwordMin: PASSWORD_RULES.minLength,
          passwordMax: PASSWORD_RULES.maxLength,
        }}
      />
    </div>
  );
}
