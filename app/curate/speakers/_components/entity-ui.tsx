"use client";

import type { ReactNode } from "react";
import { fill, type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";

// Pieces shared by the speaker and topic screens (the topic screens import them
// from here): a JSON request to the curator routes that turns their error answers
// into messages per field, a labelled field that shows its message, and the
// form-level message.

/** Messages per form field: "aliases.3: too long" is shown at the aliases field. */
export type FieldErrors = Record<string, string>;

export type RequestResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; fields: FieldErrors; body: unknown };

type ErrorBody = { error?: { code?: string; message?: string; fields?: Array<{ field: string; message: string }> } };

/** Sends JSON to a curator route (same origin: the browser adds the Origin header the route checks). */
export async function requestJson<T>(url: string, method: "GET" | "POST" | "PUT" | "DELETE", body: unknown, text: CurateEntitiesText): Promise<RequestResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: text.networkFailed, fields: {}, body: null };
  }
  const parsed = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  const error = (parsed as ErrorBody | null)?.error;
  const fields: FieldErrors = {};
  for (const { field, message } of error?.fields ?? []) {
    const key = field.split(".")[0] || "";
    if (key === "") continue;
    fields[key] = fields[key] ? `${fields[key]}; ${message}` : message;
  }
  const message =
    response.status === 401
      ? text.sessionEnded
      : response.status === 403 && error?.code === "forbidden"
        ? text.notAllowed
        : (error?.message ?? fill(text.requestFailed, { status: response.status }));
  return { ok: false, status: response.status, code: error?.code ?? "unknown", message, fields, body: parsed };
}

/** The problems a 400 names that no field of the form shows (a malformed body, say). */
export function unplacedProblems(fields: FieldErrors, placed: readonly string[]): string[] {
  return Object.entries(fields)
    .filter(([field]) => !placed.includes(field))
    .map(([field, message]) => `${field}: ${message}`);
}

export type FieldControlProps = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/** A labelled control with its hint and its message, tied to it for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-800" data-field-error>
          {label}: {error}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass = (error?: string) => `w-full rounded border px-3 py-2 ${error ? "border-red-700" : "border-slate-500"}`;

/** The form-level message: an alert when something went wrong (with the problems listed), a polite status otherwise. */
export function FormMessage({ error, problems = [], success }: { error?: string; problems?: string[]; success?: string }) {
  return (
    <>
      <div role="alert" className={error ? "rounded border border-red-300 bg-red-50 p-3 text-red-900" : undefined}>
        {error ? <p>{error}</p> : null}
        {error && problems.length > 0 ? (
          <ul className="list-disc ps-6">
            {problems.map((problem) => (
              <li key={problem} dir="auto">
                {problem}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div role="status" className={success ? "rounded border border-green-300 bg-green-50 p-3 text-green-900" : undefined}>
        {success}
      </div>
    </>
  );
}
