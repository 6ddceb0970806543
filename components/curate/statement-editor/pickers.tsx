"use client";

import { useCallback } from "react";
import type { EditorState, PickedStatement } from "@/lib/curate/editor-state";
import { Autocomplete, type Option } from "../autocomplete";
import { speakerOptions, statementOptions, topicOptions } from "../lookups";
import type { EditorText } from "./editor-text";
import { inputClass, type FieldHelpers, type SetField, type SetState } from "./field-parts";

// The editor's fields that pick records: the speaker (or a new one), topics,
// the statement this one translates and those it responds to.

type PickerProps = { t: EditorText; state: EditorState; set: SetField; setState: SetState; fields: FieldHelpers };

/** A picked speaker with a way to clear it (and the kind of a new one); otherwise the picker. */
export function SpeakerField({ t, state, set, setState, fields: { error } }: PickerProps) {
  const newSpeakerOption = useCallback(
    (q: string): Option[] => (q ? [{ key: `new-speaker:${q}`, label: t("speakerNew", { name: q }) }] : []),
    [t],
  );
  return (
    <div className="space-y-2">
      {state.speaker || state.newSpeaker ? (
        <div>
          <p className="font-medium">{t("speaker")}</p>
          <p className="flex items-center gap-3">
            <bdi className="rounded bg-slate-100 px-2 py-1">
              {state.speaker ? state.speaker.name : t("speakerNew", { name: state.newSpeaker!.name })}
            </bdi>
            <button
              type="button"
              className="underline"
              onClick={() => setState((s) => ({ ...s, speaker: null, newSpeaker: null }))}
            >
              {t("clear")}
            </button>
          </p>
          {state.newSpeaker ? (
            <label className="mt-2 block">
              {t("newSpeakerKind")}{" "}
              <select
                value={state.newSpeaker.kind}
                onChange={(event) =>
                  set("newSpeaker", {
                    ...state.newSpeaker!,
                    kind: event.target.value as "person" | "organization" | "group",
                  })
                }
                className="rounded border border-slate-400 px-2 py-1"
              >
                <option value="person">{t("speakerKindPerson")}</option>
                <option value="organization">{t("speakerKindOrganization")}</option>
                <option value="group">{t("speakerKindGroup")}</option>
              </select>
            </label>
          ) : null}
          {error("speakerId") || error("newSpeaker") ? (
            <p className="text-sm text-red-800">{error("speakerId") ?? error("newSpeaker")}</p>
          ) : null}
        </div>
      ) : (
        <Autocomplete
          name="speaker"
          label={t("speaker")}
          help={t("speakerHelp")}
          load={speakerOptions}
          extra={newSpeakerOption}
          noResults={t("noResults")}
          error={error("speakerId") ?? error("newSpeaker")}
          onPick={(option) => {
            if (option.key.startsWith("new-speaker:"))
              set("newSpeaker", { name: option.key.slice("new-speaker:".length), kind: "person" });
            else set("speaker", { id: Number(option.key.slice("speaker:".length)), name: option.label });
          }}
        />
      )}
    </div>
  );
}

/** Known or new topics, each removable. */
export function TopicsField({ t, state, set, setState, fields: { error } }: PickerProps) {
  const newTopicOption = useCallback(
    (q: string): Option[] => (q ? [{ key: `new-topic:${q}`, label: t("createTopic", { name: q }) }] : []),
    [t],
  );
  return (
    <div>
      <Autocomplete
        name="topic"
        label={t("topics")}
        help={t("topicsHelp")}
        load={topicOptions}
        extra={newTopicOption}
        noResults={t("noResults")}
        error={error("topicIds") ?? error("newTopics")}
        onPick={(option) => {
          const topic = option.key.startsWith("new-topic:")
            ? { id: null, name: option.key.slice("new-topic:".length) }
            : { id: Number(option.key.slice("topic:".length)), name: option.label };
          setState((s) => (s.topics.some((x) => x.name === topic.name) ? s : { ...s, topics: [...s.topics, topic] }));
        }}
      />
      <ul className="mt-2 flex flex-wrap gap-2">
        {state.topics.map((topic) => (
          <li key={`${topic.id}:${topic.name}`} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5">
            <bdi>{topic.name}</bdi>
            <button
              type="button"
              aria-label={`${t("clear")} ${topic.name}`}
              onClick={() =>
                set(
                  "topics",
                  state.topics.filter((x) => x !== topic),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A picked statement option ("statement:<id>:<text>") as the editor holds it. */
function pickedStatement(option: Option): PickedStatement {
  const [, id, ...text] = option.key.split(":");
  return { id: Number(id), text: text.join(":") };
}

/** The statement this one translates (with who translated it), and those it responds to. */
export function LinkedStatements({
  t,
  state,
  set,
  setState,
  fields,
  statementId,
}: PickerProps & { statementId: number | null }) {
  const { error, field, fieldError, formId } = fields;
  const loadStatements = useCallback((q: string) => statementOptions(q, statementId), [statementId]);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        {state.translationOf ? (
          <div>
            <p className="font-medium">{t("translationOf")}</p>
            <p className="flex items-center gap-2">
              <bdi>
                #{state.translationOf.id} {state.translationOf.text.slice(0, 90)}
              </bdi>
              <button type="button" className="underline" onClick={() => set("translationOf", null)}>
                {t("clear")}
              </button>
            </p>
          </div>
        ) : (
          <Autocomplete
            name="translationOf"
            label={t("translationOf")}
            help={t("translationOfHelp")}
            load={loadStatements}
            noResults={t("noResults")}
            error={error("translationOfId")}
            onPick={(option) => set("translationOf", pickedStatement(option))}
          />
        )}
        {state.translationOf ? (
          <div className="mt-2">
            <label htmlFor={`${formId}-translatedBy`} className="block">
              {t("translatedBy")}
            </label>
            <input
              {...field("translatedBy")}
              value={state.translatedBy}
              onChange={(event) => set("translatedBy", event.target.value)}
              className={inputClass}
            />
          </div>
        ) : null}
        {fieldError("translatedBy")}
      </div>
      <div>
        <Autocomplete
          name="respondsTo"
          label={t("respondsTo")}
          help={t("respondsToHelp")}
          load={loadStatements}
          noResults={t("noResults")}
          error={error("respondsToIds")}
          onPick={(option) => {
            const picked = pickedStatement(option);
            setState((s) =>
              s.respondsTo.some((r) => r.id === picked.id) ? s : { ...s, respondsTo: [...s.respondsTo, picked] },
            );
          }}
        />
        <ul className="mt-2 space-y-1">
          {state.respondsTo.map((r) => (
            <li key={r.id} className="flex items-center gap-2">
              <bdi>
                #{r.id} {r.text.slice(0, 90)}
              </bdi>
              <button
                type="button"
                className="underline"
                onClick={() =>
                  set(
                    "respondsTo",
                    state.respondsTo.filter((x) => x.id !== r.id),
                  )
                }
              >
                {t("clear")}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
