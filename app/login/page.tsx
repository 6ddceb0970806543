import type { Metadata } from "next";
import { LOGIN_ERRORS } from "@/lib/auth/options";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { getCurrentUser } from "@/lib/auth/session";
import { redirectTo } from "@/lib/http/redirect";
import { curateAccountsMessages } from "@/lib/i18n/messages/curate-accounts";
import { getI18n } from "@/lib/i18n/server";
import { describeLoginError } from "./login-error";
import { LoginForm } from "./login-form";
import { safeNextPath } from "./safe-next";

export async function generateMetadata(): Promise<Metadata> {
  const t = (await getI18n()).t(curateAccountsMessages);
  return { title: t("loginTitle"), robots: { index: false, follow: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  // Already logged in (with a session that is still valid): straight on.
  if (await getCurrentUser()) redirectTo(next);

  const t = (await getI18n()).t(curateAccountsMessages);
  const text = {
    email: t("email"),
    password: t("password"),
    logIn: t("logIn"),
    loggingIn: t("loggingIn"),
    loginWrong: t("loginWrong"),
    loginThrottled: t("loginThrottled"),
    loginFailed: t("loginFailed"),
    networkFailed: t("networkFailed"),
  };
  // next-auth's own error page sends failures here as ?error=…
  const rawError = Array.isArray(params.error) ? params.error[0] : params.error;
  const templates = { wrong: LOGIN_ERRORS.wrong, throttled: LOGIN_ERRORS.throttled };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("loginTitle")}</h1>
      <p className="text-slate-700">{t("loginIntro")}</p>
      <LoginForm
        next={next}
        text={text}
        templates={templates}
        initialError={describeLoginError(rawError, templates, text)}
        passwordMaxLength={PASSWORD_RULES.maxLength}
      />
    </div>
  );
}
