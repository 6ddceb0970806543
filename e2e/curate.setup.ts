import { test as setup } from "@playwright/test";
import { E2E_CURATORS, STORAGE_STATE, logIn } from "./support/curators";

// Logs the e2e admin and editor in once; the curator specs reuse their sessions.
for (const role of ["admin", "editor"] as const) {
  setup(`log in as ${role}`, async ({ page }) => {
    await logIn(page, E2E_CURATORS[role].email, E2E_CURATORS[role].password);
    await page.context().storageState({ path: STORAGE_STATE[role] });
  });
}
