import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody, rejectUnknownFields } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { deleteStatement, getEditableStatement, updateStatement } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { parseBaseVersion, parseStatementForm, statementEditSchema } from "@/lib/validation/statement-form";

export const dynamic = "force-dynamic";

// Part of the write API: each method here takes a personal API token too.
const WRITE_API = { apiTokens: true } as const;
const FIELDS = Object.keys(statementEditSchema.shape);

function statementId(raw: string): number {
  const id = parseId(raw);
  if (typeof id !== "number") throw new ValidationError([id]);
  return id;
}

/** The statement as the editor holds it (drafts included), with its version. */
export const GET = curatorRoute<{ id: string }>(
  "editor",
  async ({ params }) => {
    const id = statementId(params.id);
    const statement = await getEditableStatement(getPool(), id);
    if (!statement) throw new NotFoundError(`No statement ${id}.`);
    return NextResponse.json(statement, { headers: { "Cache-Control": "no-store" } });
  },
  WRITE_API,
);

/** Saves an edit made on `version`; 409 with the stored statement when someone saved in between. */
export const PUT = curatorRoute<{ id: string }>(
  "editor",
  async ({ request, user, params }) => {
    const id = statementId(params.id);
    const body = await readJsonBody(request);
    rejectUnknownFields(body, FIELDS);
    const version = parseBaseVersion(body.version);
    const form = parseStatementForm(body);
    const problems = [...(typeof version === "number" ? [] : [version]), ...(form.ok ? [] : form.fields)];
    if (problems.length > 0 || !form.ok || typeof version !== "number") throw new ValidationError(problems);
    return NextResponse.json(await updateStatement(getPool(), user, id, version, form.value));
  },
  WRITE_API,
);

/** Admins only: removes the statement (its revisions remain). */
export const DELETE = curatorRoute<{ id: string }>(
  "admin",
  async ({ user, params }) => {
    await deleteStatement(getPool(), user, statementId(params.id));
    return new NextResponse(null, { status: 204 });
  },
  WRITE_API,
);
