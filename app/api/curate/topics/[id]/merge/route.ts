import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { parseIdParam, parseIntoId } from "@/lib/curate/speakers";
import { mergeTopics } from "@/lib/curate/topics";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/curate/topics/:id/merge {intoId} — merges this topic into another; its address then redirects there. */
export const POST = curatorRoute<{ id: string }>("editor", async ({ request, params, user }) => {
  const fromId = parseIdParam(params.id);
  const intoId = parseIntoId(await readJsonBody(request));
  const result = await mergeTopics(getPool(), { fromId, intoId, user });
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});
