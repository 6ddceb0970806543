"use client";

import { useRouter } from "next/navigation";
import { useState, type Dispatch, type FormEvent, type ReactNode, type SetStateAction } from "react";
import { Field, FormMessage, inputClass, requestJson, unplacedProblems, type FieldErrors } from "@/components/forms";
import { type CurateEntitiesKey, type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";
import { fill } from "@/lib/i18n/translate";

// What the speaker and topic forms share: saving (create, or edit against the
// version loaded), putting a refused save's messages at their fields, the
// conflict table when someone else saved first, and the names in three
// languages. Each form describes its values and renders its own fields.

/** The keys of V whose values are text (what a text input edits). */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

export type EntityFormConfig<R, V, F extends string> = {
  /** Where it is saved: /api/curate/{entity}; the answer holds the record under `key`. */
  entity: "speakers" | "topics";
  key: "speaker" | "topic";
  empty: V;
  /** The fields in form order, with their labels (for messages and the conflict table). */
  fields: readonly F[];
  labels: Record<F, CurateEntitiesKey>;
  toValues: (record: R) => V;
  toBody: (values: V) => Record<string, unknown>;
  /** A field's value as the conflict table shows it. */
  shown: (values: V, field: F) => string;
  /** The messages that name the entity. */
  text: {
    createTitle: CurateEntitiesKey;
    editTitle: CurateEntitiesKey;
    create: CurateEntitiesKey;
    notFound: CurateEntitiesKey;
  };
};

export type EntityFormFields<V> = {
  values: V;
  setValues: Dispatch<SetStateAction<V>>;
  errors: FieldErrors;
  /** The id of a field's control. */
  id: (field: string) => string;
  /** The change handler of a text field. */
  set: (field: TextKey<V>) => (event: { target: { value: string } }) => void;
};

type Conflict<V> = { version: number; current: V };

/**
 * Creates a record (mode "create") or edits one against the version loaded
 * (mode "edit"). A refused save keeps everything typed: a 400 puts each
 * message at its field, a 409 shows the stored values beside the typed ones.
 */
export function EntityForm<R extends { id: number; version: number }, V, F extends string>({
  config,
  mode,
  initial,
  text,
  children,
}: {
  config: EntityFormConfig<R, V, F>;
  mode: "create" | "edit";
  initial: R | null;
  text: CurateEntitiesText;
  children: (form: EntityFormFields<V>) => ReactNode;
}) {
  const router = useRouter();
  const prefix = mode === "create" ? `new-${config.key}` : config.key;
  const [values, setValues] = useState<V>(initial ? config.toValues(initial) : config.empty);
  const [version, setVersion] = useState(initial?.version ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [success, setSuccess] = useState("");
  const [conflict, setConflict] = useState<Conflict<V> | null>(null);
  const [pending, setPending] = useState(false);
  const { fields, labels } = config;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    setProblems([]);
    setSuccess("");
    const body = config.toBody(values);
    const result =
      mode === "create"
        ? await requestJson<Record<string, R>>(`/api/curate/${config.entity}`, "POST", body, text)
        : await requestJson<Record<string, R>>(
            `/api/curate/${config.entity}/${initial!.id}`,
            "PUT",
            { ...body, version },
            text,
          );
    setPending(false);
    if (!result.ok) {
      setErrors(result.fields);
      if (result.status === 409 && result.code === "version_conflict") {
        const conflictBody = result.body as { currentVersion: number; current: R };
        setConflict({ version: conflictBody.currentVersion, current: config.toValues(conflictBody.current) });
        return;
      }
      const unplaced = unplacedProblems(result.fields, fields);
      setProblems(unplaced);
      setError(
        result.status === 404
          ? text[config.text.notFound]
          : Object.keys(result.fields).length > unplaced.length
            ? `${text.fixFields} ${fields
                .filter((f) => result.fields[f])
                .map((f) => text[labels[f]])
                .join(", ")}`
            : result.message,
      );
      return;
    }
    setErrors({});
    setConflict(null);
    const saved = result.data[config.key]!;
    if (mode === "create") {
      router.push(`/curate/${config.entity}/${saved.id}`);
      return;
    }
    setSuccess(saved.version === version ? text.noChanges : fill(text.saved, { version: saved.version }));
    setValues(config.toValues(saved));
    setVersion(saved.version);
    router.refresh();
  }

  const set = (field: TextKey<V>) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const differing = conflict
    ? fields.filter((field) => config.shown(conflict.current, field) !== config.shown(values, field))
    : [];

  return (
    <form
      method="post"
      noValidate
      onSubmit={(event) => void submit(event)}
      className="flex max-w-2xl flex-col gap-4"
      aria-label={text[mode === "create" ? config.text.createTitle : config.text.editTitle]}
    >
      <FormMessage error={error} problems={problems} success={success} />
      {conflict ? (
        <section
          aria-labelledby={`${prefix}-conflict`}
          role="alert"
          className="space-y-3 rounded border border-amber-400 bg-amber-50 p-3"
        >
          <h3 id={`${prefix}-conflict`} className="font-semibold">
            {fill(text.conflictTitle, { version: conflict.version })}
          </h3>
          <p>{text.conflictIntro}</p>
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className="text-start">
                  {text.conflictField}
                </th>
                <th scope="col" className="text-start">
                  {text.conflictStored}
                </th>
                <th scope="col" className="text-start">
                  {text.conflictYours}
                </th>
              </tr>
            </thead>
            <tbody>
              {differing.map((field) => (
                <tr key={field} className="align-top" data-conflict-field={field}>
                  <th scope="row" className="pe-2 text-start font-normal">
                    {text[labels[field]]}
                  </th>
                  <td className="pe-2" dir="auto">
                    {config.shown(conflict.current, field) || text.conflictEmpty}
                  </td>
                  <td dir="auto">{config.shown(values, field) || text.conflictEmpty}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="rounded border border-slate-500 bg-white px-3 py-1"
              onClick={() => {
                setValues(conflict.current);
                setVersion(conflict.version);
                setConflict(null);
                setErrors({});
              }}
            >
              {text.conflictUseStored}
            </button>
            <button
              type="button"
              className="rounded border border-slate-500 bg-white px-3 py-1"
              onClick={() => {
                setVersion(conflict.version);
                setSuccess(fill(text.conflictKept, { version: conflict.version }));
                setConflict(null);
              }}
            >
              {text.conflictKeepMine}
            </button>
          </div>
        </section>
      ) : null}

      {children({ values, setValues, errors, id: (field) => `${prefix}-${field}`, set })}

      <button
        type="submit"
        disabled={pending}
        className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70"
      >
        {mode === "create" ? (pending ? text.creating : text[config.text.create]) : pending ? text.saving : text.save}
      </button>
    </form>
  );
}

type Names = { nameAr: string; nameEn: string; nameDe: string };

/** The name in Arabic, English and German, side by side. */
export function TranslatedNames<V extends Names>({
  form,
  maxLength,
  text,
}: {
  form: EntityFormFields<V>;
  maxLength: number;
  text: CurateEntitiesText;
}) {
  const { values, errors, id, set } = form;
  const languages = [
    { field: "nameAr", label: text.fieldNameAr, lang: "ar", dir: "rtl" },
    { field: "nameEn", label: text.fieldNameEn, lang: "en", dir: "ltr" },
    { field: "nameDe", label: text.fieldNameDe, lang: "de", dir: "ltr" },
  ] as const;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      {languages.map(({ field, label, lang, dir }) => (
        <Field key={field} id={id(field)} label={label} error={errors[field]}>
          {(control) => (
            <input
              {...control}
              name={field}
              lang={lang}
              dir={dir}
              maxLength={maxLength}
              value={values[field]}
              onChange={set(field as TextKey<V>)}
              className={inputClass(errors[field])}
            />
          )}
        </Field>
      ))}
    </div>
  );
}
