import { NextResponse } from "next/server";
import { curatorRoute } from "@/lib/api/curator-route";
import { listMergeCandidates } from "@/lib/curate/merges";
import { getPool } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { mergeQueueWindow, parseMergeQueueParams } from "@/lib/validation/merge-queue";

export const dynamic = "force-dynamic";

/**
 * GET /api/curate/merges?status=pending|decided&page=N — the merge queue (issue 15): pairs of one
 * speaker's statements that read almost alike, highest score first (pending), or the pairs already
 * judged, newest decision first (decided); each side with its reports. Editors and admins.
 */
export const GET = curatorRoute("editor", async ({ request }) => {
  const query = request.nextUrl.searchParams;
  const params = parseMergeQueueParams((name) => query.get(name) ?? undefined);
  if (!params.ok) throw new ValidationError(params.problems);
  const { page, status } = params.value;
  const { items, total } = await listMergeCandidates(getPool(), { status, ...mergeQueueWindow(page) });
  return NextResponse.json({ status, page, total, items }, { headers: { "Cache-Control": "no-store" } });
});
