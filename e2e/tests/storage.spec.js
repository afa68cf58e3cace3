// Storage that holds big runs, and imports that speak, at 1440x900 and 1280x720: a 20,000-port binding
// file imported through the group panel is summarised and survives a reload (the run lives in IndexedDB,
// written as records); a save left in local storage by an earlier version is moved over; a file above
// the 64 MB limit is refused with the limit named.
const { test, expect } = require("./fixtures");
const { open } = require("./helpers");
const fs = require("fs");
const os = require("os");
const path = require("path");

function bindingFile(ports) {
  const parts = ['<?xml version="1.0" encoding="utf-8"?><BindingInfo><SendPortCollection>'];
  for (let i = 0; i < ports; i++) {
    parts.push(`<SendPort Name="SP-${i}" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>C:\\out\\${i}</Address><TransportType Name="FILE" /></PrimaryTransport><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-${i % 500}" /&gt;&lt;Statement Property="Acme.Region" Operator="0" Value="EU" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>`);
  }
  parts.push("</SendPortCollection></BindingInfo>");
  return parts.join("");
}

/** The group panel of Seattle, from its region's title on the canvas. */
async function seattlePanel(page) {
  await page.locator('[data-testid="group-SRV-SEA"] .region-title').focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("tab-inspector").click();
  await expect(page.getByTestId("group-admin")).toHaveAttribute("data-group", "SRV-SEA");
}

const OLD_SAVE = '{"format":1,"scenario":"default.json","inputs":[{"step":0,"command":{"do":"administer","group":"SRV-SEA","owner":{"SendPort":"VIP-Audit-SP"},"action":"Stop"}}],"position":0,"horizon":0,"view":{"positions":{},"speed_log":0.0,"camera":"Fit"},"lesson":null}';

for (const [width, height] of [[1440, 900], [1280, 720]]) {
  test.describe(`at ${width}x${height}`, () => {
    test.use({ viewport: { width, height } });

    test("a 20,000-port import is summarised and survives a reload", async ({ page, problems }) => {
      test.setTimeout(120_000);
      await open(page);
      await seattlePanel(page);
      const file = bindingFile(20_000);
      let started = Date.now();
      await page.getByTestId("import-bindings").setInputFiles({ name: "Acme.Big.xml", mimeType: "text/xml", buffer: Buffer.from(file) });
      const summary = page.getByTestId("import-summary");
      await expect(summary).toContainText("Acme.Big was added to SRV-SEA: it holds 20,000 send ports", { timeout: 60_000 });
      console.log(`${(file.length / 1048576).toFixed(1)} MB, 20,000 ports at ${width}x${height}: imported and summarised in ${Date.now() - started} ms`);
      // Acme.Region is in no deployed schema: the import says so once.
      await expect(summary).toContainText("1 warning");
      await expect(page.getByTestId("import-warnings").locator("li").first()).toContainText("Acme.Region");
      const app = page.getByTestId("group-admin").locator("li.application", { hasText: "Acme.Big" });
      await expect(app.getByTestId("application-state")).toHaveText("Started");
      if (width === 1440) await page.screenshot({ path: "../docs/import-summary.png" });
      // Wait for the save to land (IndexedDB is written after the import), then reload.
      await expect.poll(() => page.evaluate(() => new Promise((done) => {
        const req = indexedDB.open("messagebox-lab");
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction("inputs").objectStore("inputs").count();
          get.onsuccess = () => { done(get.result); db.close(); };
        };
        req.onerror = () => done(-1);
      })), { timeout: 30_000 }).toBe(1);
      started = Date.now();
      await page.reload();
      await expect(page.getByTestId("clock")).toBeVisible({ timeout: 60_000 });
      console.log(`reload with the 20,000-port import replayed: ${Date.now() - started} ms`);
      await page.getByTestId("tab-subscriptions").click();
      await page.getByTestId("subscription-query").locator("select").first().selectOption("SRV-SEA");
      await page.getByTestId("subscription-search").fill("SP-19999");
      await expect(page.getByTestId("subscription-row").first()).toContainText("SP-19999");
      await expect(page.getByTestId("subscription-count")).toContainText(/of 20,?0\d\d subscriptions match|of 200\d\d subscriptions match/);
      expect(problems).toEqual([]);
    });
  });
}

test("a save left in local storage by an earlier version is moved to IndexedDB and restored", async ({ page, problems }) => {
  await page.goto("/");
  await page.evaluate((save) => localStorage.setItem("messagebox-lab/session", save), OLD_SAVE);
  await page.reload();
  await expect(page.getByTestId("clock")).toBeVisible();
  // The stop of VIP-Audit-SP was restored.
  await page.getByTestId("tab-subscriptions").click();
  await page.getByTestId("subscription-search").fill("VIP-Audit-SP");
  await expect(page.getByTestId("subscription-row").first()).toContainText("stopped");
  // The save now lives in IndexedDB, and local storage no longer holds it.
  expect(await page.evaluate(() => localStorage.getItem("messagebox-lab/session"))).toBeNull();
  await page.reload();
  await expect(page.getByTestId("clock")).toBeVisible();
  await page.getByTestId("tab-subscriptions").click();
  await page.getByTestId("subscription-search").fill("VIP-Audit-SP");
  await expect(page.getByTestId("subscription-row").first()).toContainText("stopped");
  expect(problems).toEqual([]);
});

test("a binding file above 64 MB is refused with the limit named, and nothing changes", async ({ page, problems }) => {
  await open(page);
  await seattlePanel(page);
  const apps = await page.getByTestId("applications").locator("li.application").count();
  // 65 MB of spaces after a root element: refused on its size, before it is read.
  const file = path.join(os.tmpdir(), "huge.xml");
  fs.writeFileSync(file, Buffer.alloc(65 * 1048576, 0x20));
  await page.getByTestId("import-bindings").setInputFiles(file);
  await expect(page.getByTestId("notice")).toContainText("huge.xml is 65.0 MB; files up to 64 MB are read");
  await expect(page.getByTestId("applications").locator("li.application")).toHaveCount(apps);
  expect(problems).toEqual([]);
});
