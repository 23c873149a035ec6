import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { checkPage, expect, signIn, signOut, test } from "./fixtures";

const SURVEY = "Hybrid working tools check-in";
/** Has not begun the demo's check-in; no other journey answers as him. */
const RESPONDENT = "Kwame Asante";
const PHONE = { width: 390, height: 844 };

/**
 * The link as a tester finds it. The outbox never shows a survey link (it would open someone's
 * answers), but without SMTP_URL each message is delivered as an .eml file: the page names the
 * folder and, once sent, the file.
 */
async function linkFromOutbox(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page, "admin@meridian.example");
    await page.goto("/admin/outbox");
    const folder = /as \.eml files in (.+?) \(no SMTP_URL/.exec(await page.getByText(/as \.eml files in/).innerText())?.[1];
    expect(folder, "mail is written to a folder").toBeTruthy();
    const row = page.getByRole("row").filter({ hasText: `Your view, please: ${SURVEY}` }).filter({ hasText: RESPONDENT });
    // Delivery runs every few seconds in the background.
    await expect(async () => {
      await page.reload();
      await expect(row.getByText("Sent", { exact: true })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const file = await row.getByText(/\.eml$/).innerText();
    const eml = fs.readFileSync(path.join(folder!, file.replace(/^.*· /, "").trim()), "utf8");
    // Quoted-printable: joined lines, decoded bytes.
    const text = eml.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const link = /\/s\/[A-Za-z0-9_-]{40,}/.exec(text)?.[0];
    expect(link, "the invitation carries a personal link").toBeTruthy();
    await signOut(page);
    return link!;
  } finally {
    await context.close();
  }
}

const syncStatus = (page: Page) => page.locator(".sync-status");

test.describe.configure({ mode: "serial" });
let link = "";

test("without JavaScript, a respondent answers a section and moves on with a plain form post", async ({ browser }) => {
  link = await linkFromOutbox(browser);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  try {
    const response = await page.goto(link);
    expect(response?.headers()["cache-control"]).toBe("no-store");
    expect(response?.headers()["x-robots-tag"]).toBe("noindex");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await expect(page.getByRole("heading", { level: 1, name: SURVEY })).toBeVisible();
    await expect(page.getByText("Your answers are saved each time you move on to another section.")).toBeVisible();
    await page.getByRole("radio", { name: "4 · Well" }).check();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page).toHaveURL(/section=s-rooms/);
    await expect(page.getByText("Your answers are saved.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Meetings with people in several places" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("on a phone, a respondent with no account answers offline and online, sends, and then sees a copy", async ({ page, context }) => {
  await page.setViewportSize(PHONE);
  await page.goto(link);
  // Where they left off: the first section, with the answer given without JavaScript.
  await expect(page.getByRole("heading", { level: 1, name: SURVEY })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(page.getByText("Your answers carry your name.")).toBeVisible();
  await expect(page.getByRole("radio", { name: "4 · Well" })).toBeChecked();
  await expect(syncStatus(page)).toHaveText("All answers saved.");
  await checkPage(page, "survey-respond");

  await page.getByRole("checkbox", { name: "A headset" }).check();
  await expect(syncStatus(page)).toHaveText("All answers saved.");

  await context.setOffline(true);
  await page.getByRole("radio", { name: "Every week" }).check();
  await expect(syncStatus(page)).toContainText("Offline");
  await expect(syncStatus(page)).toContainText("kept in this browser");
  await expect(page.locator("#q-q-connection-drops .answer-state")).toContainText("kept in this browser");
  // Moving on needs no network: the next section is already in the page.
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Meetings with people in several places" })).toBeVisible();
  await page.getByRole("textbox", { name: /What one thing should IT fix first/ }).fill("A headset that works with the softphone when I am in a branch.");
  await expect(syncStatus(page)).toContainText("2 answers wait to be sent");
  await checkPage(page, "survey-respond-offline");

  await context.setOffline(false);
  await expect(syncStatus(page)).toHaveText("All answers saved.", { timeout: 15_000 });
  await page.reload();
  await expect(page.getByRole("textbox", { name: /What one thing should IT fix first/ })).toHaveValue("A headset that works with the softphone when I am in a branch.");
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("radio", { name: "Every week" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "A headset" })).toBeChecked();

  // A required question left: the last step lists it, with a way to it.
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next: check and send" }).click();
  await expect(page.getByText("One required question is not answered yet.")).toBeVisible();
  await page.getByRole("link", { name: /Q4 Do the meeting rooms you use let people at home join properly/ }).click();
  await page.getByRole("radio", { name: "No" }).check();
  // The follow-up shows at once.
  await page.getByRole("textbox", { name: /Which rooms, and what goes wrong/ }).fill("The branch meeting room has no camera.");
  await page.getByRole("button", { name: "Next: check and send" }).click();
  await expect(page.getByText("Everything required is answered.")).toBeVisible();
  await page.getByRole("button", { name: "Send my answers" }).click();

  await expect(page.getByRole("heading", { name: "Thank you, Kwame: your answers are sent" })).toBeVisible();
  const copy = page.getByRole("region", { name: "Your answers" });
  await expect(copy).toContainText("4 of 1–5 (Well)");
  await expect(copy).toContainText("Every week");
  await expect(copy).toContainText("The branch meeting room has no camera.");
  await checkPage(page, "survey-respond-sent");

  // Opening the link again shows the copy, not the form.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Thank you, Kwame: your answers are sent" })).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send my answers" })).toHaveCount(0);
});

test("a link that does not work says so politely, on a phone", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const response = await page.goto("/s/this-link-was-never-sent-to-anyone-at-all");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await checkPage(page, "survey-respond-closed");
});
