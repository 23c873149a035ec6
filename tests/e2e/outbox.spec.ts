import { checkPage, expect, signIn, test } from "./fixtures";

test("an admin sees the demo's sign-off mail delivered to the outbox folder, and reads a message", async ({ page }) => {
  await signIn(page, "admin@meridian.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await expect(page.getByText(/as \.eml files in/)).toBeVisible();
  // Delivery runs every few seconds in the background: the COO's request goes out.
  const row = page.getByRole("row").filter({ hasText: "Please sign Branch Banking, version 2" });
  await expect(async () => {
    await page.reload();
    await expect(row.getByText("Sent", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await row.getByText("Please sign Branch Banking, version 2").click();
  await expect(row.getByText("Tom Okafor asks you to sign Branch Banking, version 2 in Charter.")).toBeVisible();
  await expect(row.getByText(/\.eml$/)).toBeVisible();
  await checkPage(page, "outbox");
});
