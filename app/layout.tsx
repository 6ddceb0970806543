import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { isEmbedPath } from "@/lib/embed/paths";
import { CURRENT_PATH_HEADER } from "@/lib/i18n/config";
import { commonMessages } from "@/lib/i18n/messages/common";
import { developersMessages } from "@/lib/i18n/messages/developers";
import { getI18n } from "@/lib/i18n/server";
import "./globals.css";

// Every page reads Postgres or Meilisearch, and the reader's language, at request time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = (await getI18n()).t(commonMessages);
  return {
    title: { default: t("siteName"), template: `%s · ${t("siteName")}` },
    description: t("siteDescription"),
    metadataBase: process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL) : undefined,
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale, dir, monthStyle, t: translate } = await getI18n();
  const t = translate(commonMessages);
  const here = (await headers()).get(CURRENT_PATH_HEADER) ?? "/";
  const back = encodeURIComponent(here);
  const otherLocale = locale === "ar" ? "en" : "ar";
  // The statement card framed by other sites has a layout of its own (app/statements/[id]/embed), without the site's header and footer.
  if (isEmbedPath(here.split("?")[0]!)) {
    return (
      <html lang={locale} dir={dir}>
        <body>{children}</body>
      </html>
    );
  }
  return (
    <html lang={locale} dir={dir}>
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          {t("skipToContent")}
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav
            aria-label={t("navMain")}
            className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
          >
            <Link href="/" className="text-lg font-bold">
              {t("siteName")}
            </Link>
            <Link href="/search" className="underline-offset-4 hover:underline">
              {t("navSearch")}
            </Link>
            <Link href="/speakers" className="underline-offset-4 hover:underline">
              {t("navSpeakers")}
            </Link>
            <Link href="/topics" className="underline-offset-4 hover:underline">
              {t("navTopics")}
            </Link>
            <Link href="/dates" className="underline-offset-4 hover:underline">
              {t("navDates")}
            </Link>
            <a
              href={`/preferences?locale=${otherLocale}&back=${back}`}
              lang={otherLocale}
              hrefLang={otherLocale}
              aria-label={t("switchLanguageLabel")}
              className="ms-auto rounded border border-slate-400 px-2 py-1"
            >
              {t("switchLanguage")}
            </a>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
        <footer className="mx-auto flex max-w-5xl flex-wrap gap-6 border-t border-slate-200 px-4 py-6 text-sm text-slate-700">
          <Link href="/curate" className="underline">
            {t("curatorsLink")}
          </Link>
          <Link href="/developers" className="underline">
            {translate(developersMessages)("footerLink")}
          </Link>
          {locale === "ar" ? (
            <a
              href={`/preferences?months=${monthStyle === "levantine" ? "standard" : "levantine"}&back=${back}`}
              className="underline"
            >
              {monthStyle === "levantine" ? t("monthsStandard") : t("monthsLevantine")}
            </a>
          ) : null}
        </footer>
      </body>
    </html>
  );
}
