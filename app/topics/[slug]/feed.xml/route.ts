import { decodeSlug } from "@/lib/api/responses";
import { findSlugRedirect, permanentRedirectResponse } from "@/lib/db/queries/redirects";
import { appEnv } from "@/lib/env";
import { absoluteUrl, buildAtomFeed } from "@/lib/feeds/atom";
import {
  atomResponse,
  feedStatements,
  getFeedTopic,
  latestOf,
  plainResponse,
  statementEntry,
  feedFailure,
} from "@/lib/feeds/statement-feed";
import { commonMessages } from "@/lib/i18n/messages/common";
import { feedMessages } from "@/lib/i18n/messages/feeds";
import { getI18n } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** GET /topics/:slug/feed.xml — an Atom 1.0 feed of the topic's latest published statements. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeSlug((await params).slug);
  try {
    const i18n = await getI18n();
    const topic = await getFeedTopic(slug, i18n.locale);
    if (!topic) {
      // A merged topic's old feed leads to the feed of the topic it was merged into.
      const target = await findSlugRedirect("topic", slug);
      if (target) return permanentRedirectResponse(`/topics/${encodeURIComponent(target)}/feed.xml`);
      return plainResponse(404, "No topic at this address.");
    }
    const statements = await feedStatements({ topicId: topic.id });
    const site = i18n.t(commonMessages)("siteName");
    const tr = i18n.t(feedMessages);
    const origin = appEnv().PUBLIC_URL ?? new URL(request.url).origin;
    const page = absoluteUrl(origin, `/topics/${encodeURIComponent(topic.slug)}`);
    const home = absoluteUrl(origin, "/");
    const xml = buildAtomFeed({
      id: page,
      title: tr("topicFeedTitle", { topic: topic.name }),
      subtitle: tr("topicFeedSubtitle", { topic: topic.name }),
      updated: latestOf([topic.updatedAt, ...statements.map((s) => s.updatedAt)]),
      lang: i18n.locale,
      self: `${page}/feed.xml`,
      alternate: page,
      authors: [{ name: site, uri: home }],
      generator: { name: site, uri: home },
      entries: statements.map((statement) => statementEntry(statement, { origin, i18n }, true)),
    });
    return atomResponse(xml);
  } catch (error) {
    return feedFailure(error);
  }
}
