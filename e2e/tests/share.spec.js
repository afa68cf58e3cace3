// Sharing a run by link: Copy link puts the run at its step into the URL's fragment; the link opened in
// a fresh browser (a new context: no storage) replays to the same step with the same event log. A run
// too long for a link says so and offers its file.
const { test, expect } = require("./fixtures");
const { open, administer } = require("./helpers");

test("a copied link opens the same run at the same step in a fresh browser", async ({ page, browser, problems }) => {
  await open(page);
  await administer(page, "SRV-SEA|orch|BroadbandOrderManager", "start");
  for (let i = 0; i < 25; i++) await page.getByTestId("btn-step").click();
  const clock = await page.getByTestId("clock").textContent();
  const log = await page.getByTestId("event-log").locator("li").allInnerTexts();
  await page.getByTestId("btn-copy-link").click();
  const link = await page.getByTestId("share-link").inputValue();
  expect(link).toContain("#/run/");
  expect(link.length).toBeLessThan(8 * 1024 + 200);
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await fresh.newPage();
  const errors = [];
  other.on("pageerror", (e) => errors.push(e.message));
  await other.goto(link);
  await expect(other.getByTestId("clock")).toHaveText(clock);
  await expect(other.getByTestId("notice")).toContainText("Opened a shared run at step 25 of 25");
  // A fresh browser shows the event log as a closed drawer with its newest line.
  await expect(other.getByTestId("log-latest")).toHaveText(log[0]);
  await other.getByTestId("btn-log-drawer").click();
  expect(await other.getByTestId("event-log").locator("li").allInnerTexts()).toEqual(log);
  // The fragment is gone from the address: a reload does not open the link again.
  await expect.poll(() => other.evaluate(() => location.hash)).not.toContain("#/run/");
  expect(errors).toEqual([]);
  await fresh.close();
  expect(problems).toEqual([]);
});

test("a run too long for a link says so and offers its file", async ({ page, problems }) => {
  await open(page);
  await page.locator('[data-testid="group-SRV-SEA"] .region-title').focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("tab-inspector").click();
  const parts = ["<BindingInfo><SendPortCollection>"];
  for (let i = 0; i < 2000; i++) parts.push(`<SendPort Name="SP-${i}" IsStatic="true" IsTwoWay="false"><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-${(i * 7919) % 100003}" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>`);
  parts.push("</SendPortCollection></BindingInfo>");
  await page.getByTestId("import-bindings").setInputFiles({ name: "Big.xml", mimeType: "text/xml", buffer: Buffer.from(parts.join("")) });
  await expect(page.getByTestId("import-summary")).toBeVisible();
  await page.getByTestId("btn-copy-link").click();
  await expect(page.getByTestId("share-too-long")).toContainText("over the 8 KB");
  const download = page.waitForEvent("download");
  await page.getByTestId("btn-download-run").click();
  expect((await download).suggestedFilename()).toBe("messagebox-lab-run.json");
  expect(problems).toEqual([]);
});
