import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, hashApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser, Role } from "@/lib/auth/roles";
import { changeOwnPassword, changeUserRole, createUser, logOutEverywhere, setUserDisabled } from "@/lib/auth/users";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createStatement } from "@/lib/curate/statements";
import { parseStatementForm } from "@/lib/validation/statement-form";
import { useTestEnvironment } from "../support/integration";

// Personal API tokens against a real database, and the write API
// (app/api/curate/statements/**) called with them as a script would: the
// route handlers themselves, with an Authorization header and no cookie.

let env: Awaited<ReturnType<typeof useTestEnvironment>>;
let root: CurrentUser;
let admin: CurrentUser;
let editor: CurrentUser;

async function newCurator(email: string, role: Role): Promise<CurrentUser> {
  const id = await createUser(env.pool, {
    email,
    name: email.split("@")[0]!,
    role,
    password: "a long enough password",
  });
  return { id, email, name: email.split("@")[0]!, role };
}

beforeAll(async () => {
  env = await useTestEnvironment("api_tokens");
  root = await newCurator("root@example.org", "admin");
  admin = await newCurator("ada@example.org", "admin");
  editor = await newCurator("eddie@example.org", "editor");
});
afterAll(async () => {
  await env.close();
});

type Method = "GET" | "POST" | "PUT" | "DELETE";
type Answer = {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; fields?: Array<{ field: string; message: string }> };
  };
  headers: Headers;
};

const routes = {
  statements: () => import("@/app/api/curate/statements/route"),
  statement: () => import("@/app/api/curate/statements/[id]/route"),
  retract: () => import("@/app/api/curate/statements/[id]/retract/route"),
  tokens: () => import("@/app/api/curate/tokens/route"),
};

/** Calls a route handler as an HTTP client would: JSON body (or raw text), the headers given, no cookie unless given. */
async function call(
  handler: (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>,
  method: Method,
  path: string,
  options: {
    token?: string;
    headers?: Record<string, string>;
    json?: unknown;
    raw?: string;
    params?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const request = new NextRequest(`http://localhost:3000${path}`, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve((options.params ?? {}) as never) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer["body"]) : {}, headers: response.headers };
}

async function fieldsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a ValidationError").toBeInstanceOf(ValidationError);
  return Object.fromEntries((error as ValidationError).fields.map((f) => [f.field, f.message]));
}

async function lastUsedAt(token: string): Promise<Date | null> {
  const { rows } = await env.pool.query<{ last_used_at: Date | null }>(
    `SELECT last_used_at FROM api_tokens WHERE token_hash = $1`,
    [hashApiToken(token)],
  );
  return rows[0]!.last_used_at;
}

let speakerId: number;
const statementBody = (text: string, extra: Record<string, unknown> = {}) => ({
  text,
  language: "en",
  kind: "direct",
  speakerId,
  status: "published",
  ...extra,
});

describe("creating, listing and revoking tokens", () => {
  it("shows the token once, stores only its SHA-256, and lists it without any secret", async () => {
    const { token, apiToken } = await createApiToken(env.pool, editor, {
      name: "  newsroom   import  ",
      role: "editor",
    });
    expect(token).toMatch(/^stk_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: "newsroom import", role: "editor", lastUsedAt: null, revokedAt: null });
    const { rows } = await env.pool.query<Record<string, unknown>>(`SELECT * FROM api_tokens WHERE id = $1`, [
      apiToken.id,
    ]);
    expect(rows[0]!.token_hash).toBe(hashApiToken(token));
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));

    const listed = await listApiTokens(env.pool, editor.id);
    expect(listed.map((t) => t.id)).toContain(apiToken.id);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "revokedAt", "role"]);
    expect(await listApiTokens(env.pool, admin.id)).toEqual([]);

    // Role defaults to editor; a missing name is named.
    expect((await createApiToken(env.pool, admin, { name: "default role" })).apiToken.role).toBe("editor");
    expect(await fieldsOf(createApiToken(env.pool, editor, { name: "", role: "editor" }))).toEqual({
      name: "is required",
    });
  });

  it("caps a token's role at its owner's: an editor cannot mint an admin token", async () => {
    expect(await fieldsOf(createApiToken(env.pool, editor, { name: "too much", role: "admin" }))).toEqual({
      role: "cannot be admin: a token's role can be at most your own (editor)",
    });
    expect((await createApiToken(env.pool, admin, { name: "full", role: "admin" })).apiToken.role).toBe("admin");
  });

  it("revokes at once; only the owner can revoke; revoking twice keeps the first date", async () => {
    const { token, apiToken } = await createApiToken(env.pool, editor, { name: "to revoke", role: "editor" });
    const { GET } = await routes.statement();
    await expect(revokeApiToken(env.pool, admin.id, apiToken.id)).rejects.toBeInstanceOf(NotFoundError);
    const revoked = await revokeApiToken(env.pool, editor.id, apiToken.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await revokeApiToken(env.pool, editor.id, apiToken.id)).revokedAt).toEqual(revoked.revokedAt);
    const answer = await call(GET, "GET", "/api/curate/statements/1", { token, params: { id: "1" } });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({
      code: "token_revoked",
      message: expect.stringMatching(/^token revoked/),
    });
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="curate", error="invalid_token"/);
    // Listed, as revoked, after the active ones.
    expect((await listApiTokens(env.pool, editor.id)).at(-1)).toMatchObject({
      id: apiToken.id,
      revokedAt: revoked.revokedAt,
    });
  });

  it("token routes take the session only: a token cannot list or mint tokens", async () => {
    const { token } = await createApiToken(env.pool, admin, { name: "no minting", role: "admin" });
    const { GET, POST } = await routes.tokens();
    for (const answer of [
      await call(GET, "GET", "/api/curate/tokens", { token }),
      await call(POST, "POST", "/api/curate/tokens", { token, json: { name: "child" } }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe("token_not_accepted");
    }
  });
});

describe("the write API with a token", () => {
  let token: string;

  beforeAll(async () => {
    // A speaker to write about, made as the workspace makes one.
    const form = parseStatementForm({ text: "Seed.", language: "en", newSpeaker: { name: "Token Speaker" } });
    if (!form.ok) throw new Error(JSON.stringify(form.fields));
    const saved = await createStatement(env.pool, root, form.value);
    const { rows } = await env.pool.query<{ id: number }>(`SELECT speaker_id AS id FROM statements WHERE id = $1`, [
      saved.id,
    ]);
    speakerId = rows[0]!.id;
    token = (await createApiToken(env.pool, editor, { name: "write api", role: "editor" })).token;
  });

  it("creates, reads, updates (409 on a stale version) and retracts, with revisions by the token's owner", async () => {
    const { POST } = await routes.statements();
    const { GET, PUT } = await routes.statement();
    const retract = (await routes.retract()).POST;

    const created = await call(POST, "POST", "/api/curate/statements", {
      token,
      json: statementBody("Written through the API."),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    expect(created.body.version).toBe(1);

    const read = await call(GET, "GET", `/api/curate/statements/${id}`, { token, params: { id: String(id) } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id,
      version: 1,
      record: { text: "Written through the API.", status: "published" },
    });

    // The record as read, minus what only retract sets, is a valid edit.
    const record = { ...(read.body.record as Record<string, unknown>) };
    delete record.retractionReason;
    const updated = await call(PUT, "PUT", `/api/curate/statements/${id}`, {
      token,
      params: { id: String(id) },
      json: { ...record, text: "Rewritten through the API.", version: 1 },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.version).toBe(2);

    const stale = await call(PUT, "PUT", `/api/curate/statements/${id}`, {
      token,
      params: { id: String(id) },
      json: { ...record, text: "A stale edit.", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: { code: "version_conflict" },
      currentVersion: 2,
      current: { record: { text: "Rewritten through the API." } },
    });

    const retracted = await call(retract, "POST", `/api/curate/statements/${id}/retract`, {
      token,
      params: { id: String(id) },
      json: { reason: "Test over.", version: 2 },
    });
    expect(retracted.status, JSON.stringify(retracted.body)).toBe(200);

    const { rows } = await env.pool.query<{ version: number; action: string; user_id: number }>(
      `SELECT version, action, user_id FROM revisions WHERE entity_type = 'statement' AND entity_id = $1 ORDER BY version`,
      [id],
    );
    expect(rows).toEqual([
      { version: 1, action: "create", user_id: editor.id },
      { version: 2, action: "update", user_id: editor.id },
      { version: 3, action: "retract", user_id: editor.id },
    ]);
  });

  it("needs no Origin with a token, and a token with a cookie is judged by the token alone", async () => {
    const { POST } = await routes.statements();
    const foreign = await call(POST, "POST", "/api/curate/statements", {
      token,
      headers: { Origin: "https://evil.example" },
      json: statementBody("From a script, any origin."),
    });
    expect(foreign.status).toBe(201);
    // A cookie beside a bad token: refused for the token, never a fallback to the cookie.
    const withCookie = await call(POST, "POST", "/api/curate/statements", {
      headers: {
        Authorization: `Bearer ${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
        Cookie: "next-auth.session-token=whatever",
      },
      json: statementBody("Never saved."),
    });
    expect(withCookie.status).toBe(401);
    expect(withCookie.body.error?.code).toBe("token_unknown");
  });

  it("refuses bad input with a 400 naming the problem", async () => {
    const { POST } = await routes.statements();
    const { PUT } = await routes.statement();
    const bad = async (answer: Promise<Answer>) => {
      const { status, body } = await answer;
      expect(status).toBe(400);
      return Object.fromEntries((body.error?.fields ?? []).map((f) => [f.field, f.message]));
    };
    expect(await bad(call(POST, "POST", "/api/curate/statements", { token, raw: '{"text": "unfinished' }))).toEqual({
      body: expect.stringMatching(/^must be JSON/),
    });
    expect(await bad(call(POST, "POST", "/api/curate/statements", { token, raw: "[1, 2]" }))).toEqual({
      body: "must be a JSON object",
    });
    expect(await bad(call(POST, "POST", "/api/curate/statements", { token, raw: "" }))).toEqual({
      body: expect.stringMatching(/^must be JSON/),
    });
    expect(
      await bad(
        call(POST, "POST", "/api/curate/statements", {
          token,
          raw: JSON.stringify(statementBody("x".repeat(1_000_001))),
        }),
      ),
    ).toEqual({
      body: "must be at most 1000000 bytes",
    });
    // Unknown top-level fields are named, not dropped.
    const unknown = await bad(
      call(POST, "POST", "/api/curate/statements", {
        token,
        json: statementBody("Typo.", { said_on: "2016-10-13", speaker: "X" }),
      }),
    );
    expect(Object.keys(unknown).sort()).toEqual(["said_on", "speaker"]);
    expect(unknown.said_on).toMatch(/^is not a field of this request; the fields are: text, language, kind, speakerId/);
    // Wrong types name their field.
    expect(
      await bad(
        call(POST, "POST", "/api/curate/statements", {
          token,
          json: statementBody("Types.", { speakerId: "12", saidOnApproximate: "yes", topicIds: 3 }),
        }),
      ),
    ).toMatchObject({
      speakerId: expect.any(String),
      saidOnApproximate: "must be true or false",
      topicIds: expect.any(String),
    });
    // An edit without its version; an edit carrying a read-only field of the record.
    expect(
      await bad(
        call(PUT, "PUT", "/api/curate/statements/1", {
          token,
          params: { id: "1" },
          json: statementBody("No version."),
        }),
      ),
    ).toMatchObject({ version: expect.stringMatching(/^is required/) });
    expect(
      await bad(
        call(PUT, "PUT", "/api/curate/statements/1", {
          token,
          params: { id: "1" },
          json: statementBody("Read-only.", { version: 1, retractionReason: null }),
        }),
      ),
    ).toHaveProperty("retractionReason");
  });

  it("names a malformed, tampered or unknown token, and a broken Bearer header, with 401", async () => {
    const { POST } = await routes.statements();
    const tampered = `${token.slice(0, 10)}${token[10] === "a" ? "b" : "a"}${token.slice(11)}`;
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ Authorization: `Bearer ${tampered}` }, "token_unknown", /^token unknown/],
      [{ Authorization: `Bearer stk_${"A".repeat(43)}` }, "token_unknown", /^token unknown/],
      [{ Authorization: `Bearer ${token}x` }, "token_malformed", /^token malformed/],
      [{ Authorization: "Bearer" }, "authorization_invalid", /^Authorization header invalid/],
      [{ Authorization: "Bearer a b" }, "authorization_invalid", /^Authorization header invalid/],
    ];
    for (const [headers, code, message] of cases) {
      const answer = await call(POST, "POST", "/api/curate/statements", {
        headers,
        json: statementBody("Never saved."),
      });
      expect(answer.status, code).toBe(401);
      expect(answer.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    const { rows } = await env.pool.query(`SELECT 1 FROM statements WHERE text = 'Never saved.'`);
    expect(rows).toEqual([]);
  });
});

describe("a token never outlives its owner's rights", () => {
  const getWith = async (token: string) => {
    const { GET } = await routes.statement();
    return call(GET, "GET", "/api/curate/statements/999999", { token, params: { id: "999999" } });
  };

  it("is revoked (401) when its owner is disabled, and stays revoked when the owner is enabled again", async () => {
    const owner = await newCurator("disabled-owner@example.org", "editor");
    const { token } = await createApiToken(env.pool, owner, { name: "owner goes", role: "editor" });
    const bystander = (await createApiToken(env.pool, editor, { name: "someone else's", role: "editor" })).token;
    expect((await getWith(token)).status).toBe(404);
    await setUserDisabled(env.pool, { userId: owner.id, disabled: true }, root.id);
    const refused = await getWith(token);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: "token_revoked",
      message: expect.stringMatching(/^token revoked/),
    });
    await setUserDisabled(env.pool, { userId: owner.id, disabled: false }, root.id);
    expect(await getWith(token)).toMatchObject({ status: 401, body: { error: { code: "token_revoked" } } });
    expect((await listApiTokens(env.pool, owner.id)).map((t) => t.revokedAt)).toEqual([expect.any(Date)]);
    // Another curator's token is untouched; the owner can make a new one.
    expect((await getWith(bystander)).status).toBe(404);
    expect(
      (await getWith((await createApiToken(env.pool, owner, { name: "after", role: "editor" })).token)).status,
    ).toBe(404);
    // A disabled owner is refused even if a token of theirs escaped revocation (say, by a hand-made SQL update).
    const escaped = (await createApiToken(env.pool, owner, { name: "escaped", role: "editor" })).token;
    await env.pool.query(`UPDATE users SET disabled = true WHERE id = $1`, [owner.id]);
    expect(await getWith(escaped)).toMatchObject({
      status: 401,
      body: { error: { code: "token_owner_disabled", message: expect.stringMatching(/^token owner disabled/) } },
    });
    await env.pool.query(`UPDATE users SET disabled = false WHERE id = $1`, [owner.id]);
  });

  it('is revoked (401) by its owner\'s password change and by "log out everywhere"', async () => {
    const owner = await newCurator("credentials-end@example.org", "editor");
    const first = (await createApiToken(env.pool, owner, { name: "before the password change", role: "editor" })).token;
    expect((await getWith(first)).status).toBe(404);
    await changeOwnPassword(
      env.pool,
      owner.id,
      {
        currentPassword: "a long enough password",
        newPassword: "another long password",
        confirmPassword: "another long password",
      },
      "198.51.100.9",
    );
    expect(await getWith(first)).toMatchObject({ status: 401, body: { error: { code: "token_revoked" } } });

    const second = (await createApiToken(env.pool, owner, { name: "before logging out everywhere", role: "editor" }))
      .token;
    expect((await getWith(second)).status).toBe(404);
    await logOutEverywhere(env.pool, owner.id);
    expect(await getWith(second)).toMatchObject({ status: 401, body: { error: { code: "token_revoked" } } });
    const { rows } = await env.pool.query(
      `SELECT action, changes FROM revisions WHERE entity_type = 'user' AND entity_id = $1 AND action IN ('password', 'logout_all') ORDER BY id`,
      [owner.id],
    );
    expect(rows).toMatchObject([
      { action: "password", changes: { activeApiTokens: [1, 0] } },
      { action: "logout_all", changes: { activeApiTokens: [1, 0] } },
    ]);
  });

  it("acts with the lower of its role and its owner's current one: an admin token of a demoted admin", async () => {
    const owner = await newCurator("demoted@example.org", "admin");
    const { token } = await createApiToken(env.pool, owner, { name: "admin script", role: "admin" });
    const editorToken = (await createApiToken(env.pool, owner, { name: "editor script", role: "editor" })).token;
    const { DELETE } = await routes.statement();
    const del = (t: string) =>
      call(DELETE, "DELETE", "/api/curate/statements/999999", { token: t, params: { id: "999999" } });
    // Admin token of an admin: passes the role check (then: no such statement).
    expect((await del(token)).status).toBe(404);
    // An editor token of an admin acts as editor: 403, its own role is too low.
    expect(await del(editorToken)).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });

    await changeUserRole(env.pool, { userId: owner.id, role: "editor" }, root.id);
    const refused = await del(token);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: "token_role_exceeds_owner",
      message: expect.stringMatching(/^token role exceeds its owner's/),
    });
    // What the owner may still do, the token still does (as editor).
    const { GET } = await routes.statement();
    expect((await call(GET, "GET", "/api/curate/statements/999999", { token, params: { id: "999999" } })).status).toBe(
      404,
    );
  });
});

describe("last_used_at", () => {
  it("is set on first use and written at most once a minute", async () => {
    const { token } = await createApiToken(env.pool, editor, { name: "clock", role: "editor" });
    const { GET } = await routes.statement();
    const use = () => call(GET, "GET", "/api/curate/statements/999999", { token, params: { id: "999999" } });
    expect(await lastUsedAt(token)).toBeNull();
    await use();
    const first = await lastUsedAt(token);
    expect(first).toBeInstanceOf(Date);
    await use();
    await use();
    expect(await lastUsedAt(token)).toEqual(first);
    // Older than a minute: the next use writes it again.
    await env.pool.query(`UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE token_hash = $1`, [
      hashApiToken(token),
    ]);
    const aged = await lastUsedAt(token);
    await use();
    expect((await lastUsedAt(token))!.getTime()).toBeGreaterThan(aged!.getTime());
    // A refused token is not "used".
    const { apiToken, token: other } = await createApiToken(env.pool, editor, {
      name: "revoked clock",
      role: "editor",
    });
    await revokeApiToken(env.pool, editor.id, apiToken.id);
    await call(GET, "GET", "/api/curate/statements/999999", { token: other, params: { id: "999999" } });
    expect(await lastUsedAt(other)).toBeNull();
  });
});
