// A page fixture that records every console error, uncaught exception and off-origin request, so each
// test can assert the app ran cleanly and loaded nothing from outside.
const base = require("@playwright/test");

exports.test = base.test.extend({
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
