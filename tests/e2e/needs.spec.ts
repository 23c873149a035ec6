import type { Page } from "@playwright/test";
import { checkPage, expect, signIn, test } from "./fixtures";

const PASSAGE = "the Saturday pilot has its own weekly report to the Chief Operating Officer";

/** Selects `passage` inside the first quotable text holding it, as a mouse would, and lets go. */
async function select(page: Page, passage: string) {
  await page
    .locator(".quotable-text", { hasText: passage })
    .first()
    .evaluate((el, wanted) => {
      const start = el.textContent!.indexOf(wanted);
      const end = start + wanted.length;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let pos = 0;
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        const len = node.data.length;
        if (start >= pos && start < pos + len) range.setStart(node, start - pos);
        if (end > pos && end <= pos + len) range.setEnd(node, end - pos);
        pos += len;
      }
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    }, passage);
}

async function openEvidence(page: Page, unit: string) {
  await page.goto("/interviews?status=completed");
  await page.getByRole("row", { name: new RegExp(unit) }).getByRole("link").first().click();
  await page.getByRole("link", { name: "Evidence and needs" }).click();
  await expect(page.getByRole("heading", { name: `Evidence from the interview with ${unit}` })).toBeVisible();
}

test("a relationship manager quotes a passage, writes a need from it, sees the duplicate, merges and undoes the merge", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await openEvidence(page, "Retail Banking");
  await checkPage(page, "evidence");
  const unsynthesised = Number(await page.locator(".stats dd").nth(1).evaluate((dd) => dd.firstChild!.textContent));

  await select(page, PASSAGE);
  const form = page.locator("details[open]");
  await expect(form.getByLabel("Passage, word for word")).toHaveValue(PASSAGE);
  await form.getByRole("checkbox", { name: "Olivia Bennett" }).check();
  await form.getByLabel("Tags").fill("reporting, saturday");
  await form.getByRole("button", { name: "Save as evidence" }).click();
  await expect(page.getByText(`Evidence saved: “${PASSAGE}”`)).toBeVisible();
  await expect(page.locator("mark", { hasText: PASSAGE })).toBeVisible();
  await expect(page.locator(".stats dd").nth(1)).toContainText(`${unsynthesised - 1} of`);

  const card = page.locator(".evidence-card", { hasText: PASSAGE });
  await expect(card).toContainText("Not behind any need yet.");
  await card.getByRole("checkbox", { name: "Choose this quote" }).check();
  await page.getByRole("button", { name: "Write a new need from them" }).click();

  await expect(page.getByRole("heading", { name: "New need" })).toBeVisible();
  await expect(page.locator("blockquote", { hasText: PASSAGE })).toBeVisible();
  await page.getByLabel("The need").fill("Branch telephones are repaired within 15 minutes when they fail while a branch is open");
  const suggestion = page.locator(".similar");
  await expect(suggestion).toContainText("Branch telephones are working again within 15 minutes");
  await expect(page.getByRole("checkbox", { name: "Retail Banking" })).toBeChecked();
  await page.getByLabel("Category").selectOption("availability");
  await checkPage(page, "need-new");
  await page.getByRole("button", { name: "Save the need" }).click();

  await expect(page.getByText(/N-\d+ written/)).toBeVisible();
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  const mine = /N-\d+/.exec(heading!)![0];
  await expect(page.locator(".quote-card")).toContainText("Olivia Bennett, Regional Branch Manager, North (Retail Banking)");
  const duplicates = page.locator("section, div").filter({ has: page.getByRole("heading", { name: "Possible duplicates" }) }).last();
  const target = duplicates.locator("li", { hasText: "Branch telephones are working again within 15 minutes" });
  await expect(target).toBeVisible();
  const theirs = /N-\d+/.exec((await target.locator(".need-ref").textContent())!)![0];
  await checkPage(page, "need");
  await target.getByRole("button", { name: `Merge this need into ${theirs}` }).click();

  await expect(page.getByText(`Merged into ${theirs}`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(theirs);
  await expect(page.locator("blockquote", { hasText: PASSAGE })).toBeVisible();
  await expect(page.getByText("through merged")).toBeVisible();
  await page.getByRole("region", { name: "Merged into this need" }).or(page.locator(".panel", { hasText: "Merged into this need" })).getByRole("link", { name: new RegExp(mine) }).click();
  await expect(page.getByText("Its evidence counts there; this page shows its own.")).toBeVisible();
  await page.getByRole("button", { name: "Undo the merge" }).click();
  await expect(page.getByText("Merge undone")).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo the merge" })).toHaveCount(0);

  await page.goto(`/needs?q=${encodeURIComponent("Chief Operating Officer")}`);
  await expect(page.getByRole("table")).toContainText("Branch telephones are repaired within 15 minutes");
  await checkPage(page, "needs-board");
});

test("without JavaScript a passage is pasted: a wrong one is refused with the text kept, a right one is saved", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // Any relationship manager may quote from a team interview (rm2@ is deactivated by the admin tests).
  await signIn(page, "rm@meridian.example");
  await openEvidence(page, "Finance");
  const block = page.locator(".quotable").first();
  await block.locator("summary").click();
  const form = block.locator("details");
  await form.getByLabel("Passage, word for word").fill("we never close the books late");
  await form.getByRole("checkbox").first().check();
  await form.getByRole("button", { name: "Save as evidence" }).click();
  const again = page.locator("details[open]");
  await expect(again.getByText("That passage does not occur in the answer")).toBeVisible();
  await expect(again.getByLabel("Passage, word for word")).toHaveValue("we never close the books late");
  const text = (await page.locator(".quotable-text").first().textContent())!;
  const words = text.split(/\s+/).slice(2, 8).join("  ");
  await again.getByLabel("Passage, word for word").fill(words);
  await again.getByRole("checkbox").first().check();
  await again.getByRole("button", { name: "Save as evidence" }).click();
  await expect(page.getByText("Evidence saved")).toBeVisible();
  await expect(page.locator(".evidence-card", { hasText: words.replace(/\s+/g, " ") }).first()).toBeVisible();
  await context.close();
});

test("a business lead sees their unit's needs, reads the quotes and comments, but cannot change them", async ({ page }) => {
  await signIn(page, "lead@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Needs" }).click();
  await expect(page.getByRole("table")).toContainText("Branch staff can open accounts during Saturday opening hours");
  await expect(page.getByRole("table")).not.toContainText("Core banking extracts are loaded into the general ledger");
  await expect(page.getByRole("link", { name: "New need" })).toHaveCount(0);
  await page.getByRole("link", { name: /Branch staff can open accounts during Saturday opening hours/ }).click();
  await expect(page.locator(".quote-card").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Possible duplicates" })).toHaveCount(0);
  await page.getByLabel("Add a comment").fill("Saturday accounts are our first priority for the new year.");
  await page.getByRole("button", { name: "Comment" }).click();
  await expect(page.getByText("Comment added.")).toBeVisible();
  await expect(page.locator(".comment-list")).toContainText("Saturday accounts are our first priority for the new year.");
  await checkPage(page, "need-lead");
});
