"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, requestJson } from "@/components/forms";
import type { UiLocale } from "@/lib/i18n/config";
import { curateTokensMessages } from "@/lib/i18n/messages/curate-tokens";
import { translator } from "@/lib/i18n/translate";

/** Revokes one token after a confirmation; the list then shows it as revoked (the server refuses it from its next request on). */
export function RevokeApiTokenButton({ token, locale }: { token: { id: number; name: string }; locale: UiLocale }) {
  const t = translator(curateTokensMessages, locale);
  const router = useRouter();
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function revoke() {
    if (!window.confirm(t("revokeConfirm", { name: token.name }))) return;
    setPending(true);
    setError("");
    const result = await requestJson(
      `/api/curate/tokens/${token.id}/revoke`,
      "POST",
      {},
      { networkFailed: t("networkFailed"), requestFailed: t("requestFailed") },
    );
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    router.refresh();
  }

  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={pending}
        onClick={() => void revoke()}
        aria-label={t("revokeLabel", { name: token.name })}
        className="rounded border border-red-800 px-3 py-1 font-semibold text-red-900 disabled:opacity-70"
      >
        {pending ? t("revoking") : t("revoke")}
      </button>
      {error ? <FormMessage error={error} /> : null}
    </div>
  );
}
