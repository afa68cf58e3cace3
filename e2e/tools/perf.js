// Scripted browser measurements of the release build (issue 6's performance section):
//   node e2e/tools/perf.js URL
// 1. time to first render of the default scenario (navigation start to the MessageBox drawn), median of 5;
// 2. animation frame intervals with 500 tokens in flight, tokens drawn one by one and grouped;
// 3. the .wasm's size in dist/ (the release build, or what `trunk serve` built), raw, gzip -9 and brotli 11.
// Numbers, not assertions: the README reports them (a shared 2-core machine is too noisy to gate on).
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const url = process.argv[2];
if (!url) {
  console.error("usage: node e2e/tools/perf.js URL");
  process.exit(2);
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function firstRender(browser) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    await page.waitForSelector("[data-testid=messagebox-SRV-SEA]");
    times.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  return times;
}

async function frames(browser, aggregate) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(url);
  await page.waitForSelector("[data-testid=clock]");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("[data-testid=clock]");
  const box = page.locator(".aggregate input");
  if ((await box.isChecked()) !== aggregate) await box.click();
  // The slowest speed keeps each token on its edge for about 7 s.
  await page.getByTestId("speed").fill("-3");
  await page.getByTestId("tab-compose").click();
  await page.getByTestId("compose-burst").fill("500");
  await page.getByTestId("btn-submit").click();
  // Measure once all 500 orders are on the canvas, one by one or in counters.
  await page.waitForFunction(() => {
    const tokens = document.querySelectorAll("[data-testid=message-token]").length;
    const counted = [...document.querySelectorAll("[data-testid=token-counter]")]
      .reduce((n, c) => n + Number(c.textContent.replace("×", "")), 0);
    return tokens + counted >= 500;
  });
  const result = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const intervals = [];
        const tokens = [];
        let last = performance.now();
        const end = last + 3000;
        function tick(t) {
          intervals.push(t - last);
          last = t;
          tokens.push(document.querySelectorAll("[data-testid=message-token]").length);
          if (t < end) requestAnimationFrame(tick);
          else resolve({ intervals, tokens });
        }
        requestAnimationFrame(tick);
      })
  );
  const inFlight = await page.evaluate(() => {
    const counters = [...document.querySelectorAll("[data-testid=token-counter]")];
    return counters.reduce((n, c) => n + Number(c.textContent.replace("×", "")), 0);
  });
  await page.close();
  return { ...result, counted: inFlight };
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const render = await firstRender(browser);
  console.log(`first render (navigation start to MessageBox drawn): median ${percentile(render, 50).toFixed(0)} ms, max ${Math.max(...render).toFixed(0)} ms over ${render.length} loads`);
  for (const aggregate of [false, true]) {
    const r = await frames(browser, aggregate);
    const drawn = Math.max(...r.tokens);
    console.log(
      `500 tokens in flight, ${aggregate ? "busy edges grouped into counters" : "every token drawn"}: ` +
        `${r.intervals.length} frames in 3 s, frame interval p50 ${percentile(r.intervals, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(r.intervals, 95).toFixed(1)} ms, max ${Math.max(...r.intervals).toFixed(1)} ms; ` +
        `${drawn} token elements drawn${aggregate ? `, ${r.counted} messages counted in counters` : ""}`
    );
  }
  await browser.close();
  const dist = path.join(__dirname, "..", "..", "dist");
  const wasm = fs.readdirSync(dist).find((f) => f.endsWith(".wasm"));
  const bytes = fs.readFileSync(path.join(dist, wasm));
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${wasm}: ${(bytes.length / 1024).toFixed(0)} KB raw, ${(gzip / 1024).toFixed(0)} KB gzip -9, ${(brotli / 1024).toFixed(0)} KB brotli 11`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
