"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, PasswordField, requestJson, type FieldErrors } from "@/components/forms";
import { type CurateAccountsText } from "@/lib/i18n/messages/curate-accounts";
import { fill } from "@/lib/i18n/translate";

type Limits = { passwordMin: number; passwordMax: number };
const EMPTY = { currentPassword: "", newPassword: "", confirmPassword: "" };

/**
 * Changes the password. The server ends every session of this user; this
 * browser then logs in again with the new password, so only the others end.
 */
export function ChangePasswordForm({
  email,
  text,
  limits,
}: {
  email: string;
  text: CurateAccountsText;
  limits: Limits;
}) {
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [success, setSuccess] = useState("");
  const [pending, setPending] = useState(false);
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    setSuccess("");
    if (values.confirmPassword !== values.newPassword) {
      setFields({ confirmPassword: text.passwordsDiffer });
      setError(text.fixFields);
      return;
    }
    setPending(true);
    const result = await requestJson<{ twoFactor?: boolean }>("/api/curate/account/password", "POST", values, text);
    if (!result.ok) {
      setPending(false);
      setFields(result.fields);
      setError(Object.keys(result.fields).length > 0 ? text.fixFields : result.message);
      return;
    }
    setFields({});
    const login = await signIn("credentials", {
      redirect: false,
      email,
      password: values.newPassword,
      callbackUrl: `${window.location.origin}/curate/account`,
    }).catch(() => undefined);
    setPending(false);
    setValues(EMPTY);
    if (login?.ok && !login.error && result.data.twoFactor) {
      // The new session waits for a code (lib/auth/two-factor-session.ts): on to that step, then back here.
      router.push(`/login/two-factor?next=${encodeURIComponent("/curate/account")}`);
    } else if (login?.ok && !login.error) {
      setSuccess(text.passwordChanged);
      router.refresh();
    } else {
      router.push(`/login?next=${encodeURIComponent("/curate/account")}`);
    }
  }

  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="flex max-w-md flex-col gap-4">
      <FormMessage error={error} success={success} id="change-password" />
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <PasswordField
        purpose="current"
        limits={limits}
        id="current-password"
        label={text.currentPassword}
        error={fields.currentPassword}
        name="currentPassword"
        value={values.currentPassword}
        onChange={set("currentPassword")}
      />
      <PasswordField
        purpose="new"
        limits={limits}
        id="new-password"
        label={text.newPassword}
        hint={fill(text.passwordHint, { min: limits.passwordMin })}
        error={fields.newPassword}
        name="newPassword"
        value={values.newPassword}
        onChange={set("newPassword")}
      />
      <PasswordField
        purpose="confirm"
        limits={limits}
        id="confirm-password"
        label={text.confirmNewPassword}
        error={fields.confirmPassword}
        name="confirmPassword"
        value={values.confirmPassword}
        onChange={set("confirmPassword")}
      />
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
      >
        {pending ? text.saving : text.changePassword}
      </button>
    </form>
  );
}
