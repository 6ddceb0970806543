import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { ValidationError } from "@/lib/curate/errors";
import { createStatement } from "@/lib/curate/statements";
import { getPool } from "@/lib/db/client";
import { parseStatementForm } from "@/lib/validation/statement-form";

export const dynamic = "force-dynamic";

/** Adds a statement (draft or published). */
export const POST = curatorRoute("editor", async ({ request, user }) => {
  const form = parseStatementForm(await readJsonBody(request));
  if (!form.ok) throw new ValidationError(form.fields);
  const saved = await createStatement(getPool(), user, form.value);
  return NextResponse.json(saved, { status: 201, headers: { Location: `/curate/statements/${saved.id}` } });
});
