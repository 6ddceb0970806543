import { CLIENT_ADDRESS_HEADER } from "@/lib/server/forwarded";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client's address for throttling and rate limits, as our server
 * (scripts/lib/app-server.ts) determined it from the socket and
 * TRUSTED_PROXIES and put in x-client-address, after removing any copy the
 * client sent. X-Forwarded-For is never read here: a client can write it.
 * Without our server in front (next dev), every request counts as "unknown".
 */
export function clientAddress(headers: HeaderSource): string {
  return header(headers, CLIENT_ADDRESS_HEADER)?.trim() || "unknown";
}
