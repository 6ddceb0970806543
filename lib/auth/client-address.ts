type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client's address for throttling. Next's server appends the socket's
 * address to X-Forwarded-For, so the last entry is the one no client can
 * forge (behind a reverse proxy it is the proxy's view of the client).
 */
export function clientAddress(headers: HeaderSource): string {
  const forwarded = header(headers, "x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return last || header(headers, "x-real-ip") || "unknown";
}
