import { API_TOKEN_LIMITS, grantableRoles, listApiTokens } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/roles";
import { getPool } from "@/lib/db/client";
import { curateTokensMessages } from "@/lib/i18n/messages/curate-tokens";
import { getI18n } from "@/lib/i18n/server";
import { NewApiTokenForm } from "./new-api-token-form";
import { RevokeApiTokenButton } from "./revoke-api-token-button";

/** The account screen's "API tokens": the curator's tokens (never the secrets), a form to create one, a button to revoke each. */
export async function ApiTokensSection({ user }: { user: CurrentUser }) {
  const { t: translate, locale } = await getI18n();
  const t = translate(curateTokensMessages);
  const tokens = await listApiTokens(getPool(), user.id);
  const when = new Intl.DateTimeFormat(locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const at = (date: Date) => `${when.format(date)} UTC`;
  const roleName = (role: string) => (role === "admin" ? t("roleAdmin") : t("roleEditor"));
  return (
    <section aria-labelledby="api-tokens-title" className="space-y-4">
      <h2 id="api-tokens-title" className="text-xl font-bold">
        {t("tokensTitle")}
      </h2>
      <p className="text-slate-700">{t("tokensIntro")}</p>
      <p className="text-slate-700">
        {t("tokensUsage")}{" "}
        <code dir="ltr" className="font-mono">
          Authorization: Bearer stk_…
        </code>
      </p>
      {tokens.length === 0 ? (
        <p>{t("noTokens")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start text-sm">
            <caption className="sr-only">{t("tokensTable")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="px-2 py-2 text-start">
                  {t("name")}
                </th>
                <th scope="col" className="px-2 py-2 text-start">
                  {t("role")}
                </th>
                <th scope="col" className="px-2 py-2 text-start">
                  {t("created")}
                </th>
                <th scope="col" className="px-2 py-2 text-start">
                  {t("lastUsed")}
                </th>
                <th scope="col" className="px-2 py-2 text-start">
                  {t("status")}
                </th>
                <th scope="col" className="px-2 py-2 text-start">
                  {t("actions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b border-slate-200 align-top" data-token-name={token.name}>
                  <td className="px-2 py-2" dir="auto">
                    {token.name}
                  </td>
                  <td className="px-2 py-2">{roleName(token.role)}</td>
                  <td className="px-2 py-2">{at(token.createdAt)}</td>
                  <td className="px-2 py-2">{token.lastUsedAt ? at(token.lastUsedAt) : t("never")}</td>
                  <td className="px-2 py-2">
                    {token.revokedAt ? t("revokedOn", { date: at(token.revokedAt) }) : t("active")}
                  </td>
                  <td className="px-2 py-2">
                    {token.revokedAt ? null : (
                      <RevokeApiTokenButton token={{ id: token.id, name: token.name }} locale={locale} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="text-lg font-semibold">{t("newTokenTitle")}</h3>
      <NewApiTokenForm
        locale={locale}
        roles={grantableRoles(user.role)}
        nameMaxLength={API_TOKEN_LIMITS.nameMaxLength}
      />
    </section>
  );
}
