import { checkPage, expect, signIn, test } from "./fixtures";

test("an executive reads Branch Banking's version 1 and what has changed in the draft since", async ({ page }) => {
  await signIn(page, "exec@meridian.example");
  await page.goto("/services");
  await page.getByRole("link", { name: "Branch Banking", exact: true }).first().click();
  await page.getByRole("link", { name: "Version 1", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Branch Banking, version 1" })).toBeVisible();
  await expect(page.getByText("Verified: the stored content matches its hash")).toBeVisible();
  await expect(page.getByText("The service has changed since this version.")).toBeVisible();
  await checkPage(page, "service-version");

  await page.getByRole("link", { name: "Compare with the current draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare versions of Branch Banking" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^From version 1 to the current draft: \d+ changes?$/ })).toBeVisible();
  await expect(page.locator(".change").first()).toContainText(/Added|Removed|Changed/);
  await checkPage(page, "service-compare");

  // The form is a plain GET: choosing version 1 on both sides says there is nothing between them.
  await page.getByLabel("To", { exact: true }).selectOption("1");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { name: "From version 1 to version 1: no differences" })).toBeVisible();
  await expect(page).toHaveURL(/\?from=1&to=1$/);

  await page.goto(`${new URL(page.url()).pathname}?from=abc`);
  await expect(page.getByRole("alert")).toHaveText("“abc” is not a version to compare from: choose one from the list.");
});

test("a relationship manager adds a provider, and walks from a need to the service answering it", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/providers");
  await expect(page.getByRole("row", { name: /Connectra Contact Services/ })).toContainText("External supplier");
  await page.getByLabel("Name", { exact: true }).fill("Branch Security Ltd");
  await page.getByLabel("Internal: one of the bank's own units").check();
  await page.getByRole("button", { name: "Add the provider" }).click();
  await expect(page.getByText("An internal provider is one of the bank's units: choose it")).toBeVisible();
  await page.getByLabel("Business unit").selectOption({ label: "Facilities" });
  await page.getByRole("button", { name: "Add the provider" }).click();
  await expect(page.getByText("Branch Security Ltd added.", { exact: false })).toBeVisible();
  await expect(page.getByRole("row", { name: /Branch Security Ltd/ })).toContainText("None yet");
  await page.getByLabel("Name", { exact: true }).fill("it");
  await page.getByLabel("External supplier").check();
  await page.getByRole("button", { name: "Add the provider" }).click();
  await expect(page.getByText("A provider of that name exists already")).toBeVisible();
  await checkPage(page, "providers");

  await page.goto("/services");
  await page.getByRole("link", { name: "Branch Banking", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Branch Banking" })).toBeVisible();
  const service = new URL(page.url()).pathname;
  await page.goto(`${service}/versions/1`);
  await page.getByRole("region", { name: "The definition, as frozen" }).getByRole("link", { name: /^N-\d+/ }).first().click();
  const answered = page.getByRole("region", { name: "Answered by" });
  await expect(answered.getByRole("link", { name: "Branch Banking" })).toBeVisible();
  await checkPage(page, "need-answered-by");
  await answered.getByRole("link", { name: "Branch Banking" }).click();
  await expect(page).toHaveURL(new RegExp(`${service}$`));
});
