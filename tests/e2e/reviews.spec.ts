import { checkPage, expect, signIn, test } from "./fixtures";

const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

test("a relationship manager sees Branch Banking's effectiveness and suspect clauses, clears one, and records a review", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/services");
  await expect(page.getByRole("region", { name: "Health" }).getByRole("link", { name: "Branch facilities" })).toBeVisible();
  await checkPage(page, "portfolio-health");
  await page.getByRole("link", { name: "Branch Banking", exact: true }).first().click();

  // The warm-transfer need edited since version 1 was agreed puts three clauses in doubt, each in its own words
  // (journeys run before this one may have marked others for their own reasons).
  const suspect = page.getByRole("region", { name: "Suspect clauses" });
  const edited = suspect.locator(".suspect-group").filter({ hasText: /was edited \(pain changed\)/ });
  await expect(edited.getByRole("checkbox")).toHaveCount(3);
  await expect(page.getByRole("img", { name: /Effectiveness/ })).toBeVisible();
  await checkPage(page, "service-reviews");

  // Clearing needs a note; then the clause is gone from the list.
  await edited.getByLabel("Critical period: Monday morning peak").check();
  await suspect.getByRole("button", { name: "Clear the chosen clauses" }).click();
  await expect(suspect.getByText("Say why the clauses still hold (or what you checked)")).toBeVisible();
  await edited.getByLabel("Critical period: Monday morning peak").check();
  await suspect.getByLabel("Why the chosen clauses still hold").fill("Checked with Connectra: Monday mornings still peak as agreed.");
  await suspect.getByRole("button", { name: "Clear the chosen clauses" }).click();
  await expect(page.getByText("1 suspect clause cleared.")).toBeVisible();
  await expect(edited.getByRole("checkbox")).toHaveCount(2);

  // A review: a half-filled change event is refused with the message beside it, nothing lost.
  await page.getByRole("link", { name: "Record a review" }).click();
  await expect(page.getByRole("heading", { name: "Record a review" })).toBeVisible();
  await expect(page.getByLabel("What the measures showed")).toHaveValue(/measurements met their targets/);
  await page.getByRole("radio", { name: /^Partially effective/ }).check();
  await page.getByLabel("Change 1: kind").selectOption("new_process");
  await page.getByLabel("What changed").first().fill("Branches began booking Saturday appointments online.");
  await page.getByRole("button", { name: "Record the review" }).click();
  await expect(page.getByText("When did it happen? A date like 2026-03-31")).toBeVisible();
  await page.getByLabel("When").first().fill(new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Another action" }).click();
  await page.getByLabel("Action 1").fill("Add online bookings to the Saturday measures");
  await page.getByLabel("Owner").first().fill("Tom Okafor");
  await page.getByLabel("Due").first().fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await checkPage(page, "review-form");
  await page.getByRole("button", { name: "Record the review" }).click();
  await expect(page.getByText(/Review recorded\. The next one is due on/)).toBeVisible();
  const reviews = page.getByRole("region", { name: /Reviews \(3\)/ });
  await expect(reviews.getByText("Branches began booking Saturday appointments online.")).toBeVisible();
  await reviews.getByRole("button", { name: "Mark done" }).first().click();
  await expect(page.getByText("Action marked done.")).toBeVisible();

  // The next conversation: a review interview with the consumers, its questions naming what was agreed.
  await page.getByRole("link", { name: "Start a review interview" }).click();
  await checkPage(page, "review-interview-plan");
  await page.getByRole("button", { name: "Plan the review interview" }).click();
  await expect(page.getByText("Review of Branch Banking planned.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Start the interview" }).click();
  await expect(page.getByText("is picked up where the call left off", { exact: false }).first()).toBeVisible();
});

test("measures: a month typed with a bad value is refused in place, then saved; a spreadsheet with one bad row imports nothing", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/services");
  await page.getByRole("link", { name: "Branch Banking", exact: true }).first().click();
  await page.getByRole("link", { name: /Record or import measures/ }).click();
  await expect(page.getByRole("heading", { name: "Measures: Branch Banking" })).toBeVisible();
  await expect(page.getByRole("table").first()).toBeVisible();
  await checkPage(page, "measures");

  // Last month is measured already: correct one of its values.
  await page.getByLabel("Month", { exact: true }).fill(lastMonth());
  await page.getByRole("button", { name: "Show" }).click();
  const availability = page.getByLabel(/^Counter system, account opening and branch phones usable during opening hours/);
  await availability.fill("101");
  await page.getByRole("button", { name: /^Save / }).click();
  await expect(page.getByText("A percentage is at most 100")).toBeVisible();
  await availability.fill("99.1");
  await page.getByRole("button", { name: /^Save / }).click();
  await expect(page.getByText(/: 12 values saved\./)).toBeVisible();

  await page.getByRole("link", { name: "Import from a spreadsheet" }).click();
  const month = lastMonth();
  const bad = ["service,measure,period,value", `Branch Banking,sl-available,${month},99.9`, `Branch Banking,No such level,${month},5`].join("\n");
  await page.getByLabel("Or paste the CSV").fill(bad);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText('Branch Banking has no service level "No such level"', { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await checkPage(page, "measures-import-refused");
  await page.getByLabel("Or paste the CSV").fill(bad.split("\n").slice(0, 2).join("\n"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: "Import 1 value" }).click();
  await expect(page.getByText("Imported 1 value for 1 service (1 replaced values recorded before).")).toBeVisible();
});

test("without JavaScript a review gets more rows for change events and is recorded", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signIn(page, "rm@meridian.example");
    await page.goto("/services");
    await page.getByRole("link", { name: "Branch facilities", exact: true }).first().click();
    await page.getByRole("link", { name: "Record a review" }).click();
    await page.getByRole("radio", { name: /^Effective/ }).check();
    await page.getByLabel("Notes").fill("The on-call rota covered every Saturday call.");
    await page.getByRole("button", { name: "Another change" }).click();
    await expect(page.getByLabel("Change 6: kind")).toBeVisible();
    await expect(page.getByLabel("Notes")).toHaveValue("The on-call rota covered every Saturday call.");
    await page.getByLabel("Change 6: kind").selectOption("reorganisation");
    await page.getByLabel("When").nth(5).fill(new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel("What changed").nth(5).fill("Facilities merged the north and south on-call rotas.");
    await page.getByRole("button", { name: "Record the review" }).click();
    await expect(page.getByText(/Review recorded\. The next one is due on/)).toBeVisible();
    await expect(page.getByRole("region", { name: "Reviews (2)" }).getByText("Facilities merged the north and south on-call rotas.")).toBeVisible();
  } finally {
    await context.close();
  }
});
