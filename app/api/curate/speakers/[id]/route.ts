import { NextResponse } from "next/server";
import { apiError } from "@/lib/api/responses";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { NotFoundError } from "@/lib/curate/errors";
import { InUseError, deleteSpeaker, getSpeakerRecord, parseIdParam, speakerStatementCount, updateSpeaker } from "@/lib/curate/speakers";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string };
const NO_STORE = { "Cache-Control": "no-store" };

/** GET /api/curate/speakers/:id — the record as the edit form loads it, with its statement count. */
export const GET = curatorRoute<Params>("editor", async ({ params }) => {
  const id = parseIdParam(params.id);
  const pool = getPool();
  const speaker = await getSpeakerRecord(pool, id);
  if (!speaker) throw new NotFoundError("No speaker has this id.");
  return NextResponse.json({ speaker, statementCount: await speakerStatementCount(pool, id) }, { headers: NO_STORE });
});

/** PUT /api/curate/speakers/:id — saves an edit; `version` must be the one loaded (409 with the stored record otherwise). */
export const PUT = curatorRoute<Params>("editor", async ({ request, params, user }) => {
  const id = parseIdParam(params.id);
  const speaker = await updateSpeaker(getPool(), { id, input: await readJsonBody(request), user });
  return NextResponse.json({ speaker }, { headers: NO_STORE });
});

/** DELETE /api/curate/speakers/:id — admins only, and only a speaker without statements (409 otherwise). */
export const DELETE = curatorRoute<Params>("admin", async ({ params, user }) => {
  const id = parseIdParam(params.id);
  try {
    const deleted = await deleteSpeaker(getPool(), { id, user });
    return NextResponse.json({ deleted }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof InUseError) return apiError(409, "in_use", error.message);
    throw error;
  }
});
