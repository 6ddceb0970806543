import { appEnv } from "@/lib/env";
import { absoluteUrl, buildAtomFeed } from "@/lib/feeds/atom";
import {
  FEED_SIZE,
  atomResponse,
  feedFailure,
  feedStatementsByIds,
  plainResponse,
  statementEntry,
} from "@/lib/feeds/statement-feed";
import { commonMessages } from "@/lib/i18n/messages/common";
import { feedMessages } from "@/lib/i18n/messages/feeds";
import { getI18n } from "@/lib/i18n/server";
import { searchStatements } from "@/lib/search/query";
import { SearchUnavailableError } from "@/lib/search/types";
import { parseSearchParams } from "@/lib/validation/search-params";
import { readSearchState, searchFeedHref, searchHref } from "../_lib/search-url";

export const dynamic = "force-dynamic";

const RETRY_AFTER_SECONDS = 30;

/**
 * GET /search/feed.xml — the parameters of /search (q, speaker, topic, lang, kind, year, from, to;
 * checked by the same parser, so a search the page refuses is refused here too, with its messages)
 * and an Atom 1.0 feed of the newest published statements it finds. page, limit and sort are
 * accepted and ignored: a feed always holds the newest matches.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.ok)
    return plainResponse(
      400,
      `Bad search parameters: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
    );
  try {
    const result = await searchStatements({ ...parsed.query, sort: "newest", page: 1, limit: FEED_SIZE });
    // The entries are read from Postgres: dates and topics as the other feeds give them, and only what is published now.
    const statements = await feedStatementsByIds(result.hits.map((hit) => hit.id));
    const i18n = await getI18n();
    const site = i18n.t(commonMessages)("siteName");
    const tr = i18n.t(feedMessages);
    const origin = appEnv().PUBLIC_URL ?? url.origin;
    const state = readSearchState(url.searchParams);
    const self = absoluteUrl(origin, searchFeedHref(state));
    const q = parsed.query.q.trim();
    const xml = buildAtomFeed({
      // The feed's own address is its identity: the same search (in any order of parameters) is the same feed.
      id: self,
      title: q ? tr("searchFeedTitle", { q, site }) : tr("searchFeedTitleAll", { site }),
      subtitle: tr("searchFeedSubtitle"),
      fallbackUpdated: "1970-01-01T00:00:00Z",
      lang: i18n.locale,
      self,
      alternate: absoluteUrl(
        origin,
        searchHref({
          lists: state.lists,
          singles: { q: state.singles.q, from: state.singles.from, to: state.singles.to, sort: "newest" },
        }),
      ),
      authors: [{ name: site, uri: absoluteUrl(origin, "/") }],
      generator: { name: site, uri: absoluteUrl(origin, "/") },
      entries: statements.map((statement) => statementEntry(statement, { origin, i18n }, true)),
    });
    return atomResponse(xml);
  } catch (error) {
    if (error instanceof SearchUnavailableError) {
      const response = plainResponse(503, "Search is unavailable right now; try again shortly.");
      response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
      return response;
    }
    return feedFailure(error);
  }
}
