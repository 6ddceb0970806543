import { appEnv } from "@/lib/env";
import { absoluteUrl, buildAtomFeed } from "@/lib/feeds/atom";
import { atomResponse, feedStatements, statementEntry, feedFailure } from "@/lib/feeds/statement-feed";
import { commonMessages } from "@/lib/i18n/messages/common";
import { feedMessages } from "@/lib/i18n/messages/feeds";
import { getI18n } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** GET /feed.xml — an Atom 1.0 feed of the latest published statements, each entry authored by its speaker. */
export async function GET(request: Request) {
  try {
    const statements = await feedStatements({});
    const i18n = await getI18n();
    const site = i18n.t(commonMessages)("siteName");
    const tr = i18n.t(feedMessages);
    const origin = appEnv().PUBLIC_URL ?? new URL(request.url).origin;
    const home = absoluteUrl(origin, "/");
    const xml = buildAtomFeed({
      id: home,
      title: tr("siteFeedTitle", { site }),
      subtitle: tr("siteFeedSubtitle"),
      fallbackUpdated: "1970-01-01T00:00:00Z",
      lang: i18n.locale,
      self: absoluteUrl(origin, "/feed.xml"),
      alternate: home,
      // Each entry names its speaker; the site stands for the feed as a whole.
      authors: [{ name: site, uri: home }],
      generator: { name: site, uri: home },
      entries: statements.map((statement) => statementEntry(statement, { origin, i18n }, true)),
    });
    return atomResponse(xml);
  } catch (error) {
    return feedFailure(error);
  }
}
