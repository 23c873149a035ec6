import { checkPage, expect, signIn, test } from "./fixtures";

test("a relationship manager opens a round, a business lead scores and submits, and closing records the ranking", async ({ page, browser }) => {
  await signIn(page, "rm@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Prioritisation" }).click();
  await page.getByRole("link", { name: "New round" }).first().click();
  await page.getByLabel("Title").fill("Branch priorities for 2027");
  await page.getByLabel("Business value").fill("2");
  await checkPage(page, "round-new");
  await page.getByRole("button", { name: "Draft the round" }).click();
  await expect(page.getByText("Round drafted")).toBeVisible();
  await expect(page.getByText("weight 2 (40%)")).toBeVisible();
  await page.getByRole("button", { name: "Open for scoring" }).click();
  await expect(page.getByText("The round is open")).toBeVisible();
  const roundUrl = page.url();

  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, "lead@meridian.example");
  await lead.goto(roundUrl);
  await expect(lead.getByText("Submit your scores to see everyone's")).toBeVisible();
  await lead.getByRole("link", { name: "Score the needs" }).click();
  const first = lead.getByRole("row").nth(1);
  const selects = first.getByRole("combobox");
  await selects.nth(0).selectOption("5");
  await selects.nth(1).selectOption("4");
  await first.getByRole("textbox").fill("Saturdays matter most to our customers.");
  await lead.getByRole("button", { name: "Save", exact: true }).click();
  await expect(lead.getByText("2 scores saved")).toBeVisible();
  await expect(lead.getByRole("row").nth(1).getByRole("combobox").nth(0)).toHaveValue("5");
  await checkPage(lead, "round-score");
  await lead.getByRole("button", { name: "Save and submit my scores" }).click();
  await expect(lead.getByText("Scores submitted")).toBeVisible();
  await expect(lead.getByRole("heading", { name: "The ranking so far" })).toBeVisible();
  await checkPage(lead, "round-results");
  await leadContext.close();

  await page.reload();
  await page.getByRole("button", { name: "Close the round and record the ranking" }).click();
  await expect(page.getByText("Round closed")).toBeVisible();
  await expect(page.getByRole("heading", { name: "The ranking, as closed" })).toBeVisible();
  await expect(page.getByText(/SHA-256 is [0-9a-f]{64}/)).toBeVisible();
});
