import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { checkPage, DEMO_PASSWORD, expect, signIn, test } from "./fixtures";

/** The demo's interview under way (HR, half answered), opened at a section. */
async function openRunning(page: Page, section: string, origin = "") {
  await page.goto(`${origin}/interviews?status=in_progress`);
  const href = await page.getByRole("table").getByRole("link").first().getAttribute("href");
  const id = href!.split("/").pop()!;
  await page.goto(`${origin}/interviews/${id}/run?section=${section}`);
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible();
  return id;
}

const answer = (page: Page, question: string) => page.locator(`#q-${question}`).locator("textarea").first();
const quote = (page: Page, question: string) => page.locator(`#q-${question}`).getByLabel(/Their words/);
const syncStatus = (page: Page) => page.locator(".sync-status");

/** What the server holds, read through the interview's CSV export. */
async function storedCsv(page: Page, id: string, origin = "") {
  const response = await page.request.get(`${origin}/interviews/${id}/answers.csv`);
  expect(response.status()).toBe(200);
  return response.text();
}

// admin.spec.ts deactivates rm2@ earlier in the suite: these tests use logins that stay active.
test("answers typed offline survive a reload and reach the server when the network is back", async ({ page, context }) => {
  await signIn(page, "rm@meridian.example");
  const id = await openRunning(page, "s-today");
  await checkPage(page, "interview-run");
  await page.getByRole("radio", { name: /^2 · / }).check();
  await answer(page, "q-works-well").fill("The payroll bureau interface has not failed in two years.");
  await quote(page, "q-works-well").fill("Payroll itself just works, touch wood.");
  await expect(syncStatus(page)).toHaveText("All answers saved.");
  // A weak rating brings up the follow-up question at once.
  await expect(page.locator("#q-q-pain-detail")).toBeVisible();

  await context.setOffline(true);
  await answer(page, "q-pain-points").fill("New starters wait days for a laptop; last Monday three sat idle.");
  await answer(page, "q-pain-detail").fill("Laptop provisioning, every week.");
  await expect(syncStatus(page)).toContainText("Offline");
  await expect(syncStatus(page)).toContainText("2 answers wait to be sent");
  await expect(page.locator("#q-q-pain-points .answer-state")).toContainText("kept in this browser");
  await checkPage(page, "interview-run-offline");

  // Without a network the page cannot load again, but the answers are kept in the browser.
  await page.reload().catch(() => undefined);
  await context.setOffline(false);
  await page.goto(`/interviews/${id}/run?section=s-today`);
  await expect(answer(page, "q-pain-points")).toHaveValue("New starters wait days for a laptop; last Monday three sat idle.");
  await expect(syncStatus(page)).toHaveText("All answers saved.");

  const csv = await storedCsv(page, id);
  expect(csv).toContain("The payroll bureau interface has not failed in two years.");
  expect(csv).toContain("Payroll itself just works, touch wood.");
  expect(csv).toContain("New starters wait days for a laptop; last Monday three sat idle.");
  expect(csv).toContain("Laptop provisioning, every week.");
});

test("a whole section answered offline, and moving on while still offline: the page says so, and every answer reaches the server when the network is back", async ({ page, context }) => {
  await signIn(page, "rm@meridian.example");
  const id = await openRunning(page, "s-change-first");
  await context.setOffline(true);
  // Every text box of the section: answers, verbatim quotes and the section's notes.
  const boxes = page.locator(".runner-section textarea:visible");
  const count = await boxes.count();
  expect(count).toBeGreaterThan(2);
  const typed: string[] = [];
  for (let i = 0; i < count; i++) {
    typed.push(`Offline box ${i + 1}: the branch queue system froze twice during the March close.`);
    await boxes.nth(i).fill(typed[i]!);
  }
  await expect(syncStatus(page)).toContainText("Offline");
  await page.getByRole("button", { name: "Save and go back" }).click();
  // The other section cannot load offline: it says why instead of blaming the server.
  await expect(page.getByRole("heading", { name: "This page could not be loaded" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("This device is offline");
  await checkPage(page, "interview-run-offline-moved");
  await context.setOffline(false);
  // Back online, the page loads again by itself.
  await expect(page.getByRole("heading", { name: "This page could not be loaded" })).toBeHidden({ timeout: 15_000 });
  await page.goto(`/interviews/${id}/run?section=s-change-first`);
  await expect(syncStatus(page)).toHaveText("All answers saved.");
  const csv = await storedCsv(page, id);
  for (const words of typed) expect(csv).toContain(words);
});

test("two interviewers change the same answer: the second sees both versions and loses nothing", async ({ browser }) => {
  const contexts: BrowserContext[] = [];
  const open = async (email: string) => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email);
    return { context, page };
  };
  try {
    const tom = await open("rm@meridian.example");
    const amira = await open("admin@meridian.example");
    const id = await openRunning(tom.page, "s-providers");
    await openRunning(amira.page, "s-providers");

    await amira.context.setOffline(true);
    await answer(amira.page, "q-whom-to-call").fill("Amira: HR calls the service desk, then the payroll bureau.");
    await answer(tom.page, "q-whom-to-call").fill("Tom: nobody knows whom to call at the bureau.");
    await expect(syncStatus(tom.page)).toHaveText("All answers saved.");

    await amira.context.setOffline(false);
    const conflict = amira.page.getByRole("group", { name: "Two versions of this answer" });
    await expect(conflict).toBeVisible();
    await expect(conflict.getByRole("region", { name: "Your version" })).toContainText("Amira: HR calls the service desk");
    await expect(conflict.getByRole("region", { name: "Their version" })).toContainText("Tom: nobody knows whom to call");
    await expect(syncStatus(amira.page)).toContainText("changed by someone else");
    await checkPage(amira.page, "interview-run-conflict");
    // Nothing was overwritten: the server still holds Tom's words.
    expect(await storedCsv(tom.page, id)).toContain("Tom: nobody knows whom to call at the bureau.");

    await conflict.getByRole("button", { name: "Merge by hand" }).click();
    await conflict.getByLabel("Merged answer").fill("Tom: nobody knows whom to call at the bureau. Amira: HR calls the service desk first.");
    await conflict.getByRole("button", { name: "Save the merged answer" }).click();
    await expect(syncStatus(amira.page)).toHaveText("All answers saved.");
    // Tom's page picks the merge up within a few seconds, without a reload.
    await expect(answer(tom.page, "q-whom-to-call")).toHaveValue("Tom: nobody knows whom to call at the bureau. Amira: HR calls the service desk first.", { timeout: 10_000 });
  } finally {
    for (const c of contexts) await c.close();
  }
});

test("without JavaScript a section posts, saves and moves on", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await page.getByLabel("Email").fill("rm@meridian.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto("/interviews?status=in_progress");
    const href = await page.getByRole("table").getByRole("link").first().getAttribute("href");
    await page.goto(`${href}/run?section=s-measures`);
    await answer(page, "q-good-service").fill("Every new starter can log in at nine on day one.");
    await page.locator("#q-q-measure-priority select").first().selectOption("1");
    await page.getByRole("button", { name: "Save and continue" }).click();
    // The ranking was only partly given: the section stays, with the message, and the text is kept.
    await expect(page.getByText("Rank every option once")).toBeVisible();
    await expect(answer(page, "q-good-service")).toHaveValue("Every new starter can log in at nine on day one.");
    const selects = page.locator("#q-q-measure-priority select");
    const count = await selects.count();
    for (let i = 0; i < count; i++) await selects.nth(i).selectOption(String(i + 1));
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/section=s-change-first/);
    await expect(page.getByText("Section saved.")).toBeVisible();
    await page.goto(`${href}/run?section=s-measures`);
    await expect(answer(page, "q-good-service")).toHaveValue("Every new starter can log in at nine on day one.");
  } finally {
    await context.close();
  }
});

test("answers typed while the server is down are sent when it is back", async ({ page }) => {
  test.setTimeout(120_000);
  const port = 3199;
  const origin = `http://localhost:${port}`;
  const dataDir = "data/e2e-restart";
  fs.rmSync(dataDir, { recursive: true, force: true });
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: "development", CHARTER_DEMO: "1" },
      stdio: "ignore",
    });
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${origin}/healthz`).then((r) => r.ok).catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error("the app server did not start");
  };
  const kill = async () => {
    const child = server!;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  };
  try {
    await start();
    await page.goto(`${origin}/login`);
    await page.getByLabel("Email").fill("rm2@meridian.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    const id = await openRunning(page, "s-change-first", origin);
    await answer(page, "q-change-first").fill("Accounts ready on day one.");
    await expect(syncStatus(page)).toHaveText("All answers saved.");

    await kill();
    await answer(page, "q-change-first").fill("Accounts and laptops ready on day one, every time.");
    await quote(page, "q-change-first").fill("Day one is the only day that matters to a new starter.");
    // The browser is online: it is Charter that does not answer, and the page says so.
    await expect(syncStatus(page)).toContainText("Charter is not answering just now: will retry. 1 answer waits to be sent.", { timeout: 15_000 });
    await expect(page.locator("#q-q-change-first .answer-state")).toContainText("Kept in this browser, waiting to send");
    await checkPage(page, "interview-run-server-down");

    await start();
    await expect(syncStatus(page)).toHaveText("All answers saved.", { timeout: 45_000 });
    const csv = await storedCsv(page, id, origin);
    expect(csv).toContain("Accounts and laptops ready on day one, every time.");
    expect(csv).toContain("Day one is the only day that matters to a new starter.");
  } finally {
    if (server) await kill().catch(() => undefined);
  }
});

test("a session that ends mid-interview keeps the answers, asks to sign in, then sends them", async ({ page, context }) => {
  await signIn(page, "rm@meridian.example");
  const id = await openRunning(page, "s-outcomes");
  const words = "Pay every colleague right and on time, and have new starters working from their first hour.";
  await context.clearCookies();
  await answer(page, "q-unit-purpose").fill(words);
  await expect(syncStatus(page)).toContainText("Your session has ended. 1 answer waits to be sent.");
  await checkPage(page, "interview-run-signed-out");
  await syncStatus(page).getByRole("link", { name: "sign in again" }).click();
  await page.getByLabel("Email").fill("rm@meridian.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${id}/run\\?section=s-outcomes`));
  await expect(answer(page, "q-unit-purpose")).toHaveValue(words);
  await expect(syncStatus(page)).toHaveText("All answers saved.");
  expect(await storedCsv(page, id)).toContain(words);
});

test("completing lists the required answers still missing, each a link to its question; the summary reads back", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/interviews?status=in_progress");
  await page.getByRole("table").getByRole("link").first().click();
  await page.getByRole("button", { name: "Complete the interview" }).click();
  const missing = page.getByRole("region", { name: "Still to answer before completing" });
  await expect(missing).toBeVisible();
  await checkPage(page, "interview-missing");
  await missing.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/run\?section=.*#q-/);
  await page.goto("/interviews?status=completed");
  await page.getByRole("table").getByRole("link").first().click();
  await page.getByRole("link", { name: "Summary" }).click();
  await expect(page.getByText("Saturday", { exact: false }).first()).toBeVisible();
  await checkPage(page, "interview-summary");
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "tests/e2e/.artifacts/interview-summary-print.png", fullPage: true });
});
