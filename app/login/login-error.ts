// The message the login form shows for the error next-auth hands back (the
// message authorize threw, see lib/auth/options.ts LOGIN_ERRORS). Only known
// errors are shown in words of their own: a crafted /login?error=… cannot put
// text of its choosing on the page.

export type LoginErrorTemplates = { wrong: string; throttled: string };
export type LoginErrorText = { loginWrong: string; loginThrottled: string; loginFailed: string };

export function describeLoginError(
  error: string | null | undefined,
  templates: LoginErrorTemplates,
  text: LoginErrorText,
): string {
  if (!error) return "";
  if (error === templates.wrong || error === "CredentialsSignin") return text.loginWrong;
  const [before = "", after = ""] = templates.throttled.split("{minutes}");
  if (error.startsWith(before) && error.endsWith(after)) {
    const minutes = error.slice(before.length, error.length - after.length);
    if (/^\d{1,4}$/.test(minutes)) return text.loginThrottled.replace("{minutes}", minutes);
  }
  return text.loginFailed;
}
