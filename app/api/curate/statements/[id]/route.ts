import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { NotFoundError, ValidationError } from "@/lib/curate/errors";
import { deleteStatement, getEditableStatement, updateStatement } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { parseBaseVersion, parseStatementForm } from "@/lib/validation/statement-form";

export const dynamic = "force-dynamic";

function statementId(raw: string): number {
  const id = parseId(raw);
  if (typeof id !== "number") throw new ValidationError([id]);
  return id;
}

/** The statement as the editor holds it (drafts included), with its version. */
export const GET = curatorRoute<{ id: string }>("editor", async ({ params }) => {
  const id = statementId(params.id);
  const statement = await getEditableStatement(getPool(), id);
  if (!statement) throw new NotFoundError(`No statement ${id}.`);
  return NextResponse.json(statement, { headers: { "Cache-Control": "no-store" } });
});

/** Saves an edit made on `version`; 409 with the stored statement when someone saved in between. */
export const PUT = curatorRoute<{ id: string }>("editor", async ({ request, user, params }) => {
  const id = statementId(params.id);
  const body = await readJsonBody(request);
  const version = parseBaseVersion(body.version);
  const form = parseStatementForm(body);
  const problems = [...(typeof version === "number" ? [] : [version]), ...(form.ok ? [] : form.fields)];
  if (problems.length > 0 || !form.ok || typeof version !== "number") throw new ValidationError(problems);
  return NextResponse.json(await updateStatement(getPool(), user, id, version, form.value));
});

/** Admins only: removes the statement (its revisions remain). */
export const DELETE = curatorRoute<{ id: string }>("admin", async ({ user, params }) => {
  await deleteStatement(getPool(), user, statementId(params.id));
  return new NextResponse(null, { status: 204 });
});
