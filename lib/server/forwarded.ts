import proxyaddr from "proxy-addr";
import { isIP } from "node:net";

// Who sent a request, as far as this server can know it. The socket's peer is
// the truth; X-Forwarded-For/-Host/-Proto are a proxy's word about what lies
// beyond it, worth something only when that peer is one of TRUSTED_PROXIES.
// The custom server (scripts/lib/app-server.ts) computes this for every request
// and hands it to Next in headers of its own; the app reads only those.

/** The client's address as the custom server determined it (a client-sent copy is removed first). */
export const CLIENT_ADDRESS_HEADER = "x-client-address";

/** Headers a client could use to claim an address, host or scheme: replaced (or removed) on every request. */
const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
  "x-real-ip",
  CLIENT_ADDRESS_HEADER,
];

export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * TRUSTED_PROXIES ("127.0.0.1, 10.0.0.0/8, ::1") as a test of a peer address;
 * throws a TypeError naming the bad entry. Empty or unset: no proxy is trusted.
 */
export function compileTrustedProxies(value: string | undefined): TrustFunction {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return () => false;
  for (const entry of entries) {
    // proxy-addr also takes names (loopback, uniquelocal…); we take addresses and ranges only, as documented.
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3}|\/[0-9.]+)?$/.test(entry))
      throw new TypeError(`"${entry}" is not an IP address or CIDR range`);
  }
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new TypeError(
      (error as Error).message.replace(
        /^invalid (IP address|range on address): (.*)$/,
        '"$2" is not an IP address or CIDR range',
      ),
    );
  }
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an address is returned as it is. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped && isIP(mapped[1]!) === 4 ? mapped[1]! : address;
}

function lastListEntry(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
}

const HOST_PATTERN = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export type ClientOrigin = { address: string; host: string | undefined; proto: "http" | "https" };

/**
 * The client's address, the host it asked for and the scheme it used.
 * Untrusted peer: its socket address, its Host header, and whether the socket
 * is TLS. Trusted peer: X-Forwarded-For walked from the right, skipping
 * trusted proxies (the first untrusted entry is the client), and the
 * X-Forwarded-Host/-Proto the nearest proxy set (the last entry of each).
 */
export function clientOrigin(
  request: {
    socketAddress: string | undefined;
    encrypted: boolean;
    headers: Record<string, string | string[] | undefined>;
  },
  trust: TrustFunction,
): ClientOrigin {
  const socketAddress = request.socketAddress ?? "unknown";
  const ownHost =
    typeof request.headers.host === "string" && HOST_PATTERN.test(request.headers.host)
      ? request.headers.host
      : undefined;
  const ownProto = request.encrypted ? "https" : "http";
  if (!request.socketAddress || !trust(socketAddress, 0))
    return { address: normalizeAddress(socketAddress), host: ownHost, proto: ownProto };

  const forwardedFor = request.headers["x-forwarded-for"];
  const chain = proxyaddr.all(
    {
      headers: { "x-forwarded-for": Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor },
      socket: { remoteAddress: socketAddress },
    } as never,
    trust,
  );
  // The last hop that is an address (a proxy that sends "unknown" leaves us with the proxy before it).
  const address = [...chain].reverse().find((entry) => isIP(entry) !== 0) ?? socketAddress;
  const forwardedHost = lastListEntry(request.headers["x-forwarded-host"]);
  const forwardedProto = lastListEntry(request.headers["x-forwarded-proto"])?.toLowerCase();
  return {
    address: normalizeAddress(address),
    host: forwardedHost && HOST_PATTERN.test(forwardedHost) ? forwardedHost : ownHost,
    proto: forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : ownProto,
  };
}

/**
 * Rewrites a request's headers in place for Next: every forwarding header the
 * client sent is removed, then X-Forwarded-For/-Host/-Proto and
 * x-client-address are set to what clientOrigin found.
 */
export function applyClientOrigin(headers: Record<string, string | string[] | undefined>, origin: ClientOrigin): void {
  for (const name of FORWARDING_HEADERS) delete headers[name];
  headers[CLIENT_ADDRESS_HEADER] = origin.address;
  headers["x-forwarded-for"] = origin.address;
  if (origin.host) headers["x-forwarded-host"] = origin.host;
  headers["x-forwarded-proto"] = origin.proto;
}

/** Strict-Transport-Security for a site whose public address is https (decided when the server starts, from PUBLIC_URL). */
export function hstsHeader(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith("https:") ? "max-age=31536000; includeSubDomains" : null;
}
