"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "@/components/forms";
import type { TwoFactorText } from "@/lib/i18n/messages/two-factor";
import { fill } from "@/lib/i18n/translate";

/**
 * The users screen's reset of another user's two-factor login, after a
 * confirmation. Rendered for every other user (the button only where it is
 * on), so that the message outlives the refresh that removes the button.
 */
export function ResetTwoFactorButton({
  user,
  enabled,
  text,
}: {
  user: { id: number; email: string };
  enabled: boolean;
  text: TwoFactorText;
}) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function reset() {
    if (!window.confirm(fill(text.resetConfirm, { email: user.email }))) return;
    setPending(true);
    setError("");
    const result = await requestJson(`/api/curate/users/${user.id}/two-factor`, "DELETE", undefined, text);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setMessage(fill(text.resetDone, { email: user.email }));
    router.refresh();
  }

  return (
    <div className="space-y-1">
      {enabled ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => void reset()}
          aria-label={fill(text.reset, { email: user.email })}
          className="rounded border border-slate-500 px-2 py-1 text-sm disabled:opacity-70"
        >
          {text.resetShort}
        </button>
      ) : null}
      {/* Only once there is something to say: the row's other actions have their own status region. */}
      {message ? (
        <p role="status" data-testid="two-factor-reset-status">
          {message}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
