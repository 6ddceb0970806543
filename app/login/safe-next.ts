// Where the login page may send the browser afterwards: only a path of this
// site. "//evil.example" and "/\evil.example" are other sites to a browser,
// and a scheme ("https:", "javascript:") never starts with "/".

export const DEFAULT_AFTER_LOGIN = "/curate";

export function safeNextPath(raw: string | string[] | undefined | null): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2000) return DEFAULT_AFTER_LOGIN;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return DEFAULT_AFTER_LOGIN;
  // Control characters (a tab or newline inside "/\t/evil") are dropped by URL parsers.
  if (/[\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_LOGIN;
  // Back to the login or setup page would only show the form again.
  if (/^\/(login|setup)(?:[/?#]|$)/.test(value)) return DEFAULT_AFTER_LOGIN;
  return value;
}
