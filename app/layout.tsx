import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

// Every page reads Postgres or Meilisearch at request time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Statements tracker", template: "%s · Statements tracker" },
  description: "Who said what, when, about what — and where it was reported. Official statements in Arabic, German and English.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" dir="ltr">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-4xl items-center gap-6 px-4 py-3">
            <Link href="/" className="text-lg font-bold">
              Statements tracker
            </Link>
            <Link href="/search" className="underline-offset-4 hover:underline">
              Search
            </Link>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-4xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
