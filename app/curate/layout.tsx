import type { Metadata } from "next";
import Link from "next/link";
import { LogOutButton } from "@/components/log-out-button";
import { requireCuratorPage } from "@/lib/auth/page";
import { curateMessages } from "@/lib/i18n/messages/curate";
import { curateMergesMessages } from "@/lib/i18n/messages/curate-merges";
import { getI18n } from "@/lib/i18n/server";

// Curator pages are private: never indexed, never cached by a shared cache.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function CurateLayout({ children }: { children: React.ReactNode }) {
  const user = await requireCuratorPage();
  const i18n = await getI18n();
  const t = i18n.t(curateMessages);
  const links: Array<[string, string]> = [
    ["/curate", t("workspace")],
    ["/curate/statements/new", t("newStatement")],
    ["/curate/extract", t("extract")],
    ["/curate/speakers", t("speakers")],
    ["/curate/topics", t("topics")],
    ["/curate/merges", i18n.t(curateMergesMessages)("navLink")],
    ...(user.role === "admin" ? ([["/curate/users", t("users")]] as Array<[string, string]>) : []),
    ["/curate/account", t("account")],
  ];
  return (
    <div className="space-y-6">
      <nav
        aria-label={t("navCurate")}
        className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 pb-3 text-sm"
      >
        {links.map(([href, label]) => (
          <Link key={href} href={href} className="underline-offset-4 hover:underline">
            {label}
          </Link>
        ))}
        <span className="ms-auto text-slate-700">
          {t("signedInAs", { name: user.name, role: user.role === "admin" ? t("roleAdmin") : t("roleEditor") })}
        </span>
        <LogOutButton label={t("logOut")} />
      </nav>
      {children}
    </div>
  );
}
