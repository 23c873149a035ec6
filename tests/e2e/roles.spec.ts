import { checkPage, expect, signIn, signOut, test } from "./fixtures";

const ROLES = [
  { email: "admin@meridian.example", role: "Admin", heading: "Welcome, Priya", nav: ["Home", "Interviews", "Surveys", "Needs", "Prioritisation", "Services", "Sign-off", "Interview guides", "Stakeholders", "Users", "Business units", "Audit trail", "Outbox"], sees: "Latest activity" },
  { email: "rm@meridian.example", role: "Relationship manager", heading: "Welcome, Tom", nav: ["Home", "Interviews", "Surveys", "Needs", "Prioritisation", "Services", "Sign-off", "Interview guides", "Stakeholders"], sees: "Your interviews this week" },
  { email: "lead@meridian.example", role: "Business lead", heading: "Welcome, Maria", nav: ["Home", "Needs", "Prioritisation", "Services", "Sign-off"], sees: "Rounds to score" },
  { email: "exec@meridian.example", role: "Executive", heading: "Welcome, Sarah", nav: ["Home", "Prioritisation", "Services", "Sign-off"], sees: "Awaiting your signature" },
];

test("the sign-in page shows the demo logins and is accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2F/);
  await expect(page.getByRole("heading", { name: "Demo workspace logins" })).toBeVisible();
  await checkPage(page, "login");
});

for (const r of ROLES) {
  test(`${r.role} signs in to their own home page and navigation`, async ({ page }) => {
    await signIn(page, r.email);
    await expect(page.getByRole("heading", { level: 1, name: r.heading })).toBeVisible();
    await expect(page.getByRole("heading", { name: r.sees })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(r.nav);
    await checkPage(page, `home-${r.role.toLowerCase().replace(/ /g, "-")}`);
    await page.setViewportSize({ width: 768, height: 1024 });
    await checkPage(page, `home-${r.role.toLowerCase().replace(/ /g, "-")}-tablet`);
    await signOut(page);
  });
}

test("a role without access gets the friendly 403 page, and unknown addresses the 404 page", async ({ page }) => {
  await signIn(page, "exec@meridian.example");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this" })).toBeVisible();
  await checkPage(page, "error-403");
  const missing = await page.goto("/no/such/page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your home page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Sarah" })).toBeVisible();
});

test("five wrong passwords lock the email with a clear message", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill("cio@meridian.example");
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
  }
  await expect(page.getByRole("alert")).toContainText("locked for 15 more minutes");
});
