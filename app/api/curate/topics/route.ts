import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { parseSuggestParams } from "@/lib/curate/entities";
import { createTopic, suggestTopics } from "@/lib/curate/topics";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** GET /api/curate/topics?q=&limit= — the topic autocomplete over every name of every topic; without q, the most used. */
export const GET = curatorRoute("editor", async ({ request }) => {
  const params = parseSuggestParams(request.nextUrl.searchParams);
  const found = await suggestTopics(getPool(), params);
  return NextResponse.json(
    { topics: found.map(({ id, slug, name, parentName }) => ({ id, slug, name, parentName })) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** POST /api/curate/topics — creates a topic: 201 with the record. */
export const POST = curatorRoute("editor", async ({ request, user }) => {
  const topic = await createTopic(getPool(), { input: await readJsonBody(request), user });
  return NextResponse.json(
    { topic },
    { status: 201, headers: { "Cache-Control": "no-store", Location: `/api/curate/topics/${topic.id}` } },
  );
});
