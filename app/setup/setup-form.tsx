"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, PasswordField, TextField, requestJson, type FieldErrors } from "@/components/forms";
import { type CurateAccountsText } from "@/lib/i18n/messages/curate-accounts";
import { fill } from "@/lib/i18n/translate";

type Limits = { email: number; name: number; passwordMin: number; passwordMax: number };

const TOKEN_ERRORS: Record<string, keyof CurateAccountsText> = {
  setup_unknown: "setupUnknown",
  setup_used: "setupUsed",
  setup_expired: "setupExpired",
  setup_users_exist: "setupUsersExist",
};

/** The first admin's email, name and password; then logs them in. */
export function SetupForm({ token, text, limits }: { token: string; text: CurateAccountsText; limits: Limits }) {
  const router = useRouter();
  const [values, setValues] = useState({ email: "", name: "", password: "", confirm: "" });
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    if (values.confirm !== values.password) {
      setFields({ confirm: text.passwordsDiffer });
      setError(text.fixFields);
      return;
    }
    setPending(true);
    const result = await requestJson<{ id: number; email: string }>(
      "/api/setup",
      "POST",
      { token, email: values.email, name: values.name, password: values.password },
      text,
    );
    if (!result.ok) {
      setPending(false);
      setFields(result.fields);
      const tokenError = TOKEN_ERRORS[result.code];
      setError(tokenError ? text[tokenError] : Object.keys(result.fields).length > 0 ? text.fixFields : result.message);
      return;
    }
    setDone(true);
    const login = await signIn("credentials", {
      redirect: false,
      email: values.email,
      password: values.password,
      callbackUrl: `${window.location.origin}/curate`,
    }).catch(() => undefined);
    // The first admin enrols in two-factor login right away (admins must have it).
    if (login?.ok && !login.error) router.push("/login/two-factor?next=%2Fcurate");
    else setPending(false);
  }

  if (done) {
    return (
      <div className="space-y-4">
        <FormMessage success={text.setupDone} id="setup" />
        <Link href="/login" className="underline">
          {text.goToLogin}
        </Link>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="flex max-w-md flex-col gap-4">
      <FormMessage error={error} id="setup" />
      <TextField
        id="setup-email"
        label={text.email}
        error={fields.email}
        name="email"
        type="email"
        autoComplete="username"
        dir="ltr"
        required
        maxLength={limits.email}
        value={values.email}
        onChange={set("email")}
      />
      <TextField
        id="setup-name"
        label={text.name}
        hint={text.nameHint}
        error={fields.name}
        name="name"
        autoComplete="name"
        dir="auto"
        maxLength={limits.name}
        value={values.name}
        onChange={set("name")}
      />
      <PasswordField
        purpose="new"
        limits={limits}
        id="setup-password"
        label={text.password}
        hint={fill(text.passwordHint, { min: limits.passwordMin })}
        error={fields.password}
        name="password"
        value={values.password}
        onChange={set("password")}
      />
      <PasswordField
        purpose="confirm"
        limits={limits}
        id="setup-confirm"
        label={text.confirmPassword}
        error={fields.confirm}
        name="confirm"
        value={values.confirm}
        onChange={set("confirm")}
      />
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
      >
        {pending ? text.creating : text.createAdmin}
      </button>
    </form>
  );
}
