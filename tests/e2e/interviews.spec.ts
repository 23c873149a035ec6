import fs from "node:fs";
import { checkPage, expect, signIn, test } from "./fixtures";

test("a relationship manager plans an interview across two units and downloads its invitation", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interviews" }).click();
  await expect(page.getByRole("table")).toContainText("Retail Banking");
  await checkPage(page, "interviews");
  await page.getByRole("link", { name: "Plan an interview" }).click();
  await expect(page.getByRole("heading", { name: "Plan an interview" })).toBeVisible();
  await page.getByLabel("Business unit").selectOption({ label: "Retail Banking" });
  await page.getByRole("checkbox", { name: /Olivia Bennett/ }).check();
  await page.getByRole("checkbox", { name: /Fiona Campbell/ }).check();
  await page.getByLabel("Date").fill("2027-01-12");
  await page.getByLabel("Time (UK)").fill("14:30");
  await page.getByLabel("Length (minutes)").fill("90");
  await page.getByLabel("Place or meeting link").fill("Leeds Briggate branch, room 2");
  await page.getByLabel("Purpose").fill("Saturday opening and the month-end close, together.");
  await checkPage(page, "interview-new");
  await page.getByRole("button", { name: "Plan interview" }).click();
  await expect(page.getByRole("heading", { name: "Interview with Retail Banking" })).toBeVisible();
  await expect(page.getByText("Tue 12 Jan 2027, 14:30")).toBeVisible();
  await checkPage(page, "interview-detail");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Invitation (.ics)" }).click();
  const ics = fs.readFileSync(await (await download).path(), "utf8").replace(/\r\n /g, "");
  expect(ics).toContain("DTSTART:20270112T143000Z");
  expect(ics).toContain("DTEND:20270112T160000Z");
  expect(ics).toContain("LOCATION:Leeds Briggate branch\\, room 2");
  expect(ics).toContain("mailto:olivia.bennett@meridian.example");
  expect(ics).toContain("mailto:fiona.campbell@meridian.example");
  expect(ics).toContain("SUMMARY:Interview: Retail Banking (Business needs discovery)");

  await page.getByRole("button", { name: "Start the interview" }).click();
  await expect(page).toHaveURL(/\/run$/);
  await expect(page.getByText("Interview started.")).toBeVisible();
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Retail Banking" }).click();
  await page.getByLabel("Reason for cancelling").fill("Branch closed for refurbishment");
  await page.getByRole("button", { name: "Cancel the interview" }).click();
  await expect(page.getByText("Branch closed for refurbishment")).toBeVisible();
});

test("the week view, coverage and the calendar feed", async ({ page, request }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/interviews");
  await page.getByRole("link", { name: "Week" }).click();
  await expect(page.getByRole("link", { name: "Next week →" })).toBeVisible();
  await checkPage(page, "interviews-week");
  await page.goto("/interviews/coverage");
  await expect(page.getByRole("cell", { name: "Marketing" })).toBeVisible();
  await checkPage(page, "interviews-coverage");
  await page.getByRole("link", { name: "Calendar feed" }).click();
  await page.getByRole("button", { name: "Make my feed address" }).click();
  const url = (await page.locator(".feed-url").textContent())!.trim();
  await checkPage(page, "calendar-feed");
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain("BEGIN:VEVENT");
  await page.getByRole("button", { name: "Turn the feed off" }).click();
  // Wait for the page to say so before asking the old address (the post may still be on its way).
  await expect(page.getByRole("button", { name: "Turn the feed off" })).toHaveCount(0);
  expect((await request.get(url)).status()).toBe(404);
});
