import { permanentRedirect, redirect } from "next/navigation";
import { encodeLocation } from "./location";

// Pages redirect through these, route handlers through redirectResponse: the
// Location is always percent-encoded (lib/http/location.ts says why).

/** next/navigation's redirect() (307, or 303 after a server action) with the address encoded. */
export function redirectTo(location: string): never {
  redirect(encodeLocation(location));
}

/** next/navigation's permanentRedirect() (308) with the address encoded. */
export function permanentRedirectTo(location: string): never {
  permanentRedirect(encodeLocation(location));
}

/** A redirect answer for route handlers, its Location encoded. */
export function redirectResponse(
  location: string,
  status: 301 | 302 | 303 | 307 | 308,
  headers: Record<string, string> = {},
): Response {
  return new Response(null, { status, headers: { ...headers, Location: encodeLocation(location) } });
}
