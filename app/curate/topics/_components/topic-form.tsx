"use client";

import { EntityAutocomplete } from "@/components/curate/entity-autocomplete";
import { EntityForm, TranslatedNames, type EntityFormConfig } from "@/components/curate/entity-form";
import type { TopicLimits } from "@/components/curate/entity-limits";
import { Field, inputClass } from "@/components/forms";
import type { TopicField, TopicRecord } from "@/lib/curate/topics";
import type { CurateEntitiesKey, CurateEntitiesText } from "@/lib/i18n/messages/curate-entities";

type Values = {
  name: string;
  nameAr: string;
  nameEn: string;
  nameDe: string;
  parentId: number | null;
  parentName: string | null;
};

type FormField = TopicField;

const LABELS: Record<FormField, CurateEntitiesKey> = {
  name: "fieldTopicName",
  nameAr: "fieldNameAr",
  nameEn: "fieldNameEn",
  nameDe: "fieldNameDe",
  parentId: "fieldParentId",
};
// The fields in the order the labels list them; the type ties them to the server's TOPIC_FIELDS.
const FIELDS = Object.keys(LABELS) as FormField[];

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

function toBody(values: Values) {
  const orNull = (value: string) => (value.trim() === "" ? null : value);
  return {
    name: values.name,
    nameAr: orNull(values.nameAr),
    nameEn: orNull(values.nameEn),
    nameDe: orNull(values.nameDe),
    parentId: values.parentId,
  };
}

/** A field's value as the conflict table shows it. */
function shown(values: Values, field: FormField): string {
  if (field === "parentId") return values.parentName ?? (values.parentId === null ? "" : `#${values.parentId}`);
  return values[field].trim();
}

const TOPIC_FORM: EntityFormConfig<TopicRecord, Values, FormField> = {
  entity: "topics",
  key: "topic",
  empty: { name: "", nameAr: "", nameEn: "", nameDe: "", parentId: null, parentName: null },
  fields: FIELDS,
  labels: LABELS,
  toValues,
  toBody,
  shown,
  text: { createTitle: "newTopicTitle", editTitle: "editTopicTitle", create: "createTopic", notFound: "topicNotFound" },
};

/** Creates a topic or edits its names and parent against the version loaded (see EntityForm). */
export function TopicForm({
  mode,
  initial,
  text,
  limits,
}: {
  mode: "create" | "edit";
  initial: TopicRecord | null;
  text: CurateEntitiesText;
  limits: TopicLimits;
}) {
  return (
    <EntityForm config={TOPIC_FORM} mode={mode} initial={initial} text={text}>
      {(form) => {
        const { values, setValues, errors, id, set } = form;
        return (
          <>
            <Field id={id("name")} label={text.fieldTopicName} hint={text.fieldNameHint} error={errors.name}>
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
            <Field id={id("parentId")} label={text.fieldParentId} hint={text.fieldParentIdHint} error={errors.parentId}>
              {(control) => (
                <div className="space-y-2">
                  <p className="flex flex-wrap items-center gap-2" data-testid={id("parent")}>
                    <bdi className="rounded bg-slate-100 px-2 py-0.5">
                      {values.parentId === null ? text.noParent : (values.parentName ?? `#${values.parentId}`)}
                    </bdi>
                    {values.parentId !== null ? (
                      <button
                        type="button"
                        className="rounded border border-slate-500 px-2 py-0.5 text-sm"
                        onClick={() => setValues((v) => ({ ...v, parentId: null, parentName: null }))}
                      >
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
          </>
        );
      }}
    </EntityForm>
  );
}
