import { expect, type Page } from "@playwright/test";

// The accounts scripts/e2e.ts creates in the run's own database. The
// "curate-setup" project logs each in once and saves its session state here.
export const E2E_CURATORS = {
  admin: { email: "admin@example.org", name: "Ada Admin", role: "admin", password: "admin-password-for-e2e" },
  editor: { email: "editor@example.org", name: "Eddie Editor", role: "editor", password: "editor-password-for-e2e" },
} as const;

export const STORAGE_STATE = {
  admin: "e2e/.auth/admin.json",
  editor: "e2e/.auth/editor.json",
} as const;

/** Logs in through the login page as a user would. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/curate/);
}
