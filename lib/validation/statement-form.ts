import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "@/lib/languages";
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
import { ID_MESSAGE, MAX_ID } from "./id";
import { zodIssuesToMessages, type FieldMessage } from "./zod-messages";

// What a curator submits to add or edit a statement (the form, the write API).
// Same limits and messages as the importer; ids are checked against the
// database by lib/curate/statements.ts. These schemas also describe the write
// API's bodies in the OpenAPI document (lib/api/api-schemas.ts): where a
// transform hides a rule from that description, `.meta()` states it.

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

/** The rules of a text that cleaning and its pipe hide from the description. */
const textRule = (maxLength: number, description?: string) => ({ maxLength, ...(description ? { description } : {}) });
const choiceRule = <T extends readonly string[]>(choices: T) => ({ enum: [...choices, null] });

const PARTIAL_DATE_TEXT = {
  pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$",
  description: 'YYYY, YYYY-MM or YYYY-MM-DD (a real date); null or "" when unknown.',
} as const;

const sourceSchema = z.object(
  {
    url: optionalUrl.meta({
      pattern: "^https?://",
      maxLength: STATEMENT_LIMITS.urlMaxLength,
      description:
        "An http(s) address, kept as written (non-Latin paths stay readable); a known address reuses its source.",
    }),
    outlet: optionalText(STATEMENT_LIMITS.outletMaxLength, cleanSingleLineText).meta(
      textRule(STATEMENT_LIMITS.outletMaxLength),
    ),
    title: optionalText(STATEMENT_LIMITS.titleMaxLength, cleanSingleLineText).meta(
      textRule(STATEMENT_LIMITS.titleMaxLength),
    ),
    publishedOn: optionalPartialDate.meta(PARTIAL_DATE_TEXT),
  },
  { error: "must be an object" },
);

export const statementFormSchema = z
  .object(
    {
      text: requiredText(STATEMENT_LIMITS.textMaxLength, cleanMultilineText).meta({
        minLength: 1,
        maxLength: STATEMENT_LIMITS.textMaxLength,
        description: "The wording as reported.",
      }),
      language: languageField.meta({
        enum: [...SUPPORTED_LANGUAGES],
        description: 'ISO 639-1 code of the text\'s language (accepted in any case: "AR" is Arabic).',
      }),
      kind: optionalChoice(STATEMENT_KINDS, "direct").default("direct").meta(choiceRule(STATEMENT_KINDS)),
      speakerId: optionalId.meta({
        description: "A known speaker's id; or give newSpeaker instead (exactly one of the two).",
      }),
      newSpeaker: z
        .object(
          {
            name: requiredText(STATEMENT_LIMITS.speakerNameMaxLength, cleanSingleLineText).meta({
              minLength: 1,
              maxLength: STATEMENT_LIMITS.speakerNameMaxLength,
            }),
            kind: optionalChoice(SPEAKER_KINDS, "person").default("person").meta(choiceRule(SPEAKER_KINDS)),
          },
          { error: "must be an object" },
        )
        .nullish()
        .transform((v) => v ?? null)
        .meta({
          description: "A speaker to create, or the known one of that name or alias (matched case-insensitively).",
        }),
      saidOn: optionalPartialDate.meta(PARTIAL_DATE_TEXT),
      saidOnApproximate: z
        .boolean({ error: "must be true or false" })
        .nullish()
        .transform((v) => v ?? false)
        .default(false),
      topicIds: idList(STATEMENT_LIMITS.topicsMaxItems),
      newTopics: stringList(STATEMENT_LIMITS.topicsMaxItems, STATEMENT_LIMITS.topicMaxLength).meta({
        // The item's length is checked after cleaning, inside a pipe that the description cannot see into.
        anyOf: [
          {
            type: "array",
            maxItems: STATEMENT_LIMITS.topicsMaxItems,
            items: { type: "string", maxLength: STATEMENT_LIMITS.topicMaxLength },
          },
          { type: "null" },
        ],
        description: `Topics by name: a known one is reused, else created. With topicIds, at most ${STATEMENT_LIMITS.topicsMaxItems} topics in all.`,
      }),
      sources: z
        .array(sourceSchema, { error: "must be a list of sources" })
        .max(FORM_LIMITS.sourcesMaxItems, `must have at most ${FORM_LIMITS.sourcesMaxItems} items`)
        .nullish()
        .transform((list) => (list ?? []).filter((s) => s.url || s.outlet || s.title || s.publishedOn))
        .meta({ description: "Where it was reported; a source with no field given is dropped." }),
      context: optionalText(STATEMENT_LIMITS.contextMaxLength, cleanMultilineText).meta(
        textRule(STATEMENT_LIMITS.contextMaxLength),
      ),
      translationOfId: optionalId.meta({ description: "The statement this one translates." }),
      translatedBy: optionalText(FORM_LIMITS.translatedByMaxLength, cleanSingleLineText).meta(
        textRule(FORM_LIMITS.translatedByMaxLength, "Who translated it; only with translationOfId."),
      ),
      respondsToIds: idList(FORM_LIMITS.respondsToMaxItems).meta({
        description: "The statements this one responds to.",
      }),
      attribution: optionalChoice(ATTRIBUTIONS, "secondary").default("secondary").meta(choiceRule(ATTRIBUTIONS)),
      attributionNote: optionalText(FORM_LIMITS.attributionNoteMaxLength, cleanMultilineText).meta(
        textRule(FORM_LIMITS.attributionNoteMaxLength, "Required when attribution is disputed or misattributed."),
      ),
      status: optionalChoice(EDITABLE_STATUSES, "draft")
        .default("draft")
        .meta({
          ...choiceRule(EDITABLE_STATUSES),
          description: "draft (not public) or published; retract with POST …/retract.",
        }),
    },
    { error: "must be an object" },
  )
  .superRefine((form, ctx) => {
    if (form.speakerId === null && form.newSpeaker === null)
      ctx.addIssue({ code: "custom", path: ["speakerId"], message: SPEAKER_REQUIRED });
    if (form.speakerId !== null && form.newSpeaker !== null)
      ctx.addIssue({ code: "custom", path: ["newSpeaker"], message: "must be empty when a speaker is picked" });
    if (form.topicIds.length + form.newTopics.length > STATEMENT_LIMITS.topicsMaxItems) {
      ctx.addIssue({
        code: "custom",
        path: ["topicIds"],
        message: `must have at most ${STATEMENT_LIMITS.topicsMaxItems} topics in all`,
      });
    }
    if (form.translatedBy !== null && form.translationOfId === null) {
      ctx.addIssue({
        code: "custom",
        path: ["translatedBy"],
        message: "is only for a translation: pick the original first",
      });
    }
    if ((form.attribution === "disputed" || form.attribution === "misattributed") && form.attributionNote === null) {
      ctx.addIssue({
        code: "custom",
        path: ["attributionNote"],
        message: "is required when the attribution is disputed or misattributed",
      });
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

/** The version a change is based on: 0, -1 or "3" are not "missing", they are not versions. */
export const baseVersionSchema = z
  .number({ error: BASE_VERSION_MESSAGE })
  .int(BASE_VERSION_MESSAGE)
  .min(1, BASE_VERSION_MESSAGE)
  .max(MAX_ID, BASE_VERSION_MESSAGE)
  .describe("The version the change is based on (from the last read or save).");

/** The version an edit is based on: required, a positive whole number. */
export function parseBaseVersion(input: unknown): number | FieldMessage {
  const parsed = baseVersionSchema.safeParse(input);
  return parsed.success ? parsed.data : { field: "version", message: BASE_VERSION_MESSAGE };
}

/** An edit: the whole statement as it should be, and the version it is based on (read by PUT /api/curate/statements/{id}). */
export const statementEditSchema = z.object({ ...statementFormSchema.shape, version: baseVersionSchema });

export const retractionSchema = z.object(
  {
    reason: requiredText(FORM_LIMITS.retractionReasonMaxLength, cleanMultilineText).meta({
      minLength: 1,
      maxLength: FORM_LIMITS.retractionReasonMaxLength,
      description: "Shown to readers.",
    }),
    version: baseVersionSchema,
  },
  { error: "must be an object" },
);

const REVISION_ID_MESSAGE = "is required: a revision id";

/** POST /api/curate/statements/{id}/restore: the revision to make current again, and the version it is based on. */
export const restoreRequestSchema = z.object(
  {
    revisionId: z
      .number({ error: REVISION_ID_MESSAGE })
      .int(ID_MESSAGE)
      .min(1, ID_MESSAGE)
      .max(MAX_ID, ID_MESSAGE)
      .describe("The revision to make current again (from the statement's history)."),
    version: baseVersionSchema,
  },
  { error: "must be an object" },
);
