import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { beginEnrolment } from "@/lib/auth/two-factor";
import { getPendingLogin } from "@/lib/auth/two-factor-session";
import { TwoFactorEnrolment } from "@/components/curate/two-factor-enrolment";
import { getPool } from "@/lib/db/client";
import { redirectTo } from "@/lib/http/redirect";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { getI18n } from "@/lib/i18n/server";
import { TwoFactorCodeForm } from "./code-form";
import { safeNextPath } from "../safe-next";

export async function generateMetadata(): Promise<Metadata> {
  const t = (await getI18n()).t(twoFactorMessages);
  return { title: t("stepTitle"), robots: { index: false, follow: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The second login step, after the password: the code (or a recovery code),
// or, for an admin without two-factor login, the enrolment they must finish
// before anything else. Any other visitor is sent on (logged in) or back to
// the password step.
export default async function TwoFactorPage({ searchParams }: { searchParams: SearchParams }) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirectTo(next);
  const pending = await getPendingLogin();
  if (!pending) redirectTo(`/login?next=${encodeURIComponent(next)}`);

  const { t: translate, locale } = await getI18n();
  const t = translate(twoFactorMessages);
  const text = twoFactorMessages[locale];
  if (pending.mfa === "pending") {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{t("stepTitle")}</h1>
        <p className="text-slate-700">{t("stepIntro")}</p>
        <TwoFactorCodeForm next={next} text={text} />
        <p>
          <Link href="/login" className="text-sm underline">
            {t("startOver")}
          </Link>
        </p>
      </div>
    );
  }
  const enrolment = await beginEnrolment(getPool(), pending.user);
  if (!enrolment) redirectTo(`/login?next=${encodeURIComponent(next)}`);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("enrolTitle")}</h1>
      <p className="rounded border border-amber-300 bg-amber-50 p-3">{t("enrolRequired")}</p>
      <TwoFactorEnrolment
        enrolment={{ secret: enrolment.secret, qrCodeDataUrl: enrolment.qrCodeDataUrl }}
        email={pending.user.email}
        next={next}
        text={text}
      />
    </div>
  );
}
