import type { Metadata } from "next";
import { CuratorTable } from "@/components/curate/curator-table";
import { requireCuratorPage } from "@/lib/auth/page";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { USER_LIMITS, listUsers } from "@/lib/auth/users";
import { getPool } from "@/lib/db/client";
import { curateAccountsMessages } from "@/lib/i18n/messages/curate-accounts";
import { getI18n } from "@/lib/i18n/server";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { twoFactorEnabledUserIds } from "@/lib/auth/two-factor";
import { NewUserForm } from "./new-user-form";
import { ResetTwoFactorButton } from "./reset-two-factor-button";
import { UserRowActions } from "./user-row-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = (await getI18n()).t(curateAccountsMessages);
  return { title: t("usersTitle") };
}

export default async function UsersPage() {
  const me = await requireCuratorPage("admin");
  const { t: translate, locale } = await getI18n();
  const t = translate(curateAccountsMessages);
  const [users, withTwoFactor] = await Promise.all([listUsers(getPool()), twoFactorEnabledUserIds(getPool())]);
  const tf = translate(twoFactorMessages);
  const when = new Intl.DateTimeFormat(locale === "ar" ? "ar-SY-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const roleName = (role: string) => (role === "admin" ? t("roleAdmin") : t("roleEditor"));
  const text = curateAccountsMessages[locale];
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("usersTitle")}</h1>
        <p className="text-slate-700">{t("usersIntro")}</p>
      </div>
      <CuratorTable
        caption={t("usersTable")}
        columns={[
          { label: t("email") },
          { label: t("name") },
          { label: t("role") },
          { label: t("status") },
          { label: t("lastLogin") },
          { label: tf("columnTwoFactor") },
          { label: t("actions") },
        ]}
      >
        {users.map((user) => (
          <tr key={user.id} className="border-b border-slate-200 align-top" data-user-email={user.email}>
            <td className="px-2 py-2" dir="ltr">
              {user.email} {user.id === me.id ? <span className="text-slate-700">{t("you")}</span> : null}
            </td>
            <td className="px-2 py-2" dir="auto">
              {user.name}
            </td>
            <td className="px-2 py-2">{roleName(user.role)}</td>
            <td className="px-2 py-2">{user.disabled ? t("disabledStatus") : t("active")}</td>
            <td className="px-2 py-2">{user.lastLoginAt ? `${when.format(user.lastLoginAt)} UTC` : t("never")}</td>
            <td className="px-2 py-2">
              {withTwoFactor.has(user.id) ? tf("on") : tf("off")}
              {user.id !== me.id ? (
                <ResetTwoFactorButton
                  user={{ id: user.id, email: user.email }}
                  enabled={withTwoFactor.has(user.id)}
                  text={twoFactorMessages[locale]}
                />
              ) : null}
            </td>
            <td className="px-2 py-2">
              <UserRowActions
                user={{ id: user.id, email: user.email, role: user.role, disabled: user.disabled }}
                text={text}
              />
            </td>
          </tr>
        ))}
      </CuratorTable>
      <section aria-labelledby="new-user-title" className="space-y-4">
        <h2 id="new-user-title" className="text-xl font-bold">
          {t("newUserTitle")}
        </h2>
        <NewUserForm
          text={text}
          limits={{
            email: USER_LIMITS.emailMaxLength,
            name: USER_LIMITS.nameMaxLength,
            passwordMin: PASSWORD_RULES.minLength,
            passwordMax: PASSWORD_RULES.maxLength,
          }}
        />
      </section>
    </div>
  );
}
