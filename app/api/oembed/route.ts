import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { apiError, badRequest } from "@/lib/api/responses";
import { getPublicStatement } from "@/lib/db/queries/statements";
import { embedSize, oembedRich, parseOEmbedParams, statementIdOfUrl } from "@/lib/embed/oembed";
import { commonMessages } from "@/lib/i18n/messages/common";
import { translator } from "@/lib/i18n/translate";
import { siteUrlFrom } from "@/lib/site-url";
import { quoteForMessage } from "@/lib/validation/zod-messages";

export const dynamic = "force-dynamic";

/**
 * GET /api/oembed?url=<a statement's address>&format=json[&maxwidth=&maxheight=] — oEmbed 1.0:
 * a "rich" answer with an iframe of the statement's card (/statements/:id/embed). An address that
 * is not a public statement of this site is a 404, a format other than json a 501 (as the oEmbed
 * spec asks), a malformed parameter a 400 naming it. Open to any origin, like the API's reads.
 */
export const GET = publicGet(async (request) => {
  const requestUrl = new URL(request.url);
  const format = requestUrl.searchParams.get("format") ?? "json";
  if (format !== "json")
    return apiError(501, "format_not_implemented", `format: only json is offered, not ${quoteForMessage(format)}`);
  const parsed = parseOEmbedParams(requestUrl.searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  // The site's address as its pages see it (the statement page's links name this one).
  const base = siteUrlFrom(request.headers, requestUrl.origin);
  const id = statementIdOfUrl(parsed.value.url, base);
  const statement = id === null ? null : await getPublicStatement(id);
  if (!statement) return apiError(404, "not_found", "url: not the address of a statement on this site.");
  // Provider name in English: the answer is for the consuming site, not for a reader with a language.
  const siteName = translator(commonMessages, "en")("siteName");
  return cachedJson(
    request,
    oembedRich(statement, { base, siteName, size: embedSize(parsed.value) }),
    CACHE_SECONDS.item,
  );
});

export const OPTIONS = preflight;
