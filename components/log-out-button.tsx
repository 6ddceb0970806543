"use client";

import { signOut } from "next-auth/react";

/** Ends this browser's session through next-auth (a POST with its CSRF token). */
export function LogOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="rounded border border-slate-400 px-2 py-1"
      onClick={() => void signOut({ callbackUrl: "/login" })}
    >
      {label}
    </button>
  );
}
