import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { acceptCandidate } from "@/lib/curate/merges";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** POST /api/curate/merges/accept — { candidateId, keepId }: the pair is one statement; keepId (one of the two) stays and takes in the other's reports, the other redirects to it. Editors and admins, with a session. */
export const POST = curatorRoute("editor", async ({ request, user }) =>
  NextResponse.json(await acceptCandidate(getPool(), user, await readJsonBody(request)), {
    headers: { "Cache-Control": "no-store" },
  }),
);
