import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { generatePassword } from "@/lib/auth/password";
import { createUser, userSummary } from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { getPool } from "@/lib/db/client";
import { textFields } from "@/lib/auth/request-fields";

// POST: an admin creates a curator account. With {"generate": true} the
// password is made here and returned in this answer only.
export const POST = curatorRoute("admin", async ({ request, user }) => {
  const body = await readJsonBody(request, 10_000);
  if (body.generate !== undefined && typeof body.generate !== "boolean")
    throw new ValidationError([{ field: "generate", message: "must be true or false" }]);
  const generate = body.generate === true;
  const fields = textFields(body, ["email", "name", "role", "password"]);
  const input = { ...fields, password: generate ? generatePassword() : fields.password };
  const pool = getPool();
  const id = await createUser(pool, input, user.id);
  return NextResponse.json(
    { user: await userSummary(pool, id), ...(generate ? { password: input.password } : {}) },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
