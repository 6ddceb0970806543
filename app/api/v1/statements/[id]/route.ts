import { NextResponse } from "next/server";
import { apiError, apiFailure, badRequest, parseId } from "@/lib/api/responses";
import { getPublicStatement } from "@/lib/db/queries/statements";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  if (typeof id !== "number") return badRequest([id]);
  try {
    const statement = await getPublicStatement(id);
    if (!statement) return apiError(404, "not_found", `No statement ${id}.`);
    return NextResponse.json(statement, { headers: { "Cache-Control": "public, max-age=30", "Access-Control-Allow-Origin": "*" } });
  } catch (error) {
    return apiFailure(error);
  }
}
