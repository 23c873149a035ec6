import fs from "node:fs";
import { checkPage, expect, signIn, test, ARTIFACTS } from "./fixtures";

test("an admin adds a user, who must choose a password at first sign-in", async ({ page, browser }) => {
  await signIn(page, "admin@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await checkPage(page, "admin-users");
  await page.getByRole("link", { name: "Add a user" }).click();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("Enter a name")).toBeVisible();
  await checkPage(page, "admin-user-new-errors");
  await page.getByLabel("Name").fill("Nina Brooks");
  await page.getByLabel("Email").fill("nina.brooks@meridian.example");
  await page.getByLabel("Job title").fill("Head of Payments");
  await page.getByLabel("Role").selectOption({ label: "Business lead" });
  await page.getByLabel("Business unit").selectOption({ label: "Finance" });
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: "Nina Brooks can now sign in" })).toBeVisible();
  const otp = (await page.getByLabel("One-time password").textContent())!.trim();
  await checkPage(page, "admin-user-created");

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto("/login");
  await newcomer.getByLabel("Email").fill("nina.brooks@meridian.example");
  await newcomer.getByLabel("Password").fill(otp);
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await newcomer.getByLabel("One-time password").fill(otp);
  await newcomer.getByLabel("New password", { exact: true }).fill("payments are my life");
  await newcomer.getByLabel("New password again").fill("payments are my life");
  await newcomer.getByRole("button", { name: "Save password" }).click();
  await expect(newcomer.getByRole("heading", { name: "Welcome, Nina" })).toBeVisible();
  await expect(newcomer.getByRole("heading", { name: "Needs of Finance" })).toBeVisible();
  await context.close();
});

test("an admin deactivates a user, who is signed out at their next request", async ({ page, browser }) => {
  const context = await browser.newContext();
  const rm = await context.newPage();
  await signIn(rm, "rm2@meridian.example");

  await signIn(page, "admin@meridian.example");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Hannah Weiss" }).click();
  await page.getByRole("button", { name: "Deactivate Hannah Weiss" }).click();
  await expect(page.getByRole("status")).toContainText("Deactivated");
  await page.getByText("What each role does").click();
  await checkPage(page, "admin-user-deactivated");

  await rm.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stakeholders" }).click();
  await expect(rm).toHaveURL(/\/login/);
  await context.close();
});

test("stakeholders import from CSV with a preview; a bad row blocks the whole file", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/stakeholders");
  await checkPage(page, "stakeholders");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  const bad = `${ARTIFACTS}/bad.csv`;
  fs.writeFileSync(bad, "name,title,level,unit,email\nJo Bloggs,Cashier,Front line,RB,jo@meridian.example\nNo Unit,,Manager,Atlantis,\n");
  await page.getByLabel("CSV file").setInputFiles(bad);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText('No business unit is called "Atlantis"')).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await checkPage(page, "stakeholders-import-errors");

  const good = `${ARTIFACTS}/good.csv`;
  fs.writeFileSync(good, "name;title;level;unit;email\nJo Bloggs;Cashier;Front line;Retail Banking;jo@meridian.example\nAl Stone;Payroll analyst;Specialist;HR;\n");
  await page.getByLabel("CSV file").setInputFiles(good);
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: "Import 2 stakeholders" }).click();
  await expect(page.getByRole("status")).toContainText("Imported 2 stakeholders.");
  await expect(page.getByRole("cell", { name: /Jo Bloggs/ })).toBeVisible();
});

test("what was typed survives a session that ended, and signing in returns to the page", async ({ page, context }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/stakeholders/new");
  await page.getByLabel("Name").fill("Priscilla Vance");
  await page.getByLabel("Job title").fill("Branch Manager, York");
  await page.getByLabel("Level").selectOption({ label: "Manager" });
  await page.getByLabel("Business unit").selectOption({ label: "Retail Banking" });
  // The session ends on the server while the page is open (idle timeout, or signed out elsewhere).
  await context.addCookies([{ name: "charter_session", value: "ended", domain: "localhost", path: "/" }]);
  await page.getByRole("button", { name: "Add stakeholder" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fstakeholders%2Fnew&reason=expired/);
  await expect(page.getByText("Your session ended")).toBeVisible();
  await page.getByLabel("Email").fill("rm@meridian.example");
  await page.getByLabel("Password").fill("charter-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/stakeholders\/new$/);
  await expect(page.getByText("We restored what you had typed")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Priscilla Vance");
  await expect(page.getByLabel("Job title")).toHaveValue("Branch Manager, York");
  await page.getByRole("button", { name: "Add stakeholder" }).click();
  await expect(page.getByRole("status")).toContainText("Priscilla Vance added.");
});

test("the other admin pages and the public about page pass axe", async ({ page }) => {
  await page.goto("/about");
  await expect(page.getByRole("heading", { name: "About Charter" })).toBeVisible();
  await checkPage(page, "about");
  await signIn(page, "admin@meridian.example");
  await page.goto("/admin/units");
  await checkPage(page, "admin-units");
  await page.getByRole("link", { name: "Retail Banking" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Retail Banking" })).toBeVisible();
  await checkPage(page, "admin-unit-edit");
  await page.goto("/stakeholders/new");
  await checkPage(page, "stakeholder-new");
  await page.goto("/account/password");
  await checkPage(page, "account-password");
});

test("the audit trail lists what happened and verifies its chain", async ({ page }) => {
  await signIn(page, "admin@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("cell", { name: "Signed in" }).first()).toBeVisible();
  await page.getByRole("link", { name: "Verify the chain" }).click();
  await expect(page.getByText(/The chain holds: \d+ events checked/)).toBeVisible();
  await page.getByRole("combobox", { name: "Event" }).selectOption({ label: "Stakeholder added" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "Signed in" })).toHaveCount(0);
  await checkPage(page, "admin-audit");
});
