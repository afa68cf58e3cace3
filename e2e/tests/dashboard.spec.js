// The load dashboard (issue 12, part 3) as a user reaches it: submit a burst of orders, run to the end,
// open the Dashboard tab. Every chart is there with a table behind it, and its totals agree with the
// Group Hub.
const { test, expect } = require("./fixtures");
const { open, runToEnd, submitOrder } = require("./helpers");

const CHARTS = ["published", "delivered", "queue", "failures", "retries", "latency", "wan"];

test("after a burst of orders the dashboard charts every counter and agrees with the Group Hub", async ({ page, problems }) => {
  await open(page);
  await expect(page.getByTestId("tab-dashboard")).toBeVisible();
  // Four distinct orders, then a burst of copies of one more.
  for (const customer of ["71", "72", "73", "74"]) await submitOrder(page, { customer, order: `9${customer}` });
  await submitOrder(page, { customer: "75", order: "975" });
  await page.getByTestId("compose-burst").fill("6");
  await page.getByTestId("btn-submit").click();
  await runToEnd(page);

  await page.getByTestId("tab-dashboard").click();
  const dash = page.getByTestId("dashboard");
  await expect(dash).toBeVisible();
  for (const id of CHARTS) await expect(dash.getByTestId(`chart-${id}`)).toBeVisible();

  // Each drawn chart is focusable and says what it shows.
  const plot = dash.getByTestId("chart-published").locator("svg");
  await plot.focus();
  await expect(plot).toBeFocused();
  await expect(plot).toHaveAttribute("aria-label", /Documents published per second in SRV-SEA: peak \d+/);

  // The numbers behind a chart, for keyboard and screen-reader users.
  await dash.getByTestId("chart-published-data").locator("summary").click();
  const rows = dash.getByTestId("chart-published-data").locator("tbody tr");
  // The table is drawn after the toggle event, a task after the click: wait for it.
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  // The table's per-interval counts add up to the total shown.
  const counts = await rows.locator("td:nth-child(2)").allInnerTexts();
  const published = Number(await dash.getByTestId("dash-total-published").innerText());
  expect(counts.reduce((a, b) => a + Number(b), 0)).toBe(published);
  expect(published).toBeGreaterThan(10);
  await dash.getByTestId("chart-delivered-data").locator("summary").click();
  await expect.poll(() => dash.getByTestId("chart-delivered-data").locator("tbody tr").count()).toBeGreaterThan(3);

  // Every distinct order (and the script's sample orders) completed in an order manager.
  expect(Number(await dash.getByTestId("dash-orders-completed").innerText())).toBeGreaterThanOrEqual(5);
  const failures = Number(await dash.getByTestId("dash-total-routing-failures").innerText());
  const suspended = Number(await dash.getByTestId("dash-now-suspended").innerText());

  // The Group Hub counts the same: routing failure reports, and suspended messages and instances.
  await page.getByTestId("tab-group-hub").click();
  const hub = page.getByTestId("group-hub");
  await expect(hub.getByRole("heading", { name: `Routing failures (${failures})` })).toBeVisible();
  const hubSuspended =
    (await hub.getByTestId("suspended-message").count()) + (await hub.getByTestId("suspended-instance").count());
  expect(hubSuspended).toBe(suspended);

  // Full width, and back with Escape.
  await page.getByTestId("tab-dashboard").click();
  await page.getByTestId("btn-dashboard-full").click();
  await expect(dash).toHaveClass(/full/);
  await page.keyboard.press("Escape");
  await expect(dash).not.toHaveClass(/full/);
  expect(problems).toEqual([]);
});

test("in the split scenario the dashboard counts the orders on the WAN link", async ({ page, problems }) => {
  await open(page);
  await page.getByTestId("scenario-picker").selectOption("1");
  await runToEnd(page);
  await page.getByTestId("tab-dashboard").click();
  const dash = page.getByTestId("dashboard");
  await dash.locator("select").selectOption("SRV-SEA");
  const wan = dash.getByTestId("chart-wan");
  await expect(wan.locator("svg")).toHaveAttribute("aria-label", /\d+ to SRV-DUB/);
  await wan.getByTestId("chart-wan-data").locator("summary").click();
  const cells = await wan.locator("tbody td").allInnerTexts();
  expect(cells.reduce((a, b) => a + Number(b), 0)).toBeGreaterThan(0);
  // The managers run in Dublin: that is where the orders' latency shows.
  await dash.locator("select").selectOption("SRV-DUB");
  expect(Number(await dash.getByTestId("dash-orders-completed").innerText())).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});
