"use client";

import type { InputHTMLAttributes, Ref } from "react";

// Small pieces shared by the account forms (login, first-admin setup, users,
// account): a JSON request to our route handlers that turns their error
// answers into per-field messages, and a labelled input that shows its message.

export type FieldErrors = Record<string, string>;

export type SendResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; code: string; message: string; fields: FieldErrors };

type ErrorBody = { error?: { code?: string; message?: string; fields?: Array<{ field: string; message: string }> } };

/** Sends JSON to one of our route handlers (same origin: the browser adds the Origin header they check). */
export async function sendJson<T>(url: string, method: "POST" | "PATCH", body: unknown, text: { networkFailed: string; requestFailed: string }): Promise<SendResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  } catch {
    return { ok: false, status: 0, code: "network", message: text.networkFailed, fields: {} };
  }
  const parsed = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  const error = (parsed as ErrorBody | null)?.error;
  const fields: FieldErrors = {};
  for (const field of error?.fields ?? []) {
    if (field.field && !(field.field in fields)) fields[field.field] = field.message;
  }
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? "unknown",
    message: error?.message ?? text.requestFailed.replace("{status}", String(response.status)),
    fields,
  };
}

type TextFieldProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  ref?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">;

/** A labelled input; its message (the field's label, then what is wrong) is tied to it for screen readers. */
export function TextField({ id, label, hint, error, ref, ...input }: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <input
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`rounded border px-3 py-2 ${error ? "border-red-700" : "border-slate-500"}`}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {label}: {error}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level message: an alert when something went wrong, a polite status otherwise. */
export function FormMessage({ error, success, id }: { error?: string; success?: string; id?: string }) {
  return (
    <>
      <div role="alert" id={id ? `${id}-alert` : undefined} className={error ? "rounded border border-red-700 bg-red-50 px-3 py-2 text-red-900" : undefined}>
        {error}
      </div>
      <div role="status" id={id ? `${id}-status` : undefined} className={success ? "rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" : undefined}>
        {success}
      </div>
    </>
  );
}
