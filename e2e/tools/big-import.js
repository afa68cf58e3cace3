// Scripted browser measurements of binding files near the 64 MB limit, on the release build:
//   node e2e/tools/big-import.js URL
// Two generated files of about 60 MB each, imported into Seattle through the group panel's file input:
// - "fat": 16,000 send ports, each with a 3.5 KB TransportTypeData blob (the console writes adapter
//   settings there, so real big files are big this way);
// - "thin": 160,000 send ports with only an address and a filter (the worst case for the engine).
// For each: milliseconds from choosing the file to the import summary, the renderer's resident memory
// after it, and whether the run is back after a reload (it replays the import from IndexedDB).
// Numbers, not assertions: the README reports them.
const { chromium } = require("playwright-core");
const { execSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const url = process.argv[2];
if (!url) {
  console.error("usage: node e2e/tools/big-import.js URL");
  process.exit(2);
}

const rendererMB = () => {
  const out = execSync("ps -eo rss,args").toString().split("\n");
  const rss = out.filter((l) => l.includes("--type=renderer")).map((l) => parseInt(l.trim(), 10) / 1024);
  return Math.round(Math.max(0, ...rss));
};

function bindingFile(ports, fat) {
  const parts = ['<?xml version="1.0" encoding="utf-8"?><BindingInfo><SendPortCollection>'];
  for (let i = 0; i < ports; i++) {
    let data = "";
    if (fat) {
      const settings = [];
      for (let k = 0; k < 30; k++) settings.push(`&lt;Setting${k} vt="8"&gt;value-${i}-${k}-${"x".repeat(60)}&lt;/Setting${k}&gt;`);
      data = `<TransportTypeData>&lt;CustomProps&gt;${settings.join("")}&lt;/CustomProps&gt;</TransportTypeData>`;
    }
    parts.push(`<SendPort Name="SP-${i}" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>C:\\out\\${i}</Address><TransportType Name="FILE" />${data}</PrimaryTransport><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-${i % 500}" /&gt;&lt;Statement Property="Acme.Region" Operator="0" Value="EU" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>`);
  }
  parts.push("</SendPortCollection></BindingInfo>");
  return Buffer.from(parts.join(""));
}

async function measure(browser, name, ports, fat) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const crashed = new Promise((resolve) => page.on("crash", () => resolve("crashed")));
  await page.goto(url);
  await page.waitForSelector("[data-testid=clock]");
  await page.locator('[data-testid="group-SRV-SEA"] .region-title').focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("tab-inspector").click();
  const file = bindingFile(ports, fat);
  const mb = (file.length / 1048576).toFixed(1);
  // Playwright takes a buffer of at most 50 MB: larger files go by path.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "big-import-"));
  const filePath = path.join(dir, "Acme.Big.xml");
  fs.writeFileSync(filePath, file);
  const started = Date.now();
  await page.getByTestId("import-bindings").setInputFiles(filePath);
  const outcome = await Promise.race([
    page.getByTestId("import-summary").waitFor({ timeout: 600_000 }).then(() => "summary"),
    page.locator(".notice.error, [role=alert]").first().waitFor({ timeout: 600_000 }).then(() => "error"),
    crashed,
  ]);
  const took = Date.now() - started;
  fs.rmSync(dir, { recursive: true, force: true });
  if (outcome !== "summary") {
    const text = outcome === "error" ? await page.locator(".notice.error, [role=alert]").first().innerText() : "";
    console.log(`${name}: ${mb} MB, ${ports} ports: ${outcome} after ${took} ms ${text}`);
    await context.close();
    return;
  }
  const summary = (await page.getByTestId("import-summary").innerText()).split("\n")[0];
  const memory = rendererMB();
  // The save lands in IndexedDB after the import; wait for its record, then reload.
  const savedBy = Date.now();
  await page.waitForFunction(() => new Promise((done) => {
    const req = indexedDB.open("messagebox-lab");
    req.onsuccess = () => {
      const get = req.result.transaction("inputs").objectStore("inputs").count();
      get.onsuccess = () => { done(get.result === 1); req.result.close(); };
    };
    req.onerror = () => done(false);
  }), null, { timeout: 600_000, polling: 500 });
  const saved = Date.now() - savedBy;
  const reloaded = Date.now();
  await page.reload();
  await page.waitForSelector("[data-testid=clock]", { timeout: 600_000 });
  await page.getByTestId("tab-subscriptions").click();
  await page.getByTestId("subscription-query").locator("select").first().selectOption("SRV-SEA");
  await page.getByTestId("subscription-search").fill(`SP-${ports - 1}`);
  await page.getByTestId("subscription-row").first().waitFor({ timeout: 600_000 });
  const back = Date.now() - reloaded;
  console.log(`${name}: ${mb} MB, ${ports} ports: summary in ${took} ms (${summary}); renderer ${memory} MB; saved ${saved} ms later; reload to SP-${ports - 1} in the query ${back} ms, renderer ${rendererMB()} MB`);
  await context.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  await measure(browser, "fat", 16_000, true);
  await measure(browser, "thin", 160_000, false);
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
