// Every redirect's Location goes through here. An HTTP header may only hold
// Latin-1 (and should hold ASCII): Node refuses anything else with "Invalid
// character in header content", which turned a redirect to
// /speakers/ميركل into a 500. The WHATWG URL parser percent-encodes what a
// URL may not hold (non-ASCII as UTF-8, spaces, quotes…) and leaves existing
// %-escapes alone, so an address that is already encoded is not encoded twice.

const BASE = "http://location.invalid";

/**
 * `location` (a path of this site such as "/speakers/ميركل?x=1", or an absolute
 * URL) with every character a header may not hold percent-encoded. A path stays
 * a path, and never becomes "//host" (which a browser would read as another site).
 */
export function encodeLocation(location: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return new URL(location).href;
  const url = new URL(location, `${BASE}/`);
  const path = url.pathname.replace(/^\/{2,}/, "/");
  return `${path}${url.search}${url.hash}`;
}
