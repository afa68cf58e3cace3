// A page fixture that records every console error, uncaught exception and off-origin request, so each
// test can assert the app ran cleanly and loaded nothing from outside.
//
// The event log is a drawer, closed on a first visit so the canvas has the height. Most suites read the
// log, so their pages start with it open, as a learner who opened it once finds it (the app keeps the
// panels' state in local storage); a suite about the first visit sets `logOpen: false`.
const base = require("@playwright/test");

exports.test = base.test.extend({
  logOpen: [true, { option: true }],
  page: async ({ page, logOpen }, use) => {
    if (logOpen) {
      await page.addInitScript(() => {
        const key = "messagebox-lab-panels";
        if (!localStorage.getItem(key)) localStorage.setItem(key, JSON.stringify({ log_open: true }));
      });
    }
    await use(page);
  },
  problems: async ({ page, baseURL }, use) => {
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("request", (req) => {
      if (!req.url().startsWith(baseURL)) problems.push(`off-origin request: ${req.url()}`);
    });
    await use(problems);
  },
});
exports.expect = base.expect;
