// Steps a learner takes, shared by the simulator tests. Everything goes through the UI.
const { expect } = require("./fixtures");

/** The canvas node of a group's location, orchestration, send port or host. */
exports.node = (page, key) => page.locator(`[data-node="${key}"]`);

/** Opens the app and waits until it is running (the wasm has started and drawn the controls). */
exports.open = async (page) => {
  await page.goto("/");
  await expect(page.getByTestId("clock")).toBeVisible();
};

/** The fastest speed, so a run takes seconds. */
exports.fast = async (page) => {
  await page.getByTestId("speed").fill("6");
};

/** Plays until the run reaches its end (the Play button comes back). */
exports.runToEnd = async (page) => {
  await exports.fast(page);
  if (await page.getByTestId("btn-play").isVisible()) await page.getByTestId("btn-play").click();
  await expect(page.getByTestId("btn-play")).toBeVisible({ timeout: 60_000 });
};

/** Presses Step until the event log shows `text` (at most `max` steps). */
exports.stepUntil = async (page, text, max = 60) => {
  const log = page.getByTestId("event-log");
  for (let i = 0; i < max; i++) {
    if ((await log.getByText(text).count()) > 0) return;
    await page.getByTestId("btn-step").click();
  }
  await expect(log.getByText(text).first()).toBeVisible();
};

/** Submits a CSR order through the compose form. */
exports.submitOrder = async (page, { customer, order = "1", seq = "1", code = "NS" }) => {
  await page.getByTestId("tab-compose").click();
  await page.getByTestId("compose-customer").fill(customer);
  await page.getByTestId("compose-order").fill(order);
  await page.getByTestId("compose-seq").fill(seq);
  await page.getByTestId("compose-code").selectOption(code);
  await page.getByTestId("btn-submit").click();
};

/** Opens, from the event log, the instance of `orchestration` whose correlation shows `text`. */
exports.findInstance = async (page, orchestration, text) => {
  await page.getByTestId("log-kind").selectOption("instance");
  const lines = page
    .getByTestId("event-log")
    .getByRole("button", { name: new RegExp(`${orchestration} activated as instance`) });
  const count = await lines.count();
  for (let i = 0; i < count; i++) {
    await lines.nth(i).click();
    if ((await page.getByTestId("inspector").textContent()).includes(text)) return true;
  }
  return false;
};

/** Selects a subscriber on the canvas and presses one of its administration buttons. */
exports.administer = async (page, key, action) => {
  await exports.node(page, key).click();
  await page.getByTestId(`btn-${action}`).click();
};

/** Opens, from the event log, the first line matching `pattern` whose inspector shows `text`. */
exports.openLogLineWith = async (page, pattern, text) => {
  const lines = page.getByTestId("event-log").getByRole("button", { name: pattern });
  const count = await lines.count();
  for (let i = 0; i < count; i++) {
    await lines.nth(i).click();
    if ((await page.getByTestId("inspector").textContent()).includes(text)) return true;
  }
  return false;
};

/** Waits until the canvas's camera is fitted to the canvas's measured size (the first render fits a
 *  default size; the measured one follows a frame later). */
exports.canvasMeasured = async (page) => {
  const area = page.getByTestId("canvas-area");
  await expect.poll(async () => {
    const box = await area.boundingBox();
    const [w, h] = ((await area.getAttribute("data-area")) || "0x0").split("x").map(Number);
    return !!box && Math.abs(box.width - w) <= 1 && Math.abs(box.height - h) <= 1;
  }).toBe(true);
};
