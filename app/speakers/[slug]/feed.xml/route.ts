import { decodeSlug } from "@/lib/api/responses";
import { findSlugRedirect, permanentRedirectResponse } from "@/lib/db/queries/redirects";
import { getSpeakerProfile, preferredName } from "@/lib/db/queries/speakers";
import { appEnv } from "@/lib/env";
import { absoluteUrl, buildAtomFeed } from "@/lib/feeds/atom";
import {
  FEED_SIZE,
  atomResponse,
  feedFailure,
  feedStatements,
  plainResponse,
  statementEntry,
} from "@/lib/feeds/statement-feed";
import { commonMessages } from "@/lib/i18n/messages/common";
import { speakerMessages } from "@/lib/i18n/messages/speakers";
import { getI18n } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** GET /speakers/:slug/feed.xml — an Atom 1.0 feed of the speaker's latest published statements. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeSlug((await params).slug);
  try {
    const speaker = await getSpeakerProfile(slug);
    if (!speaker) {
      const target = await findSlugRedirect("speaker", slug);
      if (target) return permanentRedirectResponse(`/speakers/${encodeURIComponent(target)}/feed.xml`);
      return plainResponse(404, "No speaker at this address.");
    }
    const statements = await feedStatements({ speakerId: speaker.id }, FEED_SIZE);
    const i18n = await getI18n();
    const { locale, t } = i18n;
    const tr = t(speakerMessages);
    const name = preferredName(speaker, locale).text;
    const origin = appEnv().PUBLIC_URL ?? new URL(request.url).origin;
    const page = absoluteUrl(origin, `/speakers/${encodeURIComponent(speaker.slug)}`);
    const latestChange = [speaker.updatedAt, ...statements.map((s) => s.updatedAt)].sort().at(-1)!;

    const xml = buildAtomFeed({
      id: page,
      title: tr("feedTitle", { name }),
      subtitle: tr("feedSubtitle", { name }),
      updated: latestChange,
      lang: locale,
      self: `${page}/feed.xml`,
      alternate: page,
      authors: [{ name, uri: page }],
      generator: { name: t(commonMessages)("siteName"), uri: absoluteUrl(origin, "/") },
      // The speaker is the feed's author, so entries need not repeat it.
      entries: statements.map((statement) => statementEntry(statement, { origin, i18n }, false)),
    });
    return atomResponse(xml);
  } catch (error) {
    return feedFailure(error);
  }
}
