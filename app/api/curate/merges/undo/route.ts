import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { undoMerge } from "@/lib/curate/merges";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/curate/merges/undo — { mergeId }: undoes a merge (both statements are back, the pair pending again) or a split (the report returns). Editors and admins, with a session. */
export const POST = curatorRoute("editor", async ({ request, user }) => {
  await undoMerge(getPool(), user, await readJsonBody(request));
  return new NextResponse(null, { status: 204 });
});
