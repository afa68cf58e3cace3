// Scripted browser measurements of the app at scale (issue 12's targets), on the release build:
//   node e2e/tools/scale-perf.js URL [NATIVE_EVENTS_PER_S]
// 1. a burst of 500 and of 5,000 distinct orders, Submit then Run to end: seconds to the run's last
//    event, events per second in the page (and, given the native figure, the ratio);
// 2. frame intervals while Run to end computes (p50, p95, max), and how long Cancel takes to answer;
// 3. the renderer's resident memory at rest and after the 5,000-order run (Linux: read from ps).
// Numbers, not assertions: the README reports them (a shared 2-core machine is too noisy to gate on).
const { chromium } = require("playwright-core");
const { execSync } = require("child_process");

const url = process.argv[2];
const native = Number(process.argv[3] || 0);
if (!url) {
  console.error("usage: node e2e/tools/scale-perf.js URL [NATIVE_EVENTS_PER_S]");
  process.exit(2);
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** The largest renderer process's resident memory, in MB (one page is open at a time). */
const rendererMB = () => {
  const out = execSync("ps -eo rss,args").toString().split("\n");
  const rss = out.filter((l) => l.includes("--type=renderer")).map((l) => parseInt(l.trim(), 10) / 1024);
  return Math.max(0, ...rss);
};

async function freshPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  await page.waitForSelector("[data-testid=clock]");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("[data-testid=clock]");
  return page;
}

async function submitBurst(page, n) {
  await page.getByTestId("tab-compose").click();
  await page.getByTestId("compose-order").fill("1000");
  await page.getByTestId("compose-burst").fill(String(n));
  await page.getByTestId("btn-submit").click();
  // Inspector, so the side panel draws little while the run computes.
  await page.getByTestId("tab-inspector").click();
}

/** Records animation frame intervals in the page until `stop()` is called. */
const startFrames = (page) =>
  page.evaluate(() => {
    window.__intervals = [];
    let last = performance.now();
    const tick = (t) => {
      window.__intervals.push(t - last);
      last = t;
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  });
const stopFrames = (page) =>
  page.evaluate(() => {
    window.__stopFrames = true;
    return window.__intervals;
  });

const eventsOf = async (page) => {
  const text = await page.getByTestId("event-log").locator("h2").textContent();
  return Number(text.replace(/[^0-9]/g, ""));
};

async function runToEnd(browser, n) {
  const page = await freshPage(browser);
  const rest = rendererMB();
  await submitBurst(page, n);
  const before = await eventsOf(page);
  await startFrames(page);
  const started = Date.now();
  await page.getByTestId("btn-run-to-end").click();
  // The renderer's memory sampled while the run computes, until its progress bar goes.
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rendererMB())), 200);
  await page.getByTestId("run-progress").waitFor({ state: "detached", timeout: 600_000 });
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const intervals = await stopFrames(page);
  const events = (await eventsOf(page)) - before;
  // After the run's last redraw: the notice that says it ended.
  await page.getByTestId("notice").filter({ hasText: "reached its end" }).waitFor();
  const after = rendererMB();
  await page.close();
  return { n, seconds, events, rate: events / seconds, intervals, rest, peak, after };
}

async function cancelLatency(browser) {
  const page = await freshPage(browser);
  await submitBurst(page, 5000);
  await page.getByTestId("btn-run-to-end").click();
  // Well into the burst: the progress text counts more than 20,000 steps.
  await page.waitForFunction(() => {
    const text = document.querySelector("[data-testid=run-progress]")?.textContent || "";
    const steps = Number((text.match(/(\d+) steps/) || [])[1] || 0);
    return steps > 20_000;
  });
  // Measured in the page: from the click to the progress bar gone from the DOM.
  const ms = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const gone = new MutationObserver(() => {
          if (!document.querySelector("[data-testid=run-progress]")) {
            gone.disconnect();
            resolve(performance.now() - t0);
          }
        });
        gone.observe(document.body, { childList: true, subtree: true });
        document.querySelector("[data-testid=btn-cancel-run]").click();
      })
  );
  await page.close();
  return Math.round(ms);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  for (const n of [500, 5000]) {
    const r = await runToEnd(browser, n);
    const ratio = native ? `, ${((100 * r.rate) / native).toFixed(0)}% of native` : "";
    console.log(
      `Run to end, ${n} orders: ${r.seconds.toFixed(1)} s, ${r.events} events, ` +
        `${Math.round(r.rate)} events/s in the page${ratio}; frames while computing ` +
        `p50 ${percentile(r.intervals, 50).toFixed(1)} ms, p95 ${percentile(r.intervals, 95).toFixed(1)} ms, ` +
        `max ${Math.max(...r.intervals).toFixed(0)} ms; renderer ${r.rest.toFixed(0)} MB at rest, ` +
        `${r.peak.toFixed(0)} MB peak, ${r.after.toFixed(0)} MB after (+${(r.after - r.rest).toFixed(0)} MB)`
    );
  }
  const cancel = [];
  for (let i = 0; i < 3; i++) cancel.push(await cancelLatency(browser));
  console.log(`Cancel answered in ${cancel.join(", ")} ms (in the page, from the click to the progress bar gone)`);
  await browser.close();
})();
