// The release build loads, renders the shell's regions from engine data, and runs cleanly.
const { test, expect } = require("./fixtures");

test("the shell renders every region with no console errors", async ({ page, problems }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("MessageBox Lab");
  await expect(page.getByTestId("engine-version")).toHaveText(/^engine v\d+\.\d+\.\d+$/);
  for (const region of ["canvas", "side-panel", "controls", "event-log"]) {
    await expect(page.getByTestId(region)).toBeVisible();
  }
  // The default scenario's groups come from the engine (domain.md 10.1).
  await expect(page.getByTestId("group-SRV-SEA")).toContainText("Seattle messaging hub");
  await expect(page.getByTestId("group-SRV-DUB")).toContainText("Dublin order-processing centre");
  await expect(page.getByTestId("scenario-picker")).toHaveValue("0");
  expect(problems).toEqual([]);
});

test("the page declares a Content-Security-Policy", async ({ page }) => {
  await page.goto("/");
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
});

test("the picker switches between the shipped scenarios", async ({ page, problems }) => {
  await page.goto("/");
  const picker = page.getByTestId("scenario-picker");
  await expect(picker.locator("option")).toHaveText([
    "BPM order routing (one group)",
    "BPM split across two groups (phase 2)",
    "Empty group (sandbox)",
  ]);
  await picker.selectOption("1");
  await expect(page.getByTestId("scenario-title")).toHaveText("BPM split across two groups (phase 2)");
  expect(problems).toEqual([]);
});
