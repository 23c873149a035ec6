import fs from "node:fs";
import { checkPage, expect, signIn, test } from "./fixtures";

test("a relationship manager builds a guide with a condition, previews it, publishes and exports it", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interview guides" }).click();
  await expect(page.getByRole("link", { name: "Business needs discovery" })).toBeVisible();
  await checkPage(page, "guides");
  await page.getByRole("link", { name: "New guide" }).click();
  await page.getByLabel("Title").fill("Saturday opening check-in");
  await page.getByRole("button", { name: "Create guide" }).click();
  await expect(page.getByRole("heading", { name: "Edit: Saturday opening check-in" })).toBeVisible();

  const addSection = page.getByRole("region", { name: "Add a section" });
  await addSection.getByLabel("Section title").fill("Saturdays");
  await addSection.getByRole("button", { name: "Add section" }).click();
  await expect(page.getByRole("heading", { name: "Section 1: Saturdays" })).toBeVisible();
  await expect(addSection.getByLabel("Section title")).toHaveValue("");

  const section = page.getByRole("region", { name: "Section 1: Saturdays" });
  await section.getByLabel("New question type").selectOption({ label: "Yes / no" });
  await section.getByLabel("New question", { exact: true }).fill("Does your branch open on Saturdays?");
  await section.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByText("Does your branch open on Saturdays?").first()).toBeVisible();
  await section.getByLabel("New question type").selectOption({ label: "Long text" });
  await section.getByLabel("New question", { exact: true }).fill("What goes wrong on a Saturday?");
  await section.getByRole("button", { name: "Add question" }).click();

  const q2 = page.locator("details", { hasText: "What goes wrong on a Saturday?" });
  await expect(q2).toHaveAttribute("open", "");
  await q2.getByLabel("Earlier question").selectOption({ index: 1 });
  await q2.getByLabel("Condition").selectOption({ label: "equals" });
  await q2.getByRole("textbox", { name: /^Answer/ }).fill("yes");
  await q2.getByRole("button", { name: "Save Q2" }).click();
  await expect(page.getByText("Shown if Q1 “Does your branch open on Saturdays?” equals Yes").first()).toBeVisible();
  await checkPage(page, "guide-editor");

  // Keyboard reordering: move Q2 above Q1 and the condition becomes a forward reference.
  await page.locator("details", { hasText: "What goes wrong on a Saturday?" }).getByRole("button", { name: "Move Q2 up" }).click();
  await expect(page.getByRole("alert").first()).toContainText("a condition may only use an earlier question");

  await page.getByRole("link", { name: "Preview" }).click();
  await expect(page.getByText("Q2 is hidden until its condition holds")).toBeVisible();
  await page.getByRole("radio", { name: "Yes" }).check();
  await expect(page.getByLabel(/What goes wrong on a Saturday\?/)).toBeVisible();
  await checkPage(page, "guide-preview");
  await page.goBack();

  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByRole("status")).toContainText("Version 1 is published");
  await checkPage(page, "guide-overview");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export version 1" }).click();
  const file = JSON.parse(fs.readFileSync(await (await download).path(), "utf8"));
  expect(file).toMatchObject({ format: "charter.interview-guide", title: "Saturday opening check-in" });
  expect(file.content.sections[0].questions[1].condition).toMatchObject({ operator: "equals", value: true });
});

test("the demo discovery guide previews with every question type", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/guides");
  await page.getByRole("link", { name: "Business needs discovery" }).click();
  await page.getByRole("link", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Critical business periods" })).toBeVisible();
  await page.getByRole("group", { name: /cannot afford disruption/ }).getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("button", { name: "Add a critical period" }).click();
  await page.getByLabel("Period 1: name").fill("Month-end close");
  await checkPage(page, "guide-preview-discovery");
});
