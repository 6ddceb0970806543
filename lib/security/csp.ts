// The Content-Security-Policy of every page: scripts only from this site and
// with this response's nonce (Next puts it on its own scripts when it finds it
// in the request's CSP header), no plugins, no framing (but for the embeddable
// statement card: `framable`), forms only to here.
// Inline style attributes stay allowed: React renders some, and styles cannot run code.

export function contentSecurityPolicy(
  nonce: string,
  options: { development: boolean; https: boolean; framable?: boolean },
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.framable ? "*" : "'none'"}`,
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function newNonce(): string {
  return btoa(crypto.randomUUID());
}
