import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, signIn, test } from "./fixtures";

/** A signed-in admin in a browser with JavaScript turned off. */
async function adminWithoutJavaScript(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@meridian.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return { context, page };
}

async function firstUnit(page: Page) {
  await page.goto("/admin/units");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
  return { name: await page.getByLabel("Name").inputValue(), code: await page.getByLabel("Short code").inputValue() };
}

test("without JavaScript an admin edits a unit's description and its name and code stay", async ({ browser }) => {
  const { context, page } = await adminWithoutJavaScript(browser);
  try {
    const unit = await firstUnit(page);
    // The form arrives filled in with the unit as it is.
    expect(unit.name).not.toBe("");
    expect(unit.code).not.toBe("");
    const description = `Edited without JavaScript ${Date.now()}`;
    await page.getByLabel("What the unit does").fill(description);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Name")).toHaveValue(unit.name);
    await expect(page.getByLabel("Short code")).toHaveValue(unit.code);
    await expect(page.getByLabel("What the unit does")).toHaveValue(description);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(unit.name);
  } finally {
    await context.close();
  }
});

test("without JavaScript a refused new unit comes back with what was typed and the message", async ({ browser }) => {
  const { context, page } = await adminWithoutJavaScript(browser);
  try {
    await page.goto("/admin/units/new");
    await page.getByLabel("Name").fill("Treasury Operations");
    await page.getByLabel("Short code").fill("TR OPS!");
    await page.getByLabel("What the unit does").fill("Settles the bank's own trades.");
    await page.getByRole("button", { name: "Add business unit" }).click();
    await expect(page.getByText("Use letters, digits and hyphens only")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("Treasury Operations");
    await expect(page.getByLabel("Short code")).toHaveValue("TR OPS!");
    await expect(page.getByLabel("Short code")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("What the unit does")).toHaveValue("Settles the bank's own trades.");
    // Correcting the one field is enough.
    await page.getByLabel("Short code").fill("TR-OPS");
    await page.getByRole("button", { name: "Add business unit" }).click();
    await expect(page.getByRole("status")).toContainText("Treasury Operations");
    await page.goto("/admin/units");
    await page.getByRole("link", { name: "Treasury Operations" }).click();
    await expect(page.getByLabel("Short code")).toHaveValue("TR-OPS");
    await expect(page.getByLabel("What the unit does")).toHaveValue("Settles the bank's own trades.");
  } finally {
    await context.close();
  }
});

test("with JavaScript the same forms behave as before: filled in, checked in the browser, saved", async ({ page }) => {
  await signIn(page, "admin@meridian.example");
  const unit = await firstUnit(page);
  expect(unit.name).not.toBe("");
  await page.getByLabel("Name").fill("");
  await page.getByLabel("What the unit does").fill("Edited with JavaScript");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Name").fill(unit.name);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByLabel("Short code")).toHaveValue(unit.code);
  await expect(page.getByLabel("What the unit does")).toHaveValue("Edited with JavaScript");
});
