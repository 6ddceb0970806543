"use client";

import { useState, type FormEvent } from "react";
import { FormMessage, TextField, requestJson, type FieldErrors } from "@/components/forms";
import type { TwoFactorText } from "@/lib/i18n/messages/two-factor";
import { fill } from "@/lib/i18n/translate";

type Enrolment = { secret: string; qrCodeDataUrl: string };

/**
 * Turning two-factor login on: the QR code (an SVG made on the server, shown
 * as an image) and the same secret as text, then a first code to confirm.
 * The recovery codes come back once and are shown here, once.
 */
export function TwoFactorEnrolment({
  enrolment,
  email,
  next,
  text,
}: {
  enrolment: Enrolment;
  email: string;
  next: string;
  text: TwoFactorText;
}) {
  const [code, setCode] = useState("");
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    setFields({});
    const result = await requestJson<{ recoveryCodes: string[] }>(
      "/api/login/two-factor/enrol",
      "POST",
      { code },
      text,
    );
    setPending(false);
    if (result.ok) {
      setRecoveryCodes(result.data.recoveryCodes);
      return;
    }
    setCode("");
    setFields(result.fields);
    setError(result.fields.code ? "" : result.message);
  }

  if (recoveryCodes) {
    return (
      <section aria-labelledby="recovery-codes-title" className="space-y-4">
        <h2 id="recovery-codes-title" className="text-xl font-bold">
          {text.recoveryTitle}
        </h2>
        <p role="status">{text.recoveryIntro}</p>
        <ul data-testid="recovery-codes" className="grid max-w-md grid-cols-2 gap-2 font-mono" dir="ltr">
          {recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <a href={next} className="inline-block rounded bg-slate-900 px-4 py-2 font-semibold text-white">
          {text.continue}
        </a>
      </section>
    );
  }

  // The secret in groups of four, easier to type; apps ignore the spaces.
  const grouped = enrolment.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <div className="space-y-4">
      <p>{text.enrolIntro}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
      <img
        src={enrolment.qrCodeDataUrl}
        alt={fill(text.qrAlt, { email })}
        width={200}
        height={200}
        className="border border-slate-300 bg-white"
      />
      <div>
        <p className="font-semibold" id="two-factor-secret-label">
          {text.secret}
        </p>
        <code data-testid="two-factor-secret" aria-labelledby="two-factor-secret-label" className="text-lg" dir="ltr">
          {grouped}
        </code>
        <p className="text-sm text-slate-700">{text.secretDetails}</p>
      </div>
      <form method="post" onSubmit={(event) => void submit(event)} className="flex max-w-md flex-col gap-4">
        <FormMessage error={error} id="two-factor-enrol" />
        <TextField
          id="two-factor-enrol-code"
          label={text.code}
          hint={text.codeHint}
          error={fields.code}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          dir="ltr"
          required
          maxLength={10}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
        >
          {pending ? text.turningOn : text.turnOn}
        </button>
      </form>
    </div>
  );
}
