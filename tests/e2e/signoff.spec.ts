import fs from "node:fs";
import { ARTIFACTS, checkPage, expect, signIn, signOut, test } from "./fixtures";

test("the COO signs the demo's Branch Banking version 2 from their inbox; the sealed PDF verifies and a changed copy does not", async ({ page, browser }) => {
  await signIn(page, "exec@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign-off" }).click();
  await expect(page.getByRole("heading", { name: "Sign-off" })).toBeVisible();
  const waiting = page.getByRole("region", { name: /Waiting for you/ });
  await checkPage(page, "signoff-inbox-exec");
  await page.getByRole("link", { name: /Branch Banking, version 2/ }).click();
  await expect(page.getByRole("heading", { name: "Branch Banking, version 2" })).toBeVisible();
  await expect(page.getByText("Approved: the scope and the escalation read right for the branches.")).toBeVisible();
  await checkPage(page, "signoff-request-exec");

  // A comment on one clause sits beside it.
  await page.locator("#clause-escalation").getByRole("link", { name: "Comment on this" }).click();
  await expect(page.getByRole("combobox", { name: "On", exact: true })).toHaveValue("escalation");
  await page.getByRole("textbox", { name: "Comment" }).last().fill("Name the duty manager's deputy too.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.locator("#clause-escalation").getByText("Name the duty manager's deputy too.")).toBeVisible();

  // A rejection needs a reason; signing agrees the version.
  await page.getByLabel("Reject: it needs another version").check();
  await page.getByRole("button", { name: "Record my decision" }).click();
  await expect(page.getByText("Say why you reject it: the relationship manager will see this")).toBeVisible();
  await page.getByLabel("Sign: I agree this version").check();
  await page.getByRole("button", { name: "Record my decision" }).click();
  await expect(page.getByText("Signed. Version 2 of Branch Banking is agreed; its signed PDF is sealed.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("region", { name: "Agreed" })).toBeVisible();
  await checkPage(page, "signoff-request-agreed");
  await page.goto("/signoff");
  await expect(waiting.getByText("Nothing waits for you")).toBeVisible();

  // The sealed PDF, twice: the same bytes.
  await page.goto("/services");
  await page.getByRole("link", { name: "Branch Banking", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Branch Banking" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Agreed" })).toHaveCount(2);
  const href = `${new URL(page.url()).pathname}/versions/2.pdf`;
  const first = await page.request.get(href);
  const second = await page.request.get(href);
  expect(first.headers()["content-type"]).toBe("application/pdf");
  const bytes = await first.body();
  expect(Buffer.compare(bytes, await second.body())).toBe(0);
  fs.writeFileSync(`${ARTIFACTS}/branch-banking-v2.pdf`, bytes);

  // Anyone, signed in or not, checks it on the verify page.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto("/verify");
  await expect(visitor.getByRole("heading", { name: "Check a signed service definition" })).toBeVisible();
  await visitor.getByLabel("The PDF you hold").setInputFiles({ name: "branch-banking-v2.pdf", mimeType: "application/pdf", buffer: bytes });
  await visitor.getByRole("button", { name: "Check this PDF" }).click();
  await expect(visitor.getByRole("heading", { name: "This is an agreed Charter document" })).toBeVisible();
  await expect(visitor.getByText(/Sarah Johnson, Chief Operating Officer \(signer\): signed/)).toBeVisible();
  await checkPage(visitor, "verify-match");
  const changed = Buffer.from(bytes);
  const at = Math.floor(changed.length / 3);
  changed[at] = changed[at]! ^ 0x01;
  await visitor.getByLabel("The PDF you hold").setInputFiles({ name: "changed.pdf", mimeType: "application/pdf", buffer: changed });
  await visitor.getByRole("button", { name: "Check this PDF" }).click();
  await expect(visitor.getByRole("heading", { name: "This file does not match any agreed document" })).toBeVisible();
  await checkPage(visitor, "verify-no-match");
  await visitor.getByLabel("The PDF you hold").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just some notes") });
  await visitor.getByRole("button", { name: "Check this PDF" }).click();
  await expect(visitor.getByText("That file is not a PDF: choose the PDF of the service definition.")).toBeVisible();
  await context.close();
});

test("a relationship manager sends Month-end Close for sign-off; the lead rejects it with a reason the RM sees", async ({ page }) => {
  await signIn(page, "rm@meridian.example");
  await page.goto("/services");
  await page.getByRole("link", { name: "Month-end Close", exact: true }).click();
  await page.getByRole("link", { name: "Version 1", exact: true }).click();
  await page.getByRole("link", { name: "Send for sign-off" }).click();
  // The consuming unit's lead is suggested as the first approver.
  await expect(page.getByLabel("Approver 1")).toHaveValue(/.+/);
  await page.getByLabel("Approver 1").selectOption({ label: "Maria Lopez, Head of Branch Network (Retail Banking)" });
  await page.getByLabel("Signer 1").selectOption({ label: "James Murray, Chief Information Officer" });
  await page.getByLabel("Message").fill("Month-end as Finance asked for it.");
  await checkPage(page, "signoff-submit");
  await page.getByRole("button", { name: "Send for sign-off" }).click();
  await expect(page.getByText("Version 1 is sent for sign-off.")).toBeVisible();
  await expect(page.getByText("Waiting", { exact: true })).toBeVisible();
  await signOut(page);

  await signIn(page, "lead@meridian.example");
  await page.goto("/signoff");
  await page.getByRole("link", { name: /Month-end Close, version 1/ }).click();
  await page.getByLabel("Reject: it needs another version").check();
  await page.getByRole("textbox", { name: "Comment" }).first().fill("Finance should approve this, not the branch network.");
  await page.getByRole("button", { name: "Record my decision" }).click();
  await expect(page.getByText(/Rejected\. Tom Okafor sees your reason/)).toBeVisible();
  await signOut(page);

  await signIn(page, "rm@meridian.example");
  await page.goto("/signoff");
  await page.getByRole("region", { name: "Decided in the last 30 days" }).getByRole("link", { name: /Month-end Close, version 1/ }).click();
  await expect(page.getByText("“Finance should approve this, not the branch network.”")).toBeVisible();
  await checkPage(page, "signoff-rejected");
});

test("without JavaScript a version is sent for sign-off, and approved in parallel by both approvers", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signIn(page, "rm@meridian.example");
    await page.goto("/services");
    await page.getByRole("link", { name: "Joining the Bank", exact: true }).first().click();
    await page.getByRole("button", { name: "Create version 1" }).click();
    await page.getByRole("link", { name: "Version 1", exact: true }).click();
    await page.getByRole("link", { name: "Send for sign-off" }).click();
    await page.getByLabel("Approver 1").selectOption({ label: "Helen Carter, Head of People Operations (HR)" });
    await page.getByLabel("Approver 2").selectOption({ label: "Grace Mensah, Head of Facilities (Facilities)" });
    await page.getByLabel(/In parallel/).check();
    await page.getByRole("button", { name: "Send for sign-off" }).click();
    await expect(page.getByText("Name at least one executive to sign")).toBeVisible();
    await page.getByLabel("Signer 1").selectOption({ label: "James Murray, Chief Information Officer" });
    await page.getByRole("button", { name: "Send for sign-off" }).click();
    await expect(page.getByText("Version 1 is sent for sign-off.")).toBeVisible();
    await expect(page.getByText("Waiting", { exact: true })).toHaveCount(2);
    await expect(page.getByText("Not yet asked", { exact: true })).toHaveCount(1);
    const request = new URL(page.url()).pathname;
    await signOut(page);

    await signIn(page, "lead.hr@meridian.example");
    await page.goto(request);
    await page.getByLabel("Approve the content").check();
    await page.getByRole("button", { name: "Record my decision" }).click();
    await expect(page.getByText("Thank you: your decision is recorded.")).toBeVisible();
    await expect(page.getByText("Approved", { exact: true })).toHaveCount(1);
  } finally {
    await context.close();
  }
});
