import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { parseSuggestParams } from "@/lib/curate/entities";
import { createSpeaker, suggestSpeakers } from "@/lib/curate/speakers";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/**
 * GET /api/curate/speakers?q=&limit= — the speaker autocomplete: names and
 * aliases in every script, normalised; without q, the most used speakers.
 */
export const GET = curatorRoute("editor", async ({ request }) => {
  const params = parseSuggestParams(request.nextUrl.searchParams);
  const found = await suggestSpeakers(getPool(), params);
  return NextResponse.json(
    {
      speakers: found.map(({ id, slug, name, kind, role, affiliation, matched }) => ({
        id,
        slug,
        name,
        kind,
        role,
        affiliation,
        matched,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** POST /api/curate/speakers — creates a speaker: 201 with the record. */
export const POST = curatorRoute("editor", async ({ request, user }) => {
  const speaker = await createSpeaker(getPool(), { input: await readJsonBody(request), user });
  return NextResponse.json(
    { speaker },
    { status: 201, headers: { "Cache-Control": "no-store", Location: `/api/curate/speakers/${speaker.id}` } },
  );
});
