"use client";

import { useRef, useState, type FormEvent } from "react";
import { FormMessage, TextField, requestJson, type FieldErrors } from "@/components/forms";
import type { TwoFactorText } from "@/lib/i18n/messages/two-factor";
import { fill } from "@/lib/i18n/translate";

/** The second login step: a code from the authenticator app, or one of the recovery codes. */
export function TwoFactorCodeForm({ next, text }: { next: string; text: TwoFactorText }) {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState("");
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [success, setSuccess] = useState("");
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const field = recovery ? "recoveryCode" : "code";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    setFields({});
    const result = await requestJson<{ method: string; recoveryCodesLeft?: number }>(
      "/api/login/two-factor",
      "POST",
      { [field]: value },
      text,
    );
    if (result.ok) {
      if (result.data.method === "recovery") {
        // Say how many are left before moving on: the curator may need to make new ones.
        setSuccess(fill(text.recoveryCodesLeft, { count: result.data.recoveryCodesLeft ?? 0 }));
        setTimeout(() => window.location.assign(next), 1500);
      } else {
        window.location.assign(next);
      }
      return;
    }
    setPending(false);
    setValue("");
    if (result.code === "no_pending_login") {
      setFields({});
      setError(text.pendingExpired);
      return;
    }
    setFields(result.fields);
    setError(result.fields[field] ? "" : result.message);
    input.current?.focus();
  }

  function switchMode() {
    setRecovery((r) => !r);
    setValue("");
    setFields({});
    setError("");
  }

  return (
    <div className="space-y-4">
      <form method="post" onSubmit={(event) => void submit(event)} className="flex max-w-md flex-col gap-4">
        <FormMessage error={error} success={success} id="two-factor" />
        {recovery ? (
          <TextField
            key="recovery"
            id="two-factor-recovery"
            ref={input}
            label={text.recoveryCode}
            hint={text.recoveryCodeHint}
            error={fields.recoveryCode}
            name="recoveryCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            required
            maxLength={40}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        ) : (
          <TextField
            key="code"
            id="two-factor-code"
            ref={input}
            label={text.code}
            hint={text.codeHint}
            error={fields.code}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            dir="ltr"
            required
            maxLength={10}
            // The one field of this step, reached right after the password.
            autoFocus
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
        >
          {pending ? text.verifying : text.verify}
        </button>
      </form>
      <button type="button" onClick={switchMode} className="text-sm underline">
        {recovery ? text.useAppCode : text.useRecoveryCode}
      </button>
    </div>
  );
}
