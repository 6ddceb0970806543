"use client";

import { EntityAutocomplete } from "@/components/curate/entity-autocomplete";
import { EntityForm, TranslatedNames, type EntityFormConfig } from "@/components/curate/entity-form";
import type { SpeakerLimits } from "@/components/curate/entity-limits";
import { Field, inputClass } from "@/components/forms";
import type { SpeakerField, SpeakerRecord } from "@/lib/curate/speakers";
import type { CurateEntitiesKey, CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";

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

type FormField = SpeakerField;

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
// The fields in the order the labels list them; the type ties them to the server's SPEAKER_FIELDS.
const FIELDS = Object.keys(LABELS) as FormField[];

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
  if (field === "affiliationId")
    return values.affiliationName ?? (values.affiliationId === null ? "" : `#${values.affiliationId}`);
  if (field === "aliases") return aliasList(values.aliases).join(", ");
  return values[field].trim();
}

const SPEAKER_FORM: EntityFormConfig<SpeakerRecord, Values, FormField> = {
  entity: "speakers",
  key: "speaker",
  empty: EMPTY,
  fields: FIELDS,
  labels: LABELS,
  toValues,
  toBody,
  shown,
  text: {
    createTitle: "newSpeakerTitle",
    editTitle: "editSpeakerTitle",
    create: "createSpeaker",
    notFound: "speakerNotFound",
  },
};

/** Creates a speaker or edits one against the version loaded (see EntityForm). */
export function SpeakerForm({
  mode,
  initial,
  text,
  limits,
}: {
  mode: "create" | "edit";
  initial: SpeakerRecord | null;
  text: CurateEntitiesText;
  limits: SpeakerLimits;
}) {
  return (
    <EntityForm config={SPEAKER_FORM} mode={mode} initial={initial} text={text}>
      {(form) => {
        const { values, setValues, errors, id, set } = form;
        return (
          <>
            <Field id={id("kind")} label={text.fieldKind} error={errors.kind}>
              {(control) => (
                <select
                  {...control}
                  name="kind"
                  value={values.kind}
                  onChange={set("kind")}
                  className={inputClass(errors.kind)}
                >
                  <option value="person">{text.kind_person}</option>
                  <option value="organization">{text.kind_organization}</option>
                  <option value="group">{text.kind_group}</option>
                </select>
              )}
            </Field>
            <Field id={id("name")} label={text.fieldName} hint={text.fieldNameHint} error={errors.name}>
              {(control) => (
                <input
                  {...control}
                  name="name"
                  dir="auto"
                  required
                  maxLength={limits.name}
                  value={values.name}
                  onChange={set("name")}
                  className={inputClass(errors.name)}
                />
              )}
            </Field>
            <TranslatedNames form={form} maxLength={limits.name} text={text} />
            <Field id={id("aliases")} label={text.fieldAliases} hint={text.fieldAliasesHint} error={errors.aliases}>
              {(control) => (
                <textarea
                  {...control}
                  name="aliases"
                  dir="auto"
                  rows={4}
                  value={values.aliases}
                  onChange={set("aliases")}
                  className={inputClass(errors.aliases)}
                />
              )}
            </Field>
            <Field id={id("role")} label={text.fieldRole} error={errors.role}>
              {(control) => (
                <input
                  {...control}
                  name="role"
                  dir="auto"
                  maxLength={limits.role}
                  value={values.role}
                  onChange={set("role")}
                  className={inputClass(errors.role)}
                />
              )}
            </Field>
            <Field id={id("affiliation")} label={text.fieldAffiliation} error={errors.affiliation}>
              {(control) => (
                <input
                  {...control}
                  name="affiliation"
                  dir="auto"
                  maxLength={limits.affiliation}
                  value={values.affiliation}
                  onChange={set("affiliation")}
                  className={inputClass(errors.affiliation)}
                />
              )}
            </Field>
            <Field
              id={id("affiliationId")}
              label={text.fieldAffiliationId}
              hint={text.fieldAffiliationIdHint}
              error={errors.affiliationId}
            >
              {(control) => (
                <div className="space-y-2">
                  {values.affiliationId !== null ? (
                    <p className="flex flex-wrap items-center gap-2">
                      <bdi className="rounded bg-slate-100 px-2 py-0.5">
                        {values.affiliationName ?? `#${values.affiliationId}`}
                      </bdi>
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
                      setValues((v) => ({
                        ...v,
                        affiliationId: option.id,
                        affiliationName: option.name,
                        affiliation: v.affiliation.trim() === "" ? option.name : v.affiliation,
                      }))
                    }
                  />
                </div>
              )}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id={id("country")} label={text.fieldCountry} error={errors.country}>
                {(control) => (
                  <input
                    {...control}
                    name="country"
                    dir="auto"
                    maxLength={limits.country}
                    value={values.country}
                    onChange={set("country")}
                    className={inputClass(errors.country)}
                  />
                )}
              </Field>
              <Field
                id={id("wikidataId")}
                label={text.fieldWikidataId}
                hint={text.fieldWikidataIdHint}
                error={errors.wikidataId}
              >
                {(control) => (
                  <input
                    {...control}
                    name="wikidataId"
                    dir="ltr"
                    value={values.wikidataId}
                    onChange={set("wikidataId")}
                    className={inputClass(errors.wikidataId)}
                  />
                )}
              </Field>
            </div>
            <Field id={id("description")} label={text.fieldDescription} error={errors.description}>
              {(control) => (
                <textarea
                  {...control}
                  name="description"
                  dir="auto"
                  rows={4}
                  maxLength={limits.description}
                  value={values.description}
                  onChange={set("description")}
                  className={inputClass(errors.description)}
                />
              )}
            </Field>
          </>
        );
      }}
    </EntityForm>
  );
}
