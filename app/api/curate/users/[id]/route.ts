import { NextResponse } from "next/server";
import { curatorRoute, readJsonBody } from "@/lib/api/curator-route";
import { parseId } from "@/lib/api/responses";
import { ROLES } from "@/lib/auth/roles";
import { changeUserRole, setUserDisabled } from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { getPool } from "@/lib/db/client";

// PATCH {"role": "admin"|"editor"} or {"disabled": true|false}: one change at
// a time. Either ends the user's sessions at once (lib/auth/users.ts).
export const PATCH = curatorRoute<{ id: string }>("admin", async ({ request, user, params }) => {
  const id = parseId(params.id);
  if (typeof id !== "number") throw new ValidationError([id]);
  const body = await readJsonBody(request, 10_000);
  const changes = ["role", "disabled"].filter((key) => body[key] !== undefined);
  const unknown = Object.keys(body).filter((key) => key !== "role" && key !== "disabled");
  if (unknown.length > 0)
    throw new ValidationError(
      unknown.map((field) => ({
        field,
        message: "is not a field of a user that can be changed here (role, disabled)",
      })),
    );
  if (changes.length !== 1)
    throw new ValidationError([{ field: "body", message: "must hold exactly one of role or disabled" }]);

  if (body.role !== undefined) {
    if (typeof body.role !== "string" || !(ROLES as readonly string[]).includes(body.role)) {
      throw new ValidationError([{ field: "role", message: `must be one of ${ROLES.join(", ")}` }]);
    }
    const updated = await changeUserRole(getPool(), { userId: id, role: body.role }, user.id);
    return NextResponse.json({ user: updated }, { headers: { "Cache-Control": "no-store" } });
  }
  if (typeof body.disabled !== "boolean")
    throw new ValidationError([{ field: "disabled", message: "must be true or false" }]);
  const updated = await setUserDisabled(getPool(), { userId: id, disabled: body.disabled }, user.id);
  return NextResponse.json({ user: updated }, { headers: { "Cache-Control": "no-store" } });
});
