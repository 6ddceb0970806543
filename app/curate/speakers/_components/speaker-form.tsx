"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { SpeakerRecord } from "@/lib/curate/speakers";
import { fill, type CurateEntitiesKey, type CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";
import { EntityAutocomplete } from "./entity-autocomplete";
import { Field, FormMessage, inputClass, requestJson, unplacedProblems, type FieldErrors } from "./entity-ui";

export type SpeakerLimits = {
  name: number;
  role: number;
  affiliation: number;
  alias: number;
  aliasesMax: number;
  country: number;
  description: number;
};

type Values = {
  kind: string;
  name: string;
  nameAr: string;
  nameEn: string;
  nameDe: string;
  aliases: string;
  role: string;
  affiliation: string;
  affiliationId: number | null;
  affiliationName: string | null;
  country: string;
  wikidataId: string;
  description: string;
};

const EMPTY: Values = {
  kind: "person",
  name: "",
  nameAr: "",
  nameEn: "",
  nameDe: "",
  aliases: "",
  role: "",
  affiliation: "",
  affiliationId: null,
  affiliationName: null,
  country: "",
  wikidataId: "",
  description: "",
};

const FIELDS = ["kind", "name", "nameAr", "nameEn", "nameDe", "aliases", "role", "affiliation", "affiliationId", "country", "wikidataId", "description"] as const;
type FormField = (typeof FIELDS)[number];

const LABELS: Record<FormField, CurateEntitiesKey> = {
  kind: "fieldKind",
  name: "fieldName",
  nameAr: "fieldNameAr",
  nameEn: "fieldNameEn",
  nameDe: "fieldNameDe",
  aliases: "fieldAliases",
  role: "fieldRole",
  affiliation: "fieldAffiliation",
  affiliationId: "fieldAffiliationId",
  country: "fieldCountry",
  wikidataId: "fieldWikidataId",
  description: "fieldDescription",
};

function toValues(record: SpeakerRecord): Values {
  return {
    kind: record.kind,
    name: record.name,
    nameAr: record.nameAr ?? "",
    nameEn: record.nameEn ?? "",
    nameDe: record.nameDe ?? "",
    aliases: record.aliases.join("\n"),
    role: record.role ?? "",
    affiliation: record.affiliation ?? "",
    affiliationId: record.affiliationId,
    affiliationName: record.affiliationName,
    country: record.country ?? "",
    wikidataId: record.wikidataId ?? "",
    description: record.description ?? "",
  };
}

function aliasList(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function toBody(values: Values) {
  const orNull = (value: string) => (value.trim() === "" ? null : value);
  return {
    kind: values.kind,
    name: values.name,
    nameAr: orNull(values.nameAr),
    nameEn: orNull(values.nameEn),
    nameDe: orNull(values.nameDe),
    aliases: aliasList(values.aliases),
    role: orNull(values.role),
    affiliation: orNull(values.affiliation),
    affiliationId: values.affiliationId,
    country: orNull(values.country),
    wikidataId: orNull(values.wikidataId),
    description: orNull(values.description),
  };
}

/** A field's value as the conflict table shows it. */
function shown(values: Values, field: FormField): string {
  if (field === "affiliationId") return values.affiliationName ?? (values.affiliationId === null ? "" : `#${values.affiliationId}`);
  if (field === "aliases") return aliasList(values.aliases).join(", ");
  return values[field].trim();
}

type Conflict = { version: number; current: Values };

/**
 * Creates a speaker (mode "create") or edits one against the version loaded
 * (mode "edit"). A refused save keeps everything typed: a 400 puts each
 * message at its field, a 409 shows the stored values beside the typed ones.
 */
export function SpeakerForm({ mode, initial, text, limits }: { mode: "create" | "edit"; initial: SpeakerRecord | null; text: CurateEntitiesText; limits: SpeakerLimits }) {
  const router = useRouter();
  const prefix = mode === "create" ? "new-speaker" : "speaker";
  const [values, setValues] = useState<Values>(initial ? toValues(initial) : EMPTY);
  const [version, setVersion] = useState(initial?.version ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [success, setSuccess] = useState("");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, setPending] = useState(false);

  const set = (field: Exclude<FormField, "affiliationId">) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError("");
    setProblems([]);
    setSuccess("");
    const body = toBody(values);
    const result =
      mode === "create"
        ? await requestJson<{ speaker: SpeakerRecord }>("/api/curate/speakers", "POST", body, text)
        : await requestJson<{ speaker: SpeakerRecord }>(`/api/curate/speakers/${initial!.id}`, "PUT", { ...body, version }, text);
    setPending(false);
    if (!result.ok) {
      setErrors(result.fields);
      if (result.status === 409 && result.code === "version_conflict") {
        const conflictBody = result.body as { currentVersion: number; current: SpeakerRecord };
        setConflict({ version: conflictBody.currentVersion, current: toValues(conflictBody.current) });
        setError("");
        return;
      }
      const unplaced = unplacedProblems(result.fields, FIELDS);
      setProblems(unplaced);
      setError(
        result.status === 404
          ? text.speakerNotFound
          : Object.keys(result.fields).length > unplaced.length
            ? `${text.fixFields} ${FIELDS.filter((f) => result.fields[f]).map((f) => text[LABELS[f]]).join(", ")}`
            : result.message,
      );
      return;
    }
    setErrors({});
    setConflict(null);
    const saved = result.data.speaker;
    if (mode === "create") {
      router.push(`/curate/speakers/${saved.id}`);
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
    <form method="post" noValidate onSubmit={(event) => void submit(event)} className="flex max-w-2xl flex-col gap-4" aria-label={mode === "create" ? text.newSpeakerTitle : text.editSpeakerTitle}>
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

      <Field id={id("kind")} label={text.fieldKind} error={errors.kind}>
        {(control) => (
          <select {...control} name="kind" value={values.kind} onChange={set("kind")} className={inputClass(errors.kind)}>
            <option value="person">{text.kind_person}</option>
            <option value="organization">{text.kind_organization}</option>
            <option value="group">{text.kind_group}</option>
          </select>
        )}
      </Field>
      <Field id={id("name")} label={text.fieldName} hint={text.fieldNameHint} error={errors.name}>
        {(control) => <input {...control} name="name" dir="auto" required maxLength={limits.name} value={values.name} onChange={set("name")} className={inputClass(errors.name)} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={id("nameAr")} label={text.fieldNameAr} error={errors.nameAr}>
          {(control) => <input {...control} name="nameAr" lang="ar" dir="rtl" maxLength={limits.name} value={values.nameAr} onChange={set("nameAr")} className={inputClass(errors.nameAr)} />}
        </Field>
        <Field id={id("nameEn")} label={text.fieldNameEn} error={errors.nameEn}>
          {(control) => <input {...control} name="nameEn" lang="en" dir="ltr" maxLength={limits.name} value={values.nameEn} onChange={set("nameEn")} className={inputClass(errors.nameEn)} />}
        </Field>
        <Field id={id("nameDe")} label={text.fieldNameDe} error={errors.nameDe}>
          {(control) => <input {...control} name="nameDe" lang="de" dir="ltr" maxLength={limits.name} value={values.nameDe} onChange={set("nameDe")} className={inputClass(errors.nameDe)} />}
        </Field>
      </div>
      <Field id={id("aliases")} label={text.fieldAliases} hint={text.fieldAliasesHint} error={errors.aliases}>
        {(control) => <textarea {...control} name="aliases" dir="auto" rows={4} value={values.aliases} onChange={set("aliases")} className={inputClass(errors.aliases)} />}
      </Field>
      <Field id={id("role")} label={text.fieldRole} error={errors.role}>
        {(control) => <input {...control} name="role" dir="auto" maxLength={limits.role} value={values.role} onChange={set("role")} className={inputClass(errors.role)} />}
      </Field>
      <Field id={id("affiliation")} label={text.fieldAffiliation} error={errors.affiliation}>
        {(control) => <input {...control} name="affiliation" dir="auto" maxLength={limits.affiliation} value={values.affiliation} onChange={set("affiliation")} className={inputClass(errors.affiliation)} />}
      </Field>
      <Field id={id("affiliationId")} label={text.fieldAffiliationId} hint={text.fieldAffiliationIdHint} error={errors.affiliationId}>
        {(control) => (
          <div className="space-y-2">
            {values.affiliationId !== null ? (
              <p className="flex flex-wrap items-center gap-2">
                <bdi className="rounded bg-slate-100 px-2 py-0.5">{values.affiliationName ?? `#${values.affiliationId}`}</bdi>
                <button
                  type="button"
                  className="rounded border border-slate-500 px-2 py-0.5 text-sm"
                  onClick={() => setValues((v) => ({ ...v, affiliationId: null, affiliationName: null }))}
                >
                  {text.clear}
                  <span className="sr-only"> {values.affiliationName ?? ""}</span>
                </button>
              </p>
            ) : null}
            <EntityAutocomplete
              id={control.id}
              entity="speakers"
              excludeId={initial?.id}
              text={text}
              invalid={Boolean(errors.affiliationId)}
              describedBy={control["aria-describedby"]}
              onSelect={(option) =>
                setValues((v) => ({ ...v, affiliationId: option.id, affiliationName: option.name, affiliation: v.affiliation.trim() === "" ? option.name : v.affiliation }))
              }
            />
          </div>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("country")} label={text.fieldCountry} error={errors.country}>
          {(control) => <input {...control} name="country" dir="auto" maxLength={limits.country} value={values.country} onChange={set("country")} className={inputClass(errors.country)} />}
        </Field>
        <Field id={id("wikidataId")} label={text.fieldWikidataId} hint={text.fieldWikidataIdHint} error={errors.wikidataId}>
          {(control) => <input {...control} name="wikidataId" dir="ltr" value={values.wikidataId} onChange={set("wikidataId")} className={inputClass(errors.wikidataId)} />}
        </Field>
      </div>
      <Field id={id("description")} label={text.fieldDescription} error={errors.description}>
        {(control) => (
          <textarea {...control} name="description" dir="auto" rows={4} maxLength={limits.description} value={values.description} onChange={set("description")} className={inputClass(errors.description)} />
        )}
      </Field>
      <button type="submit" disabled={pending} className="self-start rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-70">
        {mode === "create" ? (pending ? text.creating : text.createSpeaker) : pending ? text.saving : text.save}
      </button>
    </form>
  );
}
