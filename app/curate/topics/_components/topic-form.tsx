"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { TopicRecord } from "@/lib/curate/topics";
import { fill, type CurateEntitiesKey, type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";
import { EntityAutocomplete } from "../../speakers/_components/entity-autocomplete";
import { Field, FormMessage, inputClass, requestJson, unplacedProblems, type FieldErrors } from "../../speakers/_components/entity-ui";

type Values = { name: string; nameAr: string; nameEn: string; nameDe: string; parentId: number | null; parentName: string | null };

const EMPTY: Values = { name: "", nameAr: "", nameEn: "", nameDe: "", parentId: null, parentName: null };
const FIELDS = ["name", "nameAr", "nameEn", "nameDe", "parentId"] as const;
type FormField = (typeof FIELDS)[number];

const LABELS: Record<FormField, CurateEntitiesKey> = {
  name: "fieldTopicName",
  nameAr: "fieldNameAr",
  nameEn: "fieldNameEn",
  nameDe: "fieldNameDe",
  parentId: "fieldParentId",
};

function toValues(record: TopicRecord): Values {
  return {
    name: record.name,
    nameAr: record.nameAr ?? "",
    nameEn: record.nameEn ?? "",
    nameDe: record.nameDe ?? "",
    parentId: record.parentId,
    parentName: record.parentName,
  };
}

function shown(values: Values, field: FormField): string {
  if (field === "parentId") return values.parentName ?? (values.parentId === null ? "" : `#${values.parentId}`);
  return values[field].trim();
}

type Conflict = { version: number; current: Values };

/** Creates a topic or edits its names and parent against the version loaded; a refused save keeps what was typed. */
export function TopicForm({ mode, initial, text, maxName }: { mode: "create" | "edit"; initial: TopicRecord | null; text: CurateEntitiesText; maxName: number }) {
  const router = useRouter();
  const prefix = mode === "create" ? "new-topic" : "topic";
  const [values, setValues] = useState<Values>(initial ? toValues(initial) : EMPTY);
  const [version, setVersion] = useState(initial?.version ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [success, setSuccess] = useState("");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, setPending] = useState(false);

  const set = (field: Exclude<FormField, "parentId">) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    setProblems([]);
    setSuccess("");
    const orNull = (value: string) => (value.trim() === "" ? null : value);
    const body = { name: values.name, nameAr: orNull(values.nameAr), nameEn: orNull(values.nameEn), nameDe: orNull(values.nameDe), parentId: values.parentId };
    const result =
      mode === "create"
        ? await requestJson<{ topic: TopicRecord }>("/api/curate/topics", "POST", body, text)
        : await requestJson<{ topic: TopicRecord }>(`/api/curate/topics/${initial!.id}`, "PUT", { ...body, version }, text);
    setPending(false);
    if (!result.ok) {
      setErrors(result.fields);
      if (result.status === 409 && result.code === "version_conflict") {
        const conflictBody = result.body as { currentVersion: number; current: TopicRecord };
        setConflict({ version: conflictBody.currentVersion, current: toValues(conflictBody.current) });
        return;
      }
      const unplaced = unplacedProblems(result.fields, FIELDS);
      setProblems(unplaced);
      setError(
        result.status === 404
          ? text.topicNotFound
          : Object.keys(result.fields).length > unplaced.length
            ? `${text.fixFields} ${FIELDS.filter((f) => result.fields[f]).map((f) => text[LABELS[f]]).join(", ")}`
            : result.message,
      );
      return;
    }
    setErrors({});
    setConflict(null);
    const saved = result.data.topic;
    if (mode === "create") {
      router.push(`/curate/topics/${saved.id}`);
      return;
    }
    setSuccess(saved.version === version ? text.noChanges : fill(text.saved, { version: saved.version }));
    setValues(toValues(saved));
    setVersion(saved.version);
    router.refresh();
  }

  const id = (field: FormField) => `${prefix}-${field}`;
  const differing = conflict ? FIELDS.filter((field) => shown(conflict.current, field) !== shown(values, field)) : [];

  return (
    <form method="post" noValidate onSubmit={(event) => void submit(event)} className="flex max-w-2xl flex-col gap-4" aria-label={mode === "create" ? text.newTopicTitle : text.editTopicTitle}>
      <FormMessage error={error} problems={problems} success={success} />
      {conflict ? (
        <section aria-labelledby={`${prefix}-conflict`} role="alert" className="space-y-3 rounded border border-amber-400 bg-amber-50 p-3">
          <h3 id={`${prefix}-conflict`} className="font-semibold">
            {fill(text.conflictTitle, { version: conflict.version })}
          </h3>
          <p>{text.conflictIntro}</p>
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className="text-start">{text.conflictField}</th>
                <th scope="col" className="text-start">{text.conflictStored}</th>
                <th scope="col" className="text-start">{text.conflictYours}</th>
              </tr>
            </thead>
            <tbody>
              {differing.map((field) => (
                <tr key={field} className="align-top" data-conflict-field={field}>
                  <th scope="row" className="pe-2 text-start font-normal">{text[LABELS[field]]}</th>
                  <td className="pe-2" dir="auto">{shown(conflict.current, field) || text.conflictEmpty}</td>
                  <td dir="auto">{shown(values, field) || text.conflictEmpty}</td>
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

      <Field id={id("name")} label={text.fieldTopicName} hint={text.fieldNameHint} error={errors.name}>
        {(control) => <input {...control} name="name" dir="auto" required maxLength={maxName} value={values.name} onChange={set("name")} className={inputClass(errors.name)} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={id("nameAr")} label={text.fieldNameAr} error={errors.nameAr}>
          {(control) => <input {...control} name="nameAr" lang="ar" dir="rtl" maxLength={maxName} value={values.nameAr} onChange={set("nameAr")} className={inputClass(errors.nameAr)} />}
        </Field>
        <Field id={id("nameEn")} label={text.fieldNameEn} error={errors.nameEn}>
          {(control) => <input {...control} name="nameEn" lang="en" dir="ltr" maxLength={maxName} value={values.nameEn} onChange={set("nameEn")} className={inputClass(errors.nameEn)} />}
        </Field>
        <Field id={id("nameDe")} label={text.fieldNameDe} error={errors.nameDe}>
          {(control) => <input {...control} name="nameDe" lang="de" dir="ltr" maxLength={maxName} value={values.nameDe} onChange={set("nameDe")} className={inputClass(errors.nameDe)} />}
        </Field>
      </div>
      <Field id={id("parentId")} label={text.fieldParentId} hint={text.fieldParentIdHint} error={errors.parentId}>
        {(control) => (
          <div className="space-y-2">
            <p className="flex flex-wrap items-center gap-2" data-testid={`${prefix}-parent`}>
              <bdi className="rounded bg-slate-100 px-2 py-0.5">{values.parentId === null ? text.noParent : (values.parentName ?? `#${values.parentId}`)}</bdi>
              {values.parentId !== null ? (
                <button type="button" className="rounded border border-slate-500 px-2 py-0.5 text-sm" onClick={() => setValues((v) => ({ ...v, parentId: null, parentName: null }))}>
                  {text.clear}
                  <span className="sr-only"> {values.parentName ?? ""}</span>
                </button>
              ) : null}
            </p>
            <EntityAutocomplete
              id={control.id}
              entity="topics"
              excludeId={initial?.id}
              text={text}
              invalid={Boolean(errors.parentId)}
              describedBy={control["aria-describedby"]}
              onSelect={(option) => setValues((v) => ({ ...v, parentId: option.id, parentName: option.name }))}
            />
          </div>
        )}
      </Field>
      <button type="submit" disabled={pending} className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70">
        {mode === "create" ? (pending ? text.creating : text.createTopic) : pending ? text.saving : text.save}
      </button>
    </form>
  );
}
