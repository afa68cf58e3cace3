// The app at the size users bring (issue 12): a burst of hundreds of orders computed to its end in
// seconds, every order's outcome in the Group Hub and the dashboard, Cancel, scrubbing, forking and a
// reload after a big run. Everything goes through the UI.
const { test, expect } = require("./fixtures");
const { open } = require("./helpers");

/** Computes the run to its end with the Run to end button and waits until it is done. */
const runToEndFast = async (page) => {
  await page.getByTestId("btn-run-to-end").click();
  await expect(page.getByTestId("run-progress")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId("notice")).toContainText("reached its end");
};

/** Submits a burst of `copies` orders from order id `order` on. */
const burst = async (page, { copies, order = "1000", kind = "distinct" }) => {
  await page.getByTestId("tab-compose").click();
  await page.getByTestId("compose-order").fill(order);
  await page.getByTestId("compose-burst").fill(String(copies));
  await page.getByTestId("compose-burst-kind").selectOption(kind);
  await page.getByTestId("btn-submit").click();
};

/** How many OrderManager instances the Group Hub counts as completed. */
const managersCompleted = async (page) => {
  await page.getByTestId("tab-group-hub").click();
  const row = page.getByTestId("ended-OrderManager");
  if ((await row.count()) === 0) return 0;
  return Number(await row.getByTestId("ended-completed").textContent());
};

test("a 500-order burst runs to its end in seconds and every order's outcome shows", async ({ page, problems }) => {
  await open(page);
  // The scenario's own sample orders first: the baseline the burst adds to.
  await runToEndFast(page);
  const base = await managersCompleted(page);
  await page.getByTestId("tab-dashboard").click();
  // The dashboard counts every order manager (the VIP and broadband ones too).
  const dashBase = Number(await page.getByTestId("dash-orders-completed").textContent());
  await burst(page, { copies: 500 });
  await runToEndFast(page);
  // domain.md 10: each distinct NEW order gets an OrderManager of its own, which completes.
  expect(await managersCompleted(page)).toBe(base + 500);
  await page.getByTestId("tab-dashboard").click();
  await expect(page.getByTestId("dashboard")).toBeVisible();
  await expect(page.getByTestId("dash-orders-completed")).toHaveText(String(dashBase + 500));
  for (const chart of ["published", "delivered", "queue", "latency"]) {
    await expect(page.getByTestId(`chart-${chart}`)).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test("identical copies make one manager and the rest are duplicates", async ({ page, problems }) => {
  await open(page);
  await runToEndFast(page);
  const base = await managersCompleted(page);
  await burst(page, { copies: 200, kind: "identical" });
  await runToEndFast(page);
  // domain.md 1.6: the copies share one convoy, so one more manager, not 200.
  expect(await managersCompleted(page)).toBe(base + 1);
  expect(problems).toEqual([]);
});

test("Cancel stops at a consistent step, and the run carries on from there", async ({ page, problems }) => {
  await open(page);
  await burst(page, { copies: 2000 });
  await page.getByTestId("btn-run-to-end").click();
  await expect(page.getByTestId("run-progress")).toBeVisible();
  const asked = Date.now();
  await page.getByTestId("btn-cancel-run").click();
  await expect(page.getByTestId("run-progress")).toHaveCount(0);
  expect(Date.now() - asked).toBeLessThan(2_000);
  await expect(page.getByTestId("notice")).toContainText("Cancelled at step");
  const clock = await page.getByTestId("clock").textContent();
  const [, step, horizon] = clock.match(/step (\d+) of (\d+)/);
  expect(step).toBe(horizon);
  await runToEndFast(page);
  expect(problems).toEqual([]);
});

test("after a big run: scrub back, fork, and reload find a consistent run", async ({ page, problems }) => {
  await open(page);
  await burst(page, { copies: 500 });
  await runToEndFast(page);
  const timeline = page.getByTestId("timeline");
  const end = Number(await timeline.getAttribute("max"));
  expect(end).toBeGreaterThan(10_000);
  const middle = Math.floor(end / 2);
  await timeline.fill(String(middle));
  await expect(page.getByTestId("run-progress")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("clock")).toContainText(`step ${middle} of ${end}`);
  await expect(page.getByTestId("clock")).toContainText("viewing the past");
  // A scrub is saved once the timeline pauses, or as the page goes: a reload right away keeps it.
  await page.reload();
  await expect(page.getByTestId("clock")).toContainText(`step ${middle} of ${end}`, { timeout: 30_000 });
  // Acting in the past forks the future after a warning.
  await page.getByTestId("tab-compose").click();
  await page.getByTestId("compose-burst").fill("1");
  await page.getByTestId("btn-submit").click();
  await page.getByTestId("confirm-yes").click();
  await expect(page.getByTestId("clock")).toContainText(`step ${middle} of ${middle}`);
  // A reload rebuilds the same point.
  const clock = await page.getByTestId("clock").textContent();
  await page.reload();
  await expect(page.getByTestId("clock")).toHaveText(clock, { timeout: 60_000 });
  await runToEndFast(page);
  expect(problems).toEqual([]);
});
