import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { mergeSpeakers, parseIdParam, parseIntoId } from "@/lib/curate/speakers";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/curate/speakers/:id/merge {intoId} — merges this speaker into another; its address then redirects there. */
export const POST = curatorRoute<{ id: string }>("editor", async ({ request, params, user }) => {
  const fromId = parseIdParam(params.id);
  const intoId = parseIntoId(await readJsonBody(request));
  const result = await mergeSpeakers(getPool(), { fromId, intoId, user });
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});
