"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  Field,
  FormMessage,
  PasswordField,
  TextField,
  inputClass,
  requestJson,
  type FieldErrors,
} from "@/components/forms";
import { type CurateAccountsText } from "@/lib/i18n/messages/curate-accounts";
import { fill } from "@/lib/i18n/translate";

type Limits = { email: number; name: number; passwordMin: number; passwordMax: number };
type Created = { user: { id: number; email: string }; password?: string };

const EMPTY = { email: "", name: "", role: "editor", password: "", generate: true };

/** Creates a curator; a generated password is shown here once, for the admin to pass on. */
export function NewUserForm({ text, limits }: { text: CurateAccountsText; limits: Limits }) {
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [created, setCreated] = useState<{ email: string; password?: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    setCreated(null);
    const body = {
      email: values.email,
      name: values.name,
      role: values.role,
      ...(values.generate ? { generate: true } : { password: values.password }),
    };
    const result = await requestJson<Created>("/api/curate/users", "POST", body, text);
    setPending(false);
    if (!result.ok) {
      // What was typed stays; the fields say what is wrong.
      setFields(result.fields);
      setError(Object.keys(result.fields).length > 0 ? `${text.fixFields} ${result.message}` : result.message);
      return;
    }
    setFields({});
    setValues(EMPTY);
    setCreated({ email: result.data.user.email, password: result.data.password });
    router.refresh();
  }

  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="flex max-w-md flex-col gap-4">
      <FormMessage
        error={error}
        success={created ? fill(text.userCreated, { email: created.email }) : undefined}
        id="new-user"
      />
      {created?.password ? (
        <div className="rounded border border-amber-700 bg-amber-50 px-3 py-2">
          <p>{text.generatedPassword}</p>
          <p>
            <code dir="ltr" className="select-all font-mono text-lg" data-testid="generated-password">
              {created.password}
            </code>
          </p>
        </div>
      ) : null}
      <TextField
        id="new-user-email"
        label={text.email}
        error={fields.email}
        name="email"
        type="email"
        autoComplete="off"
        dir="ltr"
        required
        maxLength={limits.email}
        value={values.email}
        onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))}
      />
      <TextField
        id="new-user-name"
        label={text.name}
        error={fields.name}
        name="name"
        autoComplete="off"
        dir="auto"
        maxLength={limits.name}
        value={values.name}
        onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
      />
      <Field id="new-user-role" label={text.role} error={fields.role}>
        {(control) => (
          <select
            {...control}
            name="role"
            value={values.role}
            onChange={(e) => setValues((v) => ({ ...v, role: e.target.value }))}
            className={inputClass(fields.role)}
          >
            <option value="editor">{text.roleEditor}</option>
            <option value="admin">{text.roleAdmin}</option>
          </select>
        )}
      </Field>
      <div className="flex items-center gap-2">
        <input
          id="new-user-generate"
          type="checkbox"
          checked={values.generate}
          onChange={(e) => setValues((v) => ({ ...v, generate: e.target.checked }))}
        />
        <label htmlFor="new-user-generate">{text.generatePassword}</label>
      </div>
      {values.generate ? null : (
        <PasswordField
          purpose="new"
          limits={limits}
          id="new-user-password"
          label={text.password}
          hint={fill(text.passwordHint, { min: limits.passwordMin })}
          error={fields.password}
          name="password"
          value={values.password}
          onChange={(e) => setValues((v) => ({ ...v, password: e.target.value }))}
        />
      )}
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
      >
        {pending ? text.saving : text.createUser}
      </button>
    </form>
  );
}
