import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ApiTokenError,
  bearerToken,
  generateApiToken,
  grantableRoles,
  isBearerAuthorization,
  hashApiToken,
  looksLikeApiToken,
  lowerRole,
  newApiTokenProblems,
  tokenRoleProblem,
  type TokenAuthentication,
} from "./api-tokens";

function refusal(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiTokenError);
    return { code: (error as ApiTokenError).code, message: (error as ApiTokenError).message };
  }
  throw new Error("expected an ApiTokenError");
}

describe("personal API tokens: the secret", () => {
  it("is stk_ and 32 random bytes in base64url, different each time", () => {
    const tokens = new Set(Array.from({ length: 50 }, generateApiToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^stk_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(4), "base64url")).toHaveLength(32);
      expect(looksLikeApiToken(token)).toBe(true);
    }
  });

  it("is stored as its SHA-256 in hex, never as itself", () => {
    const token = generateApiToken();
    expect(hashApiToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).not.toContain(token.slice(4));
  });
});

describe("the Authorization header", () => {
  it("takes Bearer <token>, the scheme in any case", () => {
    const token = generateApiToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer  ${token} `)).toBe(token);
  });

  it("is a token request only with the Bearer scheme (a proxy's Basic auth is left to the session)", () => {
    expect(isBearerAuthorization("Bearer stk_x")).toBe(true);
    expect(isBearerAuthorization("bearer")).toBe(true);
    expect(isBearerAuthorization("  BEARER  ")).toBe(true);
    expect(isBearerAuthorization("Basic YTpi")).toBe(false);
    expect(isBearerAuthorization("Bearerstk_x")).toBe(false);
    expect(isBearerAuthorization("")).toBe(false);
    expect(isBearerAuthorization(null)).toBe(false);
  });

  it("names what is wrong: another scheme, no token, a token of the wrong shape", () => {
    expect(refusal(() => bearerToken("Basic YWxhZGRpbjpvcGVuc2VzYW1l"))).toMatchObject({
      code: "authorization_invalid",
      message: expect.stringMatching(/^Authorization header invalid/),
    });
    expect(refusal(() => bearerToken("Bearer"))).toMatchObject({ code: "authorization_invalid" });
    expect(refusal(() => bearerToken(""))).toMatchObject({ code: "authorization_invalid" });
    expect(refusal(() => bearerToken("Bearer a b"))).toMatchObject({ code: "authorization_invalid" });
    const token = generateApiToken();
    for (const wrong of [
      token.slice(0, -1),
      `${token}x`,
      token.replace("stk_", "sk_"),
      `stk_${"!".repeat(43)}`,
      "stk_",
    ]) {
      expect(
        refusal(() => bearerToken(`Bearer ${wrong}`)),
        wrong,
      ).toMatchObject({ code: "token_malformed", message: expect.stringMatching(/^token malformed/) });
    }
  });
});

describe("roles", () => {
  it("a token acts with the lower of its role and its owner's", () => {
    expect(lowerRole("admin", "admin")).toBe("admin");
    expect(lowerRole("admin", "editor")).toBe("editor");
    expect(lowerRole("editor", "admin")).toBe("editor");
    expect(grantableRoles("admin")).toEqual(["admin", "editor"]);
    expect(grantableRoles("editor")).toEqual(["editor"]);
  });

  it("refuses a token role above the owner's, naming the role; checks the name", () => {
    expect(newApiTokenProblems({ role: "editor" }, { name: "script", role: "admin" })).toEqual([
      { field: "role", message: "cannot be admin: a token's role can be at most your own (editor)" },
    ]);
    expect(newApiTokenProblems({ role: "admin" }, { name: "script", role: "admin" })).toEqual([]);
    expect(newApiTokenProblems({ role: "editor" }, { name: "script", role: undefined })).toEqual([]);
    expect(newApiTokenProblems({ role: "admin" }, { name: "script", role: "owner" })).toEqual([
      { field: "role", message: "must be one of admin, editor" },
    ]);
    expect(newApiTokenProblems({ role: "admin" }, { name: 7, role: 1 }).map((p) => p.field)).toEqual(["name", "role"]);
    expect(newApiTokenProblems({ role: "admin" }, { name: "   ", role: "editor" })).toEqual([
      { field: "name", message: "is required" },
    ]);
    expect(newApiTokenProblems({ role: "admin" }, { name: "x".repeat(101), role: "editor" })[0]?.message).toMatch(
      /at most 100/,
    );
  });

  it("answers a need above the token's role with 403, and one the owner lost since with 401", () => {
    const base = { tokenId: 1, user: { id: 1, email: "a@example.org", name: "A", role: "editor" as const } };
    const editorToken: TokenAuthentication = { ...base, tokenRole: "editor", ownerRole: "admin" };
    const demoted: TokenAuthentication = { ...base, tokenRole: "admin", ownerRole: "editor" };
    expect(tokenRoleProblem(editorToken, "editor")).toBeNull();
    expect(tokenRoleProblem(demoted, "editor")).toBeNull();
    expect(tokenRoleProblem(editorToken, "admin")).toMatchObject({ status: 403, code: "forbidden" });
    expect(tokenRoleProblem(demoted, "admin")).toMatchObject({
      status: 401,
      code: "token_role_exceeds_owner",
      message: expect.stringMatching(/^token role exceeds its owner's/),
    });
  });
});
