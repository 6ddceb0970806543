"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, requestJson } from "@/components/forms";
import type { CurateAccountsText } from "@/lib/i18n/messages/curate-accounts";

/** Ends every session of this user (the server bumps the session version), then this browser's cookie, then on to /login. */
export function LogOutEverywhere({ text }: { text: CurateAccountsText }) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function logOutAll() {
    setPending(true);
    setError("");
    const result = await requestJson("/api/curate/account/logout-all", "POST", {}, text);
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      return;
    }
    // The session is already void on the server; this clears its cookie and goes to /login.
    await signOut({ callbackUrl: "/login" }).catch(() => router.push("/login"));
  }

  return (
    <div className="space-y-2">
      <FormMessage error={error} id="logout-all" />
      <button
        type="button"
        disabled={pending}
        onClick={() => void logOutAll()}
        className="rounded border border-red-800 px-4 py-2 font-semibold text-red-900 disabled:opacity-70"
      >
        {text.logoutAll}
      </button>
    </div>
  );
}
