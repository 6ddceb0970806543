import { NextResponse, type NextRequest } from "next/server";
import { encodeLocation } from "@/lib/http/location";
import { LOCALE_COOKIE, MONTHS_COOKIE, isMonthStyle, isUiLocale } from "@/lib/i18n/config";

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Only a path on this site: "/x" yes, "//evil.example" or "https://…" no (no open redirect). */
function safeBack(raw: string | null): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\") ? raw : "/";
}

/**
 * GET /preferences?locale=ar|en&months=standard|levantine&back=/path — remembers
 * the reader's interface language and Arabic month names, then returns them to
 * the page they were on. A plain link, so it works without JavaScript.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  // A relative Location: the browser stays on the host it used (request.url may
  // name another, e.g. localhost for 127.0.0.1, which would lose the cookie).
  const response = new NextResponse(null, {
    status: 303,
    headers: { Location: encodeLocation(safeBack(params.get("back"))) },
  });
  const options = {
    maxAge: ONE_YEAR,
    path: "/",
    sameSite: "lax" as const,
    httpOnly: true,
    secure: request.nextUrl.protocol === "https:",
  };
  const locale = params.get("locale");
  if (isUiLocale(locale)) response.cookies.set(LOCALE_COOKIE, locale, options);
  const months = params.get("months");
  if (isMonthStyle(months)) response.cookies.set(MONTHS_COOKIE, months, options);
  return response;
}
