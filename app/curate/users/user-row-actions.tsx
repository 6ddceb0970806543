"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "@/components/forms";
import { type CurateAccountsText } from "@/lib/i18n/messages/curate-accounts";
import { fill } from "@/lib/i18n/translate";

type Row = { id: number; email: string; role: "admin" | "editor"; disabled: boolean };

/** One user's role and enabled state; each change ends that user's sessions (server side). */
export function UserRowActions({ user, text }: { user: Row; text: CurateAccountsText }) {
  const router = useRouter();
  const [role, setRole] = useState(user.role);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const [pending, setPending] = useState(false);
  const roleName = (value: string) => (value === "admin" ? text.roleAdmin : text.roleEditor);

  async function patch(body: { role: string } | { disabled: boolean }, success: string) {
    setPending(true);
    setError("");
    setDone("");
    const result = await requestJson(`/api/curate/users/${user.id}`, "PATCH", body, text);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setDone(success);
    router.refresh();
  }

  const selectId = `role-${user.id}`;
  return (
    <div className="flex flex-col gap-2">
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void patch({ role }, fill(text.roleChanged, { email: user.email, role: roleName(role) }));
        }}
      >
        <label htmlFor={selectId} className="sr-only">
          {fill(text.roleOf, { email: user.email })}
        </label>
        <select
          id={selectId}
          value={role}
          onChange={(event) => setRole(event.target.value as Row["role"])}
          className="rounded border border-slate-500 px-2 py-1"
        >
          <option value="editor">{text.roleEditor}</option>
          <option value="admin">{text.roleAdmin}</option>
        </select>
        <button
          type="submit"
          disabled={pending || role === user.role}
          className="rounded border border-slate-500 px-2 py-1 disabled:opacity-70"
        >
          {text.saveRole}
        </button>
        <button
          type="button"
          disabled={pending}
          aria-label={fill(user.disabled ? text.enableLabel : text.disableLabel, { email: user.email })}
          onClick={() =>
            void patch(
              { disabled: !user.disabled },
              fill(user.disabled ? text.userEnabled : text.userDisabled, { email: user.email }),
            )
          }
          className="rounded border border-slate-500 px-2 py-1 disabled:opacity-70"
        >
          {user.disabled ? text.enable : text.disable}
        </button>
      </form>
      <div role="alert" className={error ? "text-red-800" : undefined}>
        {error}
      </div>
      <div role="status" className={done ? "text-green-900" : undefined}>
        {done}
      </div>
    </div>
  );
}
