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
  const status = lead.getByRole("status").filter({ hasText: /saved|Saving|Offline/ });
  await selects.nth(0).selectOption("5");
  await selects.nth(1).selectOption("4");
  await first.getByRole("textbox").fill("Saturdays matter most to our customers.");
  await expect(status).toHaveText("All scores saved.");
  await expect(lead.getByText(/^2 of \d+ scores given$/)).toBeVisible();
  // Offline: the change waits in the browser, and goes when the network is back.
  await leadContext.setOffline(true);
  await selects.nth(2).selectOption("3");
  await expect(status).toContainText("Offline");
  await leadContext.setOffline(false);
  await expect(status).toHaveText("All scores saved.", { timeout: 15_000 });
  await lead.reload();
  await expect(lead.getByRole("row").nth(1).getByRole("combobox").nth(0)).toHaveValue("5");
  await expect(lead.getByRole("row").nth(1).getByRole("combobox").nth(2)).toHaveValue("3");
  await expect(lead.getByRole("row").nth(1).getByRole("textbox")).toHaveValue("Saturdays matter most to our customers.");
  // The need's details and quotes, in place.
  await lead.getByRole("row").nth(1).getByRole("link", { name: "Details and quotes" }).click();
  await expect(lead.getByText("IT effort")).toBeVisible();
  await checkPage(lead, "round-score");
  await lead.getByRole("button", { name: "Submit my scores" }).click();
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

test("without JavaScript a lead scores with a plain form: Save keeps the values, Submit hands them in", async ({ browser }) => {
  const admin = await browser.newContext();
  const rm = await admin.newPage();
  await signIn(rm, "rm@meridian.example");
  await rm.goto("/rounds/new");
  await rm.getByLabel("Title").fill("Plain-form round");
  await rm.getByRole("button", { name: "Draft the round" }).click();
  await rm.getByRole("button", { name: "Open for scoring" }).click();
  await expect(rm.getByText("The round is open")).toBeVisible();
  const roundUrl = rm.url();
  await admin.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const lead = await context.newPage();
  await signIn(lead, "lead.finance@meridian.example");
  await lead.goto(`${roundUrl}/score`);
  const first = lead.getByRole("row").nth(1);
  await first.getByRole("combobox").nth(0).selectOption("2");
  await first.getByRole("combobox").nth(3).selectOption("5");
  await lead.getByRole("button", { name: "Save", exact: true }).click();
  await expect(lead.getByText("Scores saved. Submit when you are done.")).toBeVisible();
  await expect(lead.getByRole("row").nth(1).getByRole("combobox").nth(0)).toHaveValue("2");
  await lead.getByRole("row").nth(1).getByRole("link", { name: "Details and quotes" }).click();
  await expect(lead.getByText("IT effort")).toBeVisible();
  await lead.goBack();
  await lead.getByRole("button", { name: "Submit my scores" }).click();
  await expect(lead.getByText("Scores submitted")).toBeVisible();
  await context.close();
});

test("the demo's closed round: each lead's ranking, value against effort with its table, and an admin's reopening", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/rounds");
  await page.getByRole("link", { name: "Branch and back-office priorities, autumn 2026" }).click();
  await expect(page.getByRole("heading", { name: "The ranking, as closed" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Most disagreement" })).toBeVisible();
  const own = page.getByRole("table", { name: "Each lead's own ranking" });
  await expect(own.getByRole("columnheader", { name: "Helen Carter" })).toBeVisible();
  await expect(own.getByText("skipped")).toBeVisible();
  await expect(page.getByRole("img", { name: "Value against effort" })).toBeVisible();
  await page.getByText("The figures as a table").click();
  await expect(page.getByRole("table", { name: "Score and effort of each need" }).getByText("No estimate").first()).toBeVisible();
  await checkPage(page, "round-closed");
  // Relationship managers cannot reopen; an admin can, with a reason.
  await expect(page.getByRole("button", { name: "Reopen the round" })).toHaveCount(0);
  const url = page.url();
  await page.context().clearCookies();
  await signIn(page, "admin@meridian.example");
  await page.goto(url);
  await page.getByRole("button", { name: "Reopen the round" }).click();
  await expect(page.getByText("Say why the round is reopened (at least 10 characters)")).toBeVisible();
  await page.getByLabel("Why it is reopened").fill("Helen's scores for the payment file were entered against the wrong need.");
  await page.getByRole("button", { name: "Reopen the round" }).click();
  await expect(page.getByText("Round reopened")).toBeVisible();
  await expect(page.getByRole("heading", { name: "The ranking so far" })).toBeVisible();
});

test("the demo's open round: an RM tries other weights and records IT's effort; the lead still to score finds it", async ({ page, browser }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/rounds");
  await page.getByRole("link", { name: /Contact centre hand-offs/ }).click();
  await page.getByLabel(/Time criticality/).fill("10");
  await page.getByRole("button", { name: "Show what moves" }).click();
  await expect(page.getByRole("table", { name: /With these weights, \d+ needs? changes? rank/ }).or(page.getByText("With these weights no need changes rank."))).toBeVisible();
  await checkPage(page, "round-sensitivity");
  await page.getByRole("link", { name: "IT effort estimates" }).click();
  await page.getByRole("combobox").first().selectOption("m");
  await page.getByRole("textbox").nth(0).fill("nonsense");
  await page.getByRole("button", { name: "Save the estimates" }).click();
  await expect(page.getByText("Some estimates could not be read: nothing was saved.")).toBeVisible();
  await page.getByRole("textbox").nth(0).fill("12");
  await checkPage(page, "round-efforts");
  await page.getByRole("button", { name: "Save the estimates" }).click();
  await expect(page.getByText("1 effort estimate recorded.")).toBeVisible();

  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, "lead@meridian.example");
  await lead.goto("/rounds");
  await lead.getByRole("link", { name: /Contact centre hand-offs/ }).click();
  await expect(lead.getByText("Submit your scores to see everyone's")).toBeVisible();
  await lead.getByRole("link", { name: "Score the needs" }).click();
  await expect(lead.getByText(/^\d+ of 32 scores given$/)).toBeVisible();
  await leadContext.close();
});

test("a relationship manager changes a draft's criteria before opening it", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/rounds/new");
  await page.getByLabel("Title").fill("Draft to change");
  await page.getByRole("button", { name: "Draft the round" }).click();
  await page.getByRole("link", { name: "Change the draft" }).click();
  const extra = page.getByRole("group", { name: "Add a criterion" });
  await extra.getByLabel("Name").fill("Regulatory exposure");
  await extra.getByLabel("Weight").fill("3");
  await extra.getByLabel("5 means").fill("A regulator would act");
  await page.getByRole("group", { name: "Criterion 4" }).getByLabel("Remove this criterion").check();
  await checkPage(page, "round-edit");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await expect(page.getByText("Draft changed.")).toBeVisible();
  await expect(page.getByText("Regulatory exposure — weight 3 (50%)")).toBeVisible();
  await expect(page.getByText(/^Reach/)).toHaveCount(0);
});

test("a MoSCoW round holds each lead to its cap on musts, cell by cell", async ({ page, browser }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/rounds/new");
  await page.getByLabel("Title").fill("Must-haves for the branches");
  await page.getByLabel("MoSCoW (must, should, could, won't)").check();
  await page.getByLabel("Cap on musts (%)").fill("5");
  await expect(page.getByRole("group", { name: "Weights" })).toBeHidden();
  await page.getByRole("button", { name: "Draft the round" }).click();
  await page.getByRole("button", { name: "Open for scoring" }).click();
  await expect(page.getByText("The round is open")).toBeVisible();
  const roundUrl = page.url();

  const context = await browser.newContext();
  const lead = await context.newPage();
  await signIn(lead, "lead.facilities@meridian.example");
  await lead.goto(`${roundUrl}/score`);
  const status = lead.getByRole("status").filter({ hasText: /saved|Saving|correcting/ });
  await lead.getByRole("row").nth(1).getByRole("combobox").selectOption({ label: "Must" });
  await expect(status).toHaveText("All scores saved.");
  await lead.getByRole("row").nth(2).getByRole("combobox").selectOption({ label: "Must" });
  await expect(lead.getByText(/^At most 1 of the \d+ needs can be a must in this round \(that would make 2\)$/)).toBeVisible();
  await expect(status).toContainText("1 score needs correcting");
  await lead.getByRole("row").nth(2).getByRole("combobox").selectOption({ label: "Should" });
  await expect(status).toHaveText("All scores saved.");
  await checkPage(lead, "round-score-moscow");
  await context.close();
});
