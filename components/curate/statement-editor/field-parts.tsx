import type { Dispatch, SetStateAction } from "react";
import type { EditorState } from "@/lib/curate/editor-state";
import type { FieldErrors } from "./use-statement-save";

/** Sets one field of the editor's state. */
export type SetField = <K extends keyof EditorState>(key: K, value: EditorState[K]) => void;
export type SetState = Dispatch<SetStateAction<EditorState>>;

export const inputClass = "mt-1 w-full rounded border border-slate-400 px-2 py-1";

/**
 * The ties between a field, its help and its message, for screen readers:
 * `field(name)` goes on the control, `fieldError(name)` and `help(name, text)`
 * beside it. A field's message is its own or, for a list, its first item's.
 */
export function fieldHelpers(formId: string, errors: FieldErrors) {
  const error = (field: string) =>
    errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];
  const field = (name: string) => ({
    id: `${formId}-${name}`,
    "aria-invalid": error(name) ? true : undefined,
    "aria-describedby": [error(name) ? `${formId}-${name}-error` : null, `${formId}-${name}-help`]
      .filter(Boolean)
      .join(" "),
  });
  const fieldError = (name: string) =>
    error(name) ? (
      <p id={`${formId}-${name}-error`} className="text-sm text-red-800">
        {error(name)}
      </p>
    ) : null;
  const help = (name: string, text: string) => (
    <p id={`${formId}-${name}-help`} className="text-sm text-slate-700">
      {text}
    </p>
  );
  return { formId, errors, error, field, fieldError, help };
}

export type FieldHelpers = ReturnType<typeof fieldHelpers>;
