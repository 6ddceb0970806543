"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  Field,
  FormMessage,
  TextField,
  inputClass,
  requestJson,
  unplacedProblems,
  type FieldErrors,
} from "@/components/forms";
import type { Role } from "@/lib/auth/roles";
import type { UiLocale } from "@/lib/i18n/config";
import { curateTokensMessages } from "@/lib/i18n/messages/curate-tokens";
import { translator } from "@/lib/i18n/translate";

type Created = { token: string; apiToken: { id: number; name: string } };

/**
 * Creates a personal API token. The answer holds the token itself, shown here
 * once (kept only in this component's state: a reload forgets it, and the
 * server can never show it again: it keeps only the hash).
 */
export function NewApiTokenForm({
  locale,
  roles,
  nameMaxLength,
}: {
  locale: UiLocale;
  roles: Role[];
  nameMaxLength: number;
}) {
  const t = translator(curateTokensMessages, locale);
  const router = useRouter();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copyState, setCopyState] = useState<"" | "copied" | "failed">("");
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    setCreated(null);
    setCopyState("");
    const result = await requestJson<Created>(
      "/api/curate/tokens",
      "POST",
      { name, role },
      { networkFailed: t("networkFailed"), requestFailed: t("requestFailed") },
    );
    setPending(false);
    if (!result.ok) {
      // What was typed stays; the fields say what is wrong.
      setFields(result.fields);
      setError(Object.keys(result.fields).length > 0 ? t("fixFields") : result.message);
      return;
    }
    setFields({});
    setName("");
    setCreated({ name: result.data.apiToken.name, token: result.data.token });
    router.refresh();
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  return (
    <form method="post" onSubmit={(event) => void submit(event)} className="flex max-w-xl flex-col gap-4">
      <FormMessage
        error={error}
        problems={unplacedProblems(fields, ["name", "role"])}
        success={created ? t("tokenCreated", { name: created.name }) : undefined}
        id="new-api-token"
      />
      {created ? (
        <div className="space-y-2 rounded border border-amber-700 bg-amber-50 px-3 py-2">
          <p id="new-api-token-label" className="font-semibold">
            {t("newTokenLabel")}
          </p>
          <p>
            <code
              dir="ltr"
              aria-labelledby="new-api-token-label"
              className="select-all break-all font-mono"
              data-testid="new-api-token"
            >
              {created.token}
            </code>
          </p>
          <p>{t("tokenShownOnce")}</p>
          <div className="flex items-center gap-2">
            <button
              type="button"
              onClick={() => void copy(created.token)}
              className="rounded border border-slate-700 px-3 py-1"
            >
              {t("copy")}
            </button>
            <span role="status">
              {copyState === "copied" ? t("copied") : copyState === "failed" ? t("copyFailed") : ""}
            </span>
          </div>
        </div>
      ) : null}
      <TextField
        id="new-api-token-name"
        label={t("tokenName")}
        hint={t("tokenNameHint")}
        error={fields.name}
        name="name"
        autoComplete="off"
        dir="auto"
        required
        maxLength={nameMaxLength}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Field id="new-api-token-role" label={t("tokenRole")} error={fields.role}>
        {(control) => (
          <select
            {...control}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={inputClass(fields.role)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {value === "admin" ? t("roleAdmin") : t("roleEditor")}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
      >
        {pending ? t("creating") : t("createToken")}
      </button>
    </form>
  );
}
