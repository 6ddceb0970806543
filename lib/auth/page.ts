import "server-only";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { redirectTo } from "@/lib/http/redirect";
import { CURRENT_PATH_HEADER } from "@/lib/i18n/config";
import { hasRole, type CurrentUser, type Role } from "./roles";
import { getCurrentUser } from "./session";

/** For curator pages: the current curator, else a redirect to the login page that comes back here. */
export async function requireCuratorPage(role: Role = "editor"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const here = (await headers()).get(CURRENT_PATH_HEADER) ?? "/curate";
    redirectTo(`/login?next=${encodeURIComponent(here)}`);
  }
  if (!hasRole(user, role)) forbidden();
  return user;
}
