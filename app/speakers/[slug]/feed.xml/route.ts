import { decodeSlug, isDatabaseUnavailable } from "@/lib/api/responses";
import { findSlugRedirect, permanentRedirectResponse } from "@/lib/db/queries/redirects";
import { getSpeakerProfile, preferredName } from "@/lib/db/queries/speakers";
import { appEnv } from "@/lib/env";
import { ATOM_CONTENT_TYPE, absoluteUrl, buildAtomFeed } from "@/lib/feeds/atom";
import { FEED_SIZE, feedStatements, statementEntry } from "@/lib/feeds/statement-feed";
import { commonMessages } from "@/lib/i18n/messages/common";
import { speakerMessages } from "@/lib/i18n/messages/speakers";
import { getI18n } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** GET /speakers/:slug/feed.xml — an Atom 1.0 feed of the speaker's latest published statements. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeSlug((await params).slug);
  try {
    const speaker = await getSpeakerProfile(slug);
    if (!speaker) {
      const target = await findSlugRedirect("speaker", slug);
      if (target) return permanentRedirectResponse(`/speakers/${encodeURIComponent(target)}/feed.xml`);
      return plain(404, "No speaker at this address.");
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
    return new Response(xml, {
      headers: {
        "Content-Type": ATOM_CONTENT_TYPE,
        "Cache-Control": "public, max-age=300",
        // The feed's title and dates follow the reader's interface language.
        Vary: "Accept-Language, Cookie",
      },
    });
  } catch (error) {
    if (isDatabaseUnavailable(error)) return plain(503, "The database is unavailable right now; try again shortly.");
    console.error(error);
    return plain(500, "Something went wrong on our side.");
  }
}
