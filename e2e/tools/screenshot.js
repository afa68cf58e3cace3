// Takes a screenshot of a page in Debian's Chromium and prints any console error or page error, so a
// change to the UI can be looked at: `node e2e/tools/screenshot.js URL OUT.png [WIDTHxHEIGHT]`.
const { chromium } = require("playwright-core");

async function main() {
  const [url, out, size = "1280x800"] = process.argv.slice(2);
  if (!url || !out) {
    console.error("usage: node e2e/tools/screenshot.js URL OUT.png [WIDTHxHEIGHT]");
    process.exit(2);
  }
  const [width, height] = size.split("x").map(Number);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width, height } });
  let problems = 0;
  page.on("console", (m) => { if (m.type() === "error") { problems++; console.log(`console error: ${m.text()}`); } });
  page.on("pageerror", (e) => { problems++; console.log(`page error: ${e.message}`); });
  await page.goto(url);
  await page.waitForSelector("[data-testid=header]", { timeout: 15000 });
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
  console.log(`${out}: ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
