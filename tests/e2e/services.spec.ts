import { checkPage, expect, signIn, test } from "./fixtures";

test("a relationship manager drafts a service from the gaps, writes its definition, versions it and records what it depends on", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { name: "Service portfolio" })).toBeVisible();
  await checkPage(page, "services-portfolio");
  // A supporting service to depend on, first.
  await page.getByRole("link", { name: "New service" }).click();
  await page.getByLabel("Name", { exact: true }).first().fill("Branch IT support desk");
  await page.getByLabel("Kind", { exact: true }).selectOption("supporting");
  await page.getByRole("button", { name: "Add the service" }).click();
  await expect(page.getByText("Service added.")).toBeVisible();

  await page.goto("/services/new");
  await page.getByLabel("Name", { exact: true }).first().fill("Saturday Branch Service");
  await page.getByLabel("Kind", { exact: true }).selectOption("business");
  await page.getByRole("group", { name: "Needs to draft from" }).getByRole("checkbox").first().check();
  await checkPage(page, "service-new");
  await page.getByRole("button", { name: "Add the service" }).click();
  await expect(page.getByText(/definition drafted from 1 need/)).toBeVisible();
  await expect(page.getByText(/Answers N-\d+ \(rank 1 of \d+\)/).first()).toBeVisible();

  await page.getByRole("link", { name: "Edit the definition" }).click();
  await page.getByLabel("Purpose").fill("Branches serve customers in person on Saturday mornings.");
  const level = page.getByRole("group", { name: "Add a service level" }).first();
  await level.getByRole("textbox", { name: /^Measure/ }).fill("Accounts opened within");
  await level.getByLabel("Target is").selectOption("minutes");
  await level.getByRole("textbox", { name: /^Target/ }).fill("soon");
  await level.getByLabel("How it is measured").fill("Branch system timestamps");
  await page.getByRole("button", { name: "Save the definition" }).click();
  await expect(page.getByText("Give the target as a number")).toBeVisible();
  await level.getByRole("textbox", { name: /^Target/ }).fill("20");
  await checkPage(page, "service-definition-editor");
  await page.getByRole("button", { name: "Save the definition" }).click();
  await expect(page.getByText("Definition saved.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "20 minutes" })).toBeVisible();

  await page.getByRole("button", { name: "Create version 1" }).click();
  await expect(page.getByText(/Version 1 created/)).toBeVisible();
  await page.getByLabel("Add a service it depends on").selectOption({ label: "Branch IT support desk" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("Dependency recorded.")).toBeVisible();
  await checkPage(page, "service-page");

  // The loop the other way round is refused, naming it.
  await page.getByRole("link", { name: "Branch IT support desk" }).first().click();
  await page.getByLabel("Add a service it depends on").selectOption({ label: "Saturday Branch Service" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("That would make a loop: Branch IT support desk → Saturday Branch Service → Branch IT support desk")).toBeVisible();
});
