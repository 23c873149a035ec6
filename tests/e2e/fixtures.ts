import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "charter-demo";
export const ARTIFACTS = "tests/e2e/.artifacts";
fs.mkdirSync(ARTIFACTS, { recursive: true });

/**
 * Every test fails on a browser console error (a CSP violation, a hydration
 * error, a failed script) and checks every page it looks at with axe.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      // A page answering 4xx on purpose logs "Failed to load resource", and so does every request
      // while a test has taken the network or the server away; anything else is a bug.
      expect(errors.filter((e) => !/Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED))/.test(e))).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Axe on the page as it stands: serious and critical violations fail the test. Then a screenshot to look at. */
export async function checkPage(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility of ${name}`,
  ).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** Signs out and waits for the sign-in page: going to another page at once could cancel the sign-out's post. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
