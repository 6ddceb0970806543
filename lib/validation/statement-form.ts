import { z } from "zod";
import {
  SPEAKER_KINDS,
  STATEMENT_KINDS,
  STATEMENT_LIMITS,
  cleanMultilineText,
  cleanSingleLineText,
  languageField,
  optionalChoice,
  optionalPartialDate,
  optionalText,
  optionalUrl,
  requiredText,
  stringList,
} from "./import-line";
import { zodIssuesToMessages, type FieldMessage } from "./zod-messages";

// What a curator submits to add or edit a statement (the form, the write API).
// Same limits and messages as the importer; ids are checked against the
// database by lib/curate/statements.ts.

export const ATTRIBUTIONS = ["own_channel", "secondary", "disputed", "misattributed"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

export const EDITABLE_STATUSES = ["draft", "published"] as const;

export const FORM_LIMITS = {
  sourcesMaxItems: 10,
  respondsToMaxItems: 20,
  translatedByMaxLength: 300,
  attributionNoteMaxLength: 2_000,
  retractionReasonMaxLength: 2_000,
} as const;

const MAX_ID = 2_147_483_647;
const SPEAKER_REQUIRED = "is required: pick a speaker or create one";

const id = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(1, "must be a positive id")
  .max(MAX_ID, "must be a positive id");

const optionalId = id.nullish().transform((v) => v ?? null);

function idList(max: number) {
  return z
    .array(id, { error: "must be a list of ids" })
    .max(max, `must have at most ${max} items`)
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])]);
}

const sourceSchema = z.object(
  {
    url: optionalUrl,
    outlet: optionalText(STATEMENT_LIMITS.outletMaxLength, cleanSingleLineText),
    title: optionalText(STATEMENT_LIMITS.titleMaxLength, cleanSingleLineText),
    publishedOn: optionalPartialDate,
  },
  { error: "must be an object" },
);

export const statementFormSchema = z
  .object(
    {
      text: requiredText(STATEMENT_LIMITS.textMaxLength, cleanMultilineText),
      language: languageField,
      kind: optionalChoice(STATEMENT_KINDS, "direct"),
      speakerId: optionalId,
      newSpeaker: z
        .object(
          {
            name: requiredText(STATEMENT_LIMITS.speakerNameMaxLength, cleanSingleLineText),
            kind: optionalChoice(SPEAKER_KINDS, "person"),
          },
          { error: "must be an object" },
        )
        .nullish()
        .transform((v) => v ?? null),
      saidOn: optionalPartialDate,
      saidOnApproximate: z.boolean({ error: "must be true or false" }).nullish().transform((v) => v ?? false),
      topicIds: idList(STATEMENT_LIMITS.topicsMaxItems),
      newTopics: stringList(STATEMENT_LIMITS.topicsMaxItems, STATEMENT_LIMITS.topicMaxLength),
      sources: z
        .array(sourceSchema, { error: "must be a list of sources" })
        .max(FORM_LIMITS.sourcesMaxItems, `must have at most ${FORM_LIMITS.sourcesMaxItems} items`)
        .nullish()
        .transform((list) => (list ?? []).filter((s) => s.url || s.outlet || s.title || s.publishedOn)),
      context: optionalText(STATEMENT_LIMITS.contextMaxLength, cleanMultilineText),
      translationOfId: optionalId,
      translatedBy: optionalText(FORM_LIMITS.translatedByMaxLength, cleanSingleLineText),
      respondsToIds: idList(FORM_LIMITS.respondsToMaxItems),
      attribution: optionalChoice(ATTRIBUTIONS, "secondary"),
      attributionNote: optionalText(FORM_LIMITS.attributionNoteMaxLength, cleanMultilineText),
      status: optionalChoice(EDITABLE_STATUSES, "draft"),
    },
    { error: "must be an object" },
  )
  .superRefine((form, ctx) => {
    if (form.speakerId === null && form.newSpeaker === null) ctx.addIssue({ code: "custom", path: ["speakerId"], message: SPEAKER_REQUIRED });
    if (form.speakerId !== null && form.newSpeaker !== null) ctx.addIssue({ code: "custom", path: ["newSpeaker"], message: "must be empty when a speaker is picked" });
    if (form.topicIds.length + form.newTopics.length > STATEMENT_LIMITS.topicsMaxItems) {
      ctx.addIssue({ code: "custom", path: ["topicIds"], message: `must have at most ${STATEMENT_LIMITS.topicsMaxItems} topics in all` });
    }
    if (form.translatedBy !== null && form.translationOfId === null) {
      ctx.addIssue({ code: "custom", path: ["translatedBy"], message: "is only for a translation: pick the original first" });
    }
    if ((form.attribution === "disputed" || form.attribution === "misattributed") && form.attributionNote === null) {
      ctx.addIssue({ code: "custom", path: ["attributionNote"], message: "is required when the attribution is disputed or misattributed" });
    }
  });

export type StatementForm = z.output<typeof statementFormSchema>;
export type StatementFormResult = { ok: true; value: StatementForm } | { ok: false; fields: FieldMessage[] };

export function parseStatementForm(input: unknown): StatementFormResult {
  const parsed = statementFormSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = zodIssuesToMessages(parsed.error);
  // The cross-field checks only run on an otherwise valid form; the missing speaker is worth saying at once.
  const given = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  if (given.speakerId == null && given.newSpeaker == null && !fields.some((f) => f.field === "speakerId")) {
    fields.push({ field: "speakerId", message: SPEAKER_REQUIRED });
  }
  return { ok: false, fields };
}

const BASE_VERSION_MESSAGE = "is required: the version you started editing (a positive whole number)";

/** The version an edit is based on: required, a positive whole number. */
export function parseBaseVersion(input: unknown): number | FieldMessage {
  if (typeof input !== "number" || !Number.isInteger(input) || input < 1 || input > MAX_ID) {
    return { field: "version", message: BASE_VERSION_MESSAGE };
  }
  return input;
}

export const retractionSchema = z.object(
  {
    reason: requiredText(FORM_LIMITS.retractionReasonMaxLength, cleanMultilineText),
    // As parseBaseVersion says it: 0, -1 or "3" are not "missing", they are not versions.
    version: z.number({ error: BASE_VERSION_MESSAGE }).int(BASE_VERSION_MESSAGE).min(1, BASE_VERSION_MESSAGE).max(MAX_ID, BASE_VERSION_MESSAGE),
  },
  { error: "must be an object" },
);

