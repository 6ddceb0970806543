import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { rejectCandidate } from "@/lib/curate/merges";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/curate/merges/reject — { candidateId }: the two are different statements; the pair leaves the queue. Editors and admins, with a session. */
export const POST = curatorRoute("editor", async ({ request, user }) => {
  await rejectCandidate(getPool(), user, await readJsonBody(request));
  return new NextResponse(null, { status: 204 });
});
