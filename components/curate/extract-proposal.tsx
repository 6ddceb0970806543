"use client";

import Link from "next/link";
import { memo, useCallback, useId } from "react";
import type { UiLocale } from "@/lib/i18n/config";
import { curateExtractMessages } from "@/lib/i18n/messages/curate-extract";
import { translator } from "@/lib/i18n/translate";
import type { Proposal } from "@/lib/extract/request";
import { Autocomplete, type Option } from "./autocomplete";
import { speakerOptions, topicOptions } from "./lookups";

export type SpeakerKind = "person" | "organization" | "group";
export type StatementKind = "direct" | "indirect" | "mixed";

export type SpeakerChoice =
  { type: "known"; id: number; name: string } | { type: "new"; name: string; kind: SpeakerKind } | { type: "none" };

export type TopicChoice = { id: number | null; name: string; confidence: number | null };

/** One proposal as the curator is shaping it. */
export type Draft = {
  n: number;
  proposal: Proposal;
  decision: "pending" | "accepted" | "rejected";
  text: string;
  kind: StatementKind;
  saidOn: string;
  speaker: SpeakerChoice;
  topics: TopicChoice[];
  savedId: number | null;
};

type Props = {
  locale: UiLocale;
  language: string;
  draft: Draft;
  /** Problems from the last save, by field of the statement form ("text", "speakerId", "newSpeaker.name" …). */
  errors: Record<string, string>;
  onChange: (next: Draft) => void;
};

const inputClass = "mt-1 w-full rounded border border-slate-400 px-2 py-1";
const SHOWN_FIELDS =
  /^(text|kind|saidOn|saidOnApproximate|speakerId|newSpeaker(\..*)?|topicIds(\..*)?|newTopics(\..*)?)$/;

/** One proposal: its words, speaker, kind, date and topics, each editable, and its decision. */
export const ExtractProposal = memo(function ExtractProposal({ locale, language, draft, errors, onChange }: Props) {
  const t = translator(curateExtractMessages, locale);
  const id = useId();
  const { n, proposal } = draft;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onChange({ ...draft, [key]: value });
  const error = (...fields: string[]) =>
    fields.map((f) => errors[f] ?? Object.entries(errors).find(([k]) => k.startsWith(`${f}.`))?.[1]).find(Boolean);
  const others = Object.entries(errors).filter(([field]) => !SHOWN_FIELDS.test(field));
  const saved = draft.savedId !== null;
  const state = saved ? "saved" : draft.decision;
  const stateLabel = {
    pending: t("statePending"),
    accepted: t("stateAccepted"),
    rejected: t("stateRejected"),
    saved: t("stateSaved"),
  }[state];
  const stateClass = {
    pending: "border-amber-600",
    accepted: "border-green-700",
    rejected: "border-slate-300 opacity-80",
    saved: "border-sky-700",
  }[state];

  const newSpeakerOption = useCallback(
    (q: string): Option[] => (q ? [{ key: `new-speaker:${q}`, label: t("speakerNewOption", { name: q }) }] : []),
    [t],
  );
  const newTopicOption = useCallback(
    (q: string): Option[] => (q ? [{ key: `new-topic:${q}`, label: t("createTopic", { name: q }) }] : []),
    [t],
  );

  const described = (name: string, help = false) => {
    const ids = [help ? `${id}-${name}-help` : null, error(name) ? `${id}-${name}-error` : null]
      .filter(Boolean)
      .join(" ");
    return ids || undefined;
  };
  const fieldError = (name: string, text: string | undefined) =>
    text ? (
      <p id={`${id}-${name}-error`} className="text-sm text-red-800">
        {text}
      </p>
    ) : null;
  const speakerError = error("speakerId", "newSpeaker");
  const topicsError = error("topicIds", "newTopics");

  return (
    <article
      id={`extract-proposal-${n}`}
      aria-labelledby={`${id}-heading`}
      className={`space-y-3 rounded border-2 p-4 ${stateClass}`}
    >
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={`${id}-heading`} className="text-lg font-semibold">
          {t("proposal", { n })}
        </h3>
        <span className="text-sm text-slate-700">
          {t("confidence", { percent: Math.round(proposal.confidence * 100) })}
          {proposal.cue ? (
            <>
              {" · "}
              {t("cue", { cue: "" })}
              <bdi lang={language}>{proposal.cue}</bdi>
            </>
          ) : null}
        </span>
        <span className="rounded bg-slate-100 px-2 text-sm font-medium">{stateLabel}</span>
        <a href={`#extract-mark-${n}`} className="ms-auto text-sm underline">
          {t("showInArticle")}
        </a>
      </header>

      {others.length > 0 ? (
        <ul className="text-sm text-red-800">
          {others.map(([field, message]) => (
            <li key={field}>{field ? `${field}: ${message}` : message}</li>
          ))}
        </ul>
      ) : null}

      {saved ? (
        <p>
          <Link href={`/curate/statements/${draft.savedId}`} className="underline">
            {t("statementLink", { id: draft.savedId! })}
          </Link>
        </p>
      ) : null}

      <fieldset disabled={saved} className="space-y-3">
        <legend className="sr-only">{t("proposal", { n })}</legend>
        <div>
          <label htmlFor={`${id}-text`} className="block font-medium">
            {t("text")}
          </label>
          <textarea
            id={`${id}-text`}
            rows={3}
            lang={language}
            dir="auto"
            value={draft.text}
            aria-invalid={error("text") ? true : undefined}
            aria-describedby={described("text")}
            onChange={(event) => set("text", event.target.value)}
            className={inputClass}
          />
          {fieldError("text", error("text"))}
        </div>

        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-2">
            <p className="font-medium">{t("speaker")}</p>
            {draft.speaker.type === "known" ? (
              <p>
                <bdi className="rounded bg-slate-100 px-2 py-0.5">
                  {t("speakerKnown", { name: draft.speaker.name })}
                </bdi>
              </p>
            ) : draft.speaker.type === "new" ? (
              <div className="grid gap-2 sm:grid-cols-2">
                <div>
                  <label htmlFor={`${id}-newSpeakerName`} className="block text-sm">
                    {t("newSpeakerName")}
                  </label>
                  <input
                    id={`${id}-newSpeakerName`}
                    dir="auto"
                    value={draft.speaker.name}
                    aria-invalid={error("newSpeaker") ? true : undefined}
                    aria-describedby={described("newSpeaker")}
                    onChange={(event) =>
                      set("speaker", {
                        ...(draft.speaker as Extract<SpeakerChoice, { type: "new" }>),
                        name: event.target.value,
                      })
                    }
                    className={inputClass}
                  />
                </div>
                <div>
                  <label htmlFor={`${id}-newSpeakerKind`} className="block text-sm">
                    {t("newSpeakerKind")}
                  </label>
                  <select
                    id={`${id}-newSpeakerKind`}
                    value={draft.speaker.kind}
                    onChange={(event) =>
                      set("speaker", {
                        ...(draft.speaker as Extract<SpeakerChoice, { type: "new" }>),
                        kind: event.target.value as SpeakerKind,
                      })
                    }
                    className={inputClass}
                  >
                    <option value="person">{t("speakerKindPerson")}</option>
                    <option value="organization">{t("speakerKindOrganization")}</option>
                    <option value="group">{t("speakerKindGroup")}</option>
                  </select>
                </div>
              </div>
            ) : proposal.speaker && proposal.speaker.candidates.length > 1 ? (
              <div>
                <p className="text-sm">{t("speakerAmbiguous", { name: proposal.speaker.name })}</p>
                <ul className="mt-1 flex flex-wrap gap-2">
                  {proposal.speaker.candidates.map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        className="rounded border border-slate-500 px-2 py-0.5 text-sm"
                        onClick={() => set("speaker", { type: "known", id: c.id, name: c.name })}
                      >
                        {t("pickCandidate", { name: c.affiliation ? `${c.name} (${c.affiliation})` : c.name })}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="text-sm">{t("speakerNone")}</p>
            )}
            {proposal.speaker ? (
              <p className="text-sm text-slate-700">
                {t("speakerMention", { mention: "" })}
                <bdi lang={language}>{proposal.speaker.mention}</bdi>
              </p>
            ) : null}
            {speakerError ? (
              <p id={`${id}-newSpeaker-error`} className="text-sm text-red-800">
                {speakerError}
              </p>
            ) : null}
            {!saved ? (
              <Autocomplete
                name={`speaker-${n}`}
                label={draft.speaker.type === "none" ? t("speaker") : t("changeSpeaker")}
                help={t("speakerHelp")}
                load={speakerOptions}
                extra={newSpeakerOption}
                noResults={t("noResults")}
                onPick={(option) => {
                  if (option.key.startsWith("new-speaker:"))
                    set("speaker", {
                      type: "new",
                      name: option.key.slice("new-speaker:".length),
                      kind: proposal.speaker?.kind ?? "person",
                    });
                  else
                    set("speaker", {
                      type: "known",
                      id: Number(option.key.slice("speaker:".length)),
                      name: option.label,
                    });
                }}
              />
            ) : null}
          </div>

          <div className="space-y-3">
            <div>
              <label htmlFor={`${id}-kind`} className="block font-medium">
                {t("kind")}
              </label>
              <select
                id={`${id}-kind`}
                value={draft.kind}
                aria-invalid={error("kind") ? true : undefined}
                aria-describedby={described("kind")}
                onChange={(event) => set("kind", event.target.value as StatementKind)}
                className={inputClass}
              >
                <option value="direct">{t("kindDirect")}</option>
                <option value="indirect">{t("kindIndirect")}</option>
                <option value="mixed">{t("kindMixed")}</option>
              </select>
              {fieldError("kind", error("kind"))}
            </div>
            <div>
              <label htmlFor={`${id}-saidOn`} className="block font-medium">
                {t("saidOn")}
              </label>
              <p id={`${id}-saidOn-help`} className="text-sm text-slate-700">
                {t("saidOnHelp")}
                {proposal.dateUnresolved && !draft.saidOn ? ` ${t("dateUnresolved")}` : null}
              </p>
              <input
                id={`${id}-saidOn`}
                inputMode="numeric"
                placeholder="2016-11-18"
                value={draft.saidOn}
                aria-invalid={error("saidOn") ? true : undefined}
                aria-describedby={described("saidOn", true)}
                onChange={(event) => set("saidOn", event.target.value)}
                className={inputClass}
              />
              {fieldError("saidOn", error("saidOn"))}
            </div>
          </div>
        </div>

        <div>
          <p className="font-medium">{t("topics")}</p>
          {draft.topics.length === 0 ? <p className="text-sm text-slate-700">{t("noTopics")}</p> : null}
          <ul className="mt-1 flex flex-wrap gap-2">
            {draft.topics.map((topic) => (
              <li
                key={`${topic.id ?? "new"}:${topic.name}`}
                className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5"
              >
                <bdi>{topic.name}</bdi>
                {topic.id === null ? <span className="text-xs text-slate-700">({t("newTopic")})</span> : null}
                {topic.confidence !== null ? (
                  <span className="text-xs text-slate-700">{Math.round(topic.confidence * 100)}%</span>
                ) : null}
                {!saved ? (
                  <button
                    type="button"
                    aria-label={t("removeTopic", { name: topic.name })}
                    className="px-1"
                    onClick={() =>
                      set(
                        "topics",
                        draft.topics.filter((x) => x !== topic),
                      )
                    }
                  >
                    ×
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {topicsError ? (
            <p id={`${id}-topics-error`} className="text-sm text-red-800">
              {topicsError}
            </p>
          ) : null}
          {!saved ? (
            <div className="mt-2">
              <Autocomplete
                name={`topic-${n}`}
                label={t("addTopic")}
                help={t("topicsHelp")}
                load={topicOptions}
                extra={newTopicOption}
                noResults={t("noResults")}
                onPick={(option) => {
                  const topic: TopicChoice = option.key.startsWith("new-topic:")
                    ? { id: null, name: option.key.slice("new-topic:".length), confidence: null }
                    : { id: Number(option.key.slice("topic:".length)), name: option.label, confidence: null };
                  if (
                    !draft.topics.some((x) =>
                      topic.id !== null ? x.id === topic.id : x.id === null && x.name === topic.name,
                    )
                  )
                    set("topics", [...draft.topics, topic]);
                }}
              />
            </div>
          ) : null}
        </div>

        {!saved ? (
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              aria-pressed={draft.decision === "accepted"}
              className={`rounded px-3 py-1 ${draft.decision === "accepted" ? "bg-green-800 text-white" : "border border-green-800 text-green-900"}`}
              onClick={() => set("decision", draft.decision === "accepted" ? "pending" : "accepted")}
            >
              {t("accept")}
            </button>
            <button
              type="button"
              aria-pressed={draft.decision === "rejected"}
              className={`rounded px-3 py-1 ${draft.decision === "rejected" ? "bg-slate-700 text-white" : "border border-slate-600"}`}
              onClick={() => set("decision", draft.decision === "rejected" ? "pending" : "rejected")}
            >
              {t("reject")}
            </button>
          </div>
        ) : null}
      </fieldset>
    </article>
  );
});
