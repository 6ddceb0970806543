import { idSchema } from "@/lib/validation/id";
import { SERVER_LIMITS } from "./api-schemas";
import {
  errorExample,
  jsonContent,
  jsonSchemaOf,
  ref,
  type HeaderObject,
  type ParameterObject,
  type PathItemObject,
  type Reference,
  type ResponseObject,
} from "./openapi-parts";

// The paths of the write API (/api/curate/statements, with a personal API
// token or the workspace's session) and of the token endpoints, for the
// OpenAPI document (lib/api/openapi.ts). Bodies and answers refer to schemas
// generated from zod (lib/api/api-schemas.ts); what is written here is the
// prose and the examples.

const idParameterSchema = jsonSchemaOf(idSchema);

export const securitySchemes = {
  apiToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "stk_ followed by 43 base64url characters",
    description:
      "A personal API token, made on the account page of the curators' workspace (/curate/account) and shown once. It acts for its owner, with the lower of its own role and the owner's current role. A revoked, unknown, altered or malformed token, or one whose owner is disabled, is refused with 401 and a code naming the problem. A request with an `Authorization: Bearer` header is judged by the token alone, even when it carries a session cookie too; it needs no Origin header. Only the statements endpoints take a token.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The workspace's login session (the cookie is __Secure-next-auth.session-token under https). Changes made with it must come from this site's pages (Origin checked).",
  },
};

export const writeResponses = {
  WriteBadRequest: {
    description: `The body or the id is wrong: not JSON, not an object, over the size limit (${SERVER_LIMITS.bodyMaxBytes.toLocaleString("en")} bytes; ${SERVER_LIMITS.tokenBodyMaxBytes.toLocaleString("en")} for a token), an unknown field, or a field of the wrong type or breaking a rule. \`fields\` names each one.`,
    content: jsonContent(
      ref.schema("Error"),
      errorExample("invalid_parameter", "said_on: is not a field of this request; the fields are: text, language, …", [
        { field: "said_on", message: "is not a field of this request; the fields are: text, language, …" },
      ]),
    ),
  },
  Unauthorized: {
    description:
      'No valid credentials. With a token, `code` names the problem: authorization_invalid (not "Bearer <token>"), token_malformed, token_unknown (never issued here, or altered), token_revoked, token_owner_disabled, token_role_exceeds_owner (the owner lost the role this operation needs since the token was made). Without a token and without a session: unauthenticated.',
    headers: {
      "WWW-Authenticate": {
        description: 'On token requests only: Bearer realm="curate", error="invalid_token", error_description="…".',
        schema: { type: "string" },
        required: false,
      },
    },
    content: jsonContent(
      ref.schema("Error"),
      errorExample(
        "token_revoked",
        "token revoked: it was revoked on 2026-05-01T10:00:00.000Z; create a new one on your account page.",
      ),
    ),
  },
  Forbidden: {
    description:
      "Not allowed: the token's (or the session's) role is too low (forbidden), a change made with a session from another origin (cross_origin), or a token sent to an endpoint that takes none (token_not_accepted).",
    content: jsonContent(
      ref.schema("Error"),
      errorExample("forbidden", "This token's role (editor) does not allow this."),
    ),
  },
  WriteNotFound: {
    description: "Nothing with that id: no such statement (or revision of it), or no such token of yours.",
    content: jsonContent(ref.schema("Error"), errorExample("not_found", "No statement 999999.")),
  },
  Conflict: {
    description:
      "Someone saved a newer version since `version`: nothing was changed; `current` is what is stored now, to reconcile and send again based on `currentVersion`.",
    content: jsonContent(ref.schema("VersionConflict")),
  },
} satisfies Record<string, ResponseObject>;

const writeErrors = (...codes: Array<400 | 401 | 403 | 404 | 409 | 503>): Record<string, Reference> => {
  const names: Record<number, string> = {
    400: "WriteBadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "WriteNotFound",
    409: "Conflict",
    503: "ServiceUnavailable",
  };
  return Object.fromEntries(codes.map((code) => [String(code), ref.response(names[code]!)]));
};

const noStore = { "Cache-Control": { description: "no-store", schema: { type: "string" } } } satisfies Record<
  string,
  HeaderObject
>;
const statementIdParameter: ParameterObject = {
  name: "id",
  in: "path",
  required: true,
  description: "The statement's id.",
  schema: idParameterSchema,
};
const tokenOrSession: Array<Record<string, string[]>> = [{ apiToken: [] }, { session: [] }];
const sessionOnly: Array<Record<string, string[]>> = [{ session: [] }];

const exampleEdit = {
  text: "We will rebuild the hospital.",
  language: "en",
  kind: "direct",
  speakerId: 7,
  saidOn: "2016-10-13",
  saidOnApproximate: false,
  topicIds: [3],
  sources: [{ url: "https://news.example.org/a", outlet: "Example News", title: null, publishedOn: null }],
  context: null,
  translationOfId: null,
  translatedBy: null,
  respondsToIds: [],
  attribution: "secondary",
  attributionNote: null,
  status: "published",
};
const exampleRecord = { ...exampleEdit, retractionReason: null };
const exampleLabels = {
  speaker: { id: 7, slug: "aleppo-health-directorate", name: "Aleppo Health Directorate" },
  topics: [{ id: 3, slug: "hospitals", name: "Hospitals" }],
  translationOf: null,
  respondsTo: [],
};
const exampleApiToken = {
  id: 5,
  name: "newsroom import script",
  role: "editor",
  createdAt: "2026-11-25T21:57:49.789Z",
  lastUsedAt: null,
  revokedAt: null,
};

/** The write API for curators (personal API tokens or the workspace's session) and the token endpoints. */
export const writePaths: Record<string, PathItemObject> = {
  "/api/curate/statements": {
    post: {
      operationId: "createStatement",
      summary: "Add a statement",
      description:
        "Adds a statement as a draft or published, with a known or new speaker, topics and sources: the checks of the workspace's editor. Body: `StatementInput` (JSON). A revision records the token's owner as its author; a published statement reaches search within about a second.",
      tags: ["Write API"],
      security: tokenOrSession,
      requestBody: {
        required: true,
        content: jsonContent(ref.schema("StatementInput"), {
          text: "We will rebuild the hospital.",
          language: "en",
          kind: "direct",
          newSpeaker: { name: "Aleppo Health Directorate", kind: "organization" },
          saidOn: "2016-10-13",
          newTopics: ["Hospitals"],
          sources: [{ url: "https://news.example.org/a", outlet: "Example News" }],
          status: "published",
        }),
      },
      responses: {
        "201": {
          description: "Added: its id and version 1. Location is the statement's page in the workspace.",
          headers: { Location: { description: "/curate/statements/{id}", schema: { type: "string" } } },
          content: jsonContent(ref.schema("Saved"), { id: 42, version: 1 }),
        },
        ...writeErrors(400, 401, 403, 503),
      },
    },
  },
  "/api/curate/statements/{id}": {
    get: {
      operationId: "getEditableStatement",
      summary: "Read a statement to edit it",
      description:
        "The statement as the editor holds it (drafts and retracted ones too), with its version: send `record` (without `retractionReason`) back with `version` to edit it.",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      responses: {
        "200": {
          description: "The statement, with names for its ids.",
          headers: noStore,
          content: jsonContent(ref.schema("EditableStatement"), {
            id: 42,
            externalId: null,
            version: 2,
            record: exampleRecord,
            labels: exampleLabels,
            updatedAt: "2026-11-25T21:57:49.789Z",
            updatedBy: "Ada Admin",
          }),
        },
        ...writeErrors(400, 401, 403, 404, 503),
      },
    },
    put: {
      operationId: "updateStatement",
      summary: "Edit a statement",
      description:
        "Saves the statement as sent, based on `version`. Body: `StatementEdit` (JSON). When someone saved a newer version in between, nothing changes and the answer is 409 with the stored statement.",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      requestBody: {
        required: true,
        content: jsonContent(ref.schema("StatementEdit"), {
          ...exampleEdit,
          text: "We will rebuild the hospital by spring.",
          version: 2,
        }),
      },
      responses: {
        "200": {
          description: "Saved: the new version.",
          content: jsonContent(ref.schema("Saved"), { id: 42, version: 3 }),
        },
        ...writeErrors(400, 401, 403, 404, 409, 503),
      },
    },
    delete: {
      operationId: "deleteStatement",
      summary: "Delete a statement (admins)",
      description:
        "Removes the statement; its revisions remain. Needs an admin token of a curator who is still an admin (or an admin's session).",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      responses: { "204": { description: "Deleted (no body)." }, ...writeErrors(400, 401, 403, 404, 503) },
    },
  },
  "/api/curate/statements/{id}/retract": {
    post: {
      operationId: "retractStatement",
      summary: "Retract a statement",
      description:
        "Retracts it with a reason shown to readers; search drops it. Body: `Retraction` (JSON). Based on `version` like an edit (409 when stale).",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      requestBody: {
        required: true,
        content: jsonContent(ref.schema("Retraction"), { reason: "The directorate denied the report.", version: 3 }),
      },
      responses: {
        "200": {
          description: "Retracted: the new version.",
          content: jsonContent(ref.schema("Saved"), { id: 42, version: 4 }),
        },
        ...writeErrors(400, 401, 403, 404, 409, 503),
      },
    },
  },
  "/api/curate/statements/{id}/restore": {
    post: {
      operationId: "restoreStatementRevision",
      summary: "Restore an earlier version",
      description:
        "Makes an earlier revision current again, as a new version. Body: `RestoreRequest` (JSON). Based on `version` like an edit (409 when stale).",
      tags: ["Write API"],
      security: tokenOrSession,
      parameters: [statementIdParameter],
      requestBody: {
        required: true,
        content: jsonContent(ref.schema("RestoreRequest"), { revisionId: 7, version: 4 }),
      },
      responses: {
        "200": {
          description: "Restored: the new version.",
          content: jsonContent(ref.schema("Saved"), { id: 42, version: 5 }),
        },
        ...writeErrors(400, 401, 403, 404, 409, 503),
      },
    },
  },
  "/api/curate/tokens": {
    get: {
      operationId: "listApiTokens",
      summary: "List my API tokens",
      description:
        "The curator's tokens, active first, newest first: never a token itself. Session only: a token cannot list tokens (403 token_not_accepted).",
      tags: ["API tokens"],
      security: sessionOnly,
      responses: {
        "200": {
          description: "The tokens.",
          headers: noStore,
          content: jsonContent(ref.schema("ApiTokenList"), { tokens: [exampleApiToken] }),
        },
        ...writeErrors(401, 403, 503),
      },
    },
    post: {
      operationId: "createApiToken",
      summary: "Create an API token",
      description: `A new token with a role no higher than the curator's own (editor by default); at most ${SERVER_LIMITS.activeTokensPerUser} active tokens each. Body: \`NewApiToken\` (JSON). The token is in this answer only. Session only: a token cannot make tokens (403 token_not_accepted).`,
      tags: ["API tokens"],
      security: sessionOnly,
      requestBody: {
        required: true,
        content: jsonContent(ref.schema("NewApiToken"), { name: "newsroom import script", role: "editor" }),
      },
      responses: {
        "201": {
          description: "Created.",
          headers: noStore,
          content: jsonContent(ref.schema("CreatedApiToken"), {
            token: "stk_mQ4x7Rk2Vd9LpT0sYw3Hb8Nc5Zf1Ga6Je2Ui7Oo4Kqw",
            apiToken: exampleApiToken,
          }),
        },
        ...writeErrors(400, 401, 403, 503),
      },
    },
  },
  "/api/curate/tokens/{id}/revoke": {
    post: {
      operationId: "revokeApiToken",
      summary: "Revoke an API token",
      description:
        "Revokes one of the curator's own tokens: from its next request on it is refused (401 token_revoked). Revoking twice keeps the first date. No body. Session only.",
      tags: ["API tokens"],
      security: sessionOnly,
      parameters: [
        { name: "id", in: "path", required: true, description: "The token's id.", schema: idParameterSchema },
      ],
      responses: {
        "200": {
          description: "Revoked.",
          headers: noStore,
          content: jsonContent(ref.schema("RevokedApiToken"), {
            apiToken: {
              ...exampleApiToken,
              lastUsedAt: "2026-11-26T08:12:00.000Z",
              revokedAt: "2026-11-26T09:30:00.000Z",
            },
          }),
        },
        ...writeErrors(400, 401, 403, 404, 503),
      },
    },
  },
};
