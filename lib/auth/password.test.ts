import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE, generatePassword, passwordProblem } from "./password";

describe("passwordProblem", () => {
  it("refuses common passwords and passwords made of them, naming the rule", () => {
    for (const weak of [
      "password1234",
      "Password1234",
      "qwertyuiop12",
      "123456789012",
      "iloveyou1234",
      "letmein12345",
      "1q2w3e4r5t6y",
      "passwordpassword",
      "aaaaaaaaaaaa",
      "football2024",
    ]) {
      expect(passwordProblem(weak), weak).toBe(COMMON_PASSWORD_MESSAGE);
    }
    expect(COMMON_PASSWORD_MESSAGE).toMatch(/common password/);
  });

  it("accepts long phrases and generated passwords", () => {
    for (const good of [
      "correct horse battery staple",
      "a long enough password",
      "editor-password-for-e2e",
      "كلمة مرور طويلة بالعربية",
      generatePassword(),
    ]) {
      expect(passwordProblem(good), good).toBeNull();
    }
  });

  it("still checks the length first", () => {
    expect(passwordProblem("short")).toBe("must be at least 12 characters");
    expect(passwordProblem("x".repeat(201))).toBe("must be at most 200 characters");
  });

  it("answers quickly even for the longest password it accepts", () => {
    passwordProblem("warm up the lists once");
    const started = performance.now();
    passwordProblem("1q2w3e4r".repeat(25));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
