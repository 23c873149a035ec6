import { checkPage, expect, signIn, test } from "./fixtures";

test("a relationship manager sends a survey to people they pick, reminds one, withdraws another's link, and opens the results", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Surveys" }).click();
  await expect(page.getByRole("heading", { name: "Surveys", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Send a survey" }).first().click();
  await expect(page.getByRole("heading", { name: "Send a survey" })).toBeVisible();

  // Sending without a title or anyone chosen says what is missing, next to each field.
  await page.getByLabel("The people I pick").check();
  await page.getByRole("button", { name: "Send the survey" }).click();
  await expect(page.getByText("Give the survey a title")).toBeVisible();
  await expect(page.getByText("Choose at least one stakeholder")).toBeVisible();
  // Only the list for the choice made shows.
  await expect(page.getByRole("group", { name: "Business units" })).toBeHidden();

  await page.getByLabel("Title").fill("Workplace services quick check");
  await page.getByLabel("Introduction").fill("Three minutes on the services that keep the buildings running.");
  await page.getByRole("checkbox", { name: /Ben Harris/ }).check();
  await page.getByRole("checkbox", { name: /Nadia Haddad/ }).check();
  await checkPage(page, "survey-new");
  await page.getByRole("button", { name: "Send the survey" }).click();

  await expect(page.getByText("Survey sent to 2 stakeholders.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Workplace services quick check" })).toBeVisible();
  const people = page.getByRole("table", { name: "Who was asked and where each stands" });
  await expect(people.getByRole("row").filter({ hasText: "Ben Harris" }).getByText("Not started")).toBeVisible();
  await expect(people.getByRole("row").filter({ hasText: "Nadia Haddad" }).getByText("Not started")).toBeVisible();
  await expect(page.getByRole("table", { name: "By unit" }).getByRole("row").filter({ hasText: "Facilities" })).toContainText("0%");

  await page.getByRole("button", { name: "Remind Ben Harris" }).click();
  await expect(page.getByText("Reminder sent to 1 person.")).toBeVisible();
  // Once a day: the button gives way to the reason.
  await expect(people.getByRole("row").filter({ hasText: "Ben Harris" }).getByText("They were reminded less than a day ago.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Remind Ben Harris" })).toHaveCount(0);

  await page.getByRole("button", { name: "Withdraw Nadia Haddad's link" }).click();
  await expect(page.getByText("Nadia Haddad's link was withdrawn")).toBeVisible();
  await expect(people.getByRole("row").filter({ hasText: "Nadia Haddad" }).getByText("Link withdrawn")).toBeVisible();
  await checkPage(page, "survey-page");

  await page.getByRole("link", { name: "Results" }).click();
  await expect(page).toHaveURL(/\/results$/);
  await page.getByRole("link", { name: "Surveys" }).first().click();
  await expect(page.getByRole("row").filter({ hasText: "Workplace services quick check" })).toContainText("0 of 1");
});
