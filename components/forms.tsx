"use client";

import type { InputHTMLAttributes, ReactNode, Ref } from "react";
import { fill } from "@/lib/i18n/translate";

// What the curator forms (login, first-admin setup, users, account, speakers,
// topics) are built from: a JSON request to our route handlers that turns their
// error answers into messages per field, a labelled field that shows its
// message, and the form-level message.

/** Messages per form field: "aliases.3: too long" is shown at the aliases field. */
export type FieldErrors = Record<string, string>;

/** A problem the server names: the field's dotted path ("sources.0.url") and the rule. */
export type FieldMessage = { field: string; message: string };

export type RequestResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      code: string;
      message: string;
      /** Messages per top-level field ("aliases.3: too long" at `aliases`). */
      fields: FieldErrors;
      /** The problems as the server named them, with their whole paths. */
      problems: FieldMessage[];
      body: unknown;
    };

/** The messages a request can end with; without `sessionEnded` or `notAllowed`, the server's own message is shown. */
export type RequestText = { networkFailed: string; requestFailed: string; sessionEnded?: string; notAllowed?: string };

type ErrorBody = { error?: { code?: string; message?: string; fields?: FieldMessage[] } };

/**
 * Sends JSON to one of our route handlers (same origin: the browser adds the
 * Origin header they check), and turns a refusal into the message to show:
 * every component's request goes through here.
 */
export async function requestJson<T>(
  url: string,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  body: unknown,
  text: RequestText,
  options: { signal?: AbortSignal } = {},
): Promise<RequestResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers:
        body === undefined
          ? { Accept: "application/json" }
          : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: text.networkFailed, fields: {}, problems: [], body: null };
  }
  const parsed = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  const error = (parsed as ErrorBody | null)?.error;
  const problems = error?.fields ?? [];
  const fields: FieldErrors = {};
  for (const { field, message } of problems) {
    const key = field.split(".")[0] || "";
    if (key === "") continue;
    fields[key] = fields[key] ? `${fields[key]}; ${message}` : message;
  }
  let message = error?.message ?? fill(text.requestFailed, { status: response.status });
  if (response.status === 401 && text.sessionEnded) message = text.sessionEnded;
  else if (response.status === 403 && error?.code === "forbidden" && text.notAllowed) message = text.notAllowed;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? "unknown",
    message,
    fields,
    problems,
    body: parsed,
  };
}

/** A GET whose failure the caller shows as "could not load" (a picker's suggestions): the data, or an Error. */
export async function loadJson<T>(url: string): Promise<T> {
  const result = await requestJson<T>(url, "GET", undefined, {
    networkFailed: "network error",
    requestFailed: "HTTP {status}",
  });
  if (!result.ok) throw new Error(result.message);
  return result.data;
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

/** A labelled control with its hint and its message (the field's label, then what is wrong), tied to it for screen readers. */
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

export const inputClass = (error?: string) =>
  `w-full rounded border px-3 py-2 ${error ? "border-red-700" : "border-slate-500"}`;

type TextFieldProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  ref?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">;

/** A Field holding a text input. */
export function TextField({ id, label, hint, error, ref, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => <input {...control} ref={ref} className={inputClass(error)} {...input} />}
    </Field>
  );
}

type PasswordFieldProps = Omit<
  TextFieldProps,
  "type" | "dir" | "required" | "minLength" | "maxLength" | "autoComplete"
> & {
  /** What is typed: the current password, a new one (held to the minimum length), or the new one again. */
  purpose: "current" | "new" | "confirm";
  limits: { passwordMin: number; passwordMax: number };
};

/** A password as every account form asks for it, so that browsers and password managers treat them alike. */
export function PasswordField({ purpose, limits, ...field }: PasswordFieldProps) {
  return (
    <TextField
      {...field}
      type="password"
      autoComplete={purpose === "current" ? "current-password" : "new-password"}
      dir="ltr"
      required
      minLength={purpose === "new" ? limits.passwordMin : undefined}
      maxLength={limits.passwordMax}
    />
  );
}

/** The form-level message: an alert when something went wrong (with the problems listed), a polite status otherwise. */
export function FormMessage({
  error,
  problems = [],
  success,
  id,
}: {
  error?: string;
  problems?: string[];
  success?: string;
  id?: string;
}) {
  return (
    <>
      <div
        role="alert"
        id={id ? `${id}-alert` : undefined}
        className={error ? "rounded border border-red-300 bg-red-50 p-3 text-red-900" : undefined}
      >
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
      <div
        role="status"
        id={id ? `${id}-status` : undefined}
        className={success ? "rounded border border-green-300 bg-green-50 p-3 text-green-900" : undefined}
      >
        {success}
      </div>
    </>
  );
}
