type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client's address for throttling and rate limits: the last
 * X-Forwarded-For entry, the one the nearest reverse proxy appends. Next's
 * own server only fills the header when it is absent, so without a proxy a
 * client can choose it: deploy behind one (README, "The curator workspace").
 */
export function clientAddress(headers: HeaderSource): string {
  const forwarded = header(headers, "x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return last || header(headers, "x-real-ip") || "unknown";
}
