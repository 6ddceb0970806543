import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { reopenCandidate } from "@/lib/curate/merges";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/curate/merges/reopen — { candidateId }: undoes a rejection; the pair is pending again. Editors and admins, with a session. */
export const POST = curatorRoute("editor", async ({ request }) => {
  await reopenCandidate(getPool(), await readJsonBody(request));
  return new NextResponse(null, { status: 204 });
});
