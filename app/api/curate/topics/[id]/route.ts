import { NextResponse } from "next/server";
import { apiError } from "@/lib/api/responses";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { NotFoundError } from "@/lib/curate/errors";
import { parseIdParam } from "@/lib/curate/speakers";
import { InUseError, deleteTopic, getTopicRecord, topicStatementCount, updateTopic } from "@/lib/curate/topics";
import { getPool } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Params = { id: string };
const NO_STORE = { "Cache-Control": "no-store" };

/** GET /api/curate/topics/:id — the record as the edit form loads it, with its statement count. */
export const GET = curatorRoute<Params>("editor", async ({ params }) => {
  const id = parseIdParam(params.id);
  const pool = getPool();
  const topic = await getTopicRecord(pool, id);
  if (!topic) throw new NotFoundError("No topic has this id.");
  return NextResponse.json({ topic, statementCount: await topicStatementCount(pool, id) }, { headers: NO_STORE });
});

/** PUT /api/curate/topics/:id — saves names and parent; `version` must be the one loaded (409 otherwise); a loop is a 400 on parentId. */
export const PUT = curatorRoute<Params>("editor", async ({ request, params, user }) => {
  const id = parseIdParam(params.id);
  const topic = await updateTopic(getPool(), { id, input: await readJsonBody(request), user });
  return NextResponse.json({ topic }, { headers: NO_STORE });
});

/** DELETE /api/curate/topics/:id — admins only, and only a topic no statement uses (409 otherwise). */
export const DELETE = curatorRoute<Params>("admin", async ({ params, user }) => {
  const id = parseIdParam(params.id);
  try {
    const deleted = await deleteTopic(getPool(), { id, user });
    return NextResponse.json({ deleted }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof InUseError) return apiError(409, "in_use", error.message);
    throw error;
  }
});
