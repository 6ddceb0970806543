export const ROLES = ["admin", "editor"] as const;
export type Role = (typeof ROLES)[number];

export type CurrentUser = { id: number; email: string; name: string; role: Role };

/** Admins may do everything editors may. */
export function hasRole(user: Pick<CurrentUser, "role">, needed: Role): boolean {
  return needed === "editor" || user.role === "admin";
}
