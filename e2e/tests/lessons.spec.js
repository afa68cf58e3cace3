// Every lesson completed through the UI as a learner would (issue 7), plus a goal that must not be
// marked done when the learner does something else, deep links and saved progress.
const { test, expect } = require("./fixtures");
const { node, submitOrder } = require("./helpers");
const path = require("path");
const os = require("os");

const goal = (page) => page.getByTestId("lesson-goal");

async function openLesson(page, id) {
  await page.goto(`/#/lesson/${id}`);
  await expect(page.getByTestId("lesson-panel")).toBeVisible();
  await expect(goal(page)).toHaveAttribute("data-done", "false");
}

/** Plays (fast) until the lesson pauses the run at the step's goal. */
async function playToGoal(page) {
  await page.getByTestId("speed").fill("6");
  if (await page.getByTestId("btn-play").isVisible()) await page.getByTestId("btn-play").click();
  await expect(goal(page)).toHaveAttribute("data-done", "true", { timeout: 30_000 });
}

async function next(page) {
  await expect(goal(page)).toHaveAttribute("data-done", "true");
  await page.getByTestId("btn-next-step").click();
  await expect(goal(page)).toHaveAttribute("data-done", "false");
}

async function finish(page, id) {
  await expect(page.getByTestId("lesson-summary")).toBeVisible();
  await expect(page.getByTestId(`lesson-link-${id}`).first()).toContainText("✓");
}

async function groupPanel(page, group) {
  await page.locator(`[data-testid="group-${group}"] .region-title`).click();
  await expect(page.getByTestId("group-admin")).toContainText(`Group ${group}`);
}

async function administer(page, key, action) {
  await node(page, key).click();
  await page.getByTestId(`btn-${action}`).click();
}

function app(page, name) {
  return page.getByTestId("group-admin").locator("li.application", { hasText: name });
}

test("lesson 1: the MessageBox", async ({ page, problems }) => {
  await openLesson(page, "the-messagebox");
  await submitOrder(page, { customer: "1" });
  await next(page);
  for (let i = 0; i < 10 && (await goal(page).getAttribute("data-done")) !== "true"; i++) {
    await page.getByTestId("btn-step").click();
  }
  await next(page);
  await playToGoal(page);
  await finish(page, "the-messagebox");
  expect(problems).toEqual([]);
});

test("lesson 2: promoted versus written", async ({ page, problems }) => {
  await openLesson(page, "promoted-vs-written");
  await groupPanel(page, "SRV-SEA");
  await page.getByTestId("create-port-name").fill("Written-SP");
  // Send-port syntax, as the narration gives it: Property | Operator | Value | Group by, unquoted.
  await page.getByTestId("create-port-filter").fill("BTS.ReceiveLocationName | == | Order-RP-TestRL | And");
  await page.getByTestId("create-port-address").fill("WrittenQ");
  await page.getByTestId("btn-create-port").click();
  await next(page);
  await submitOrder(page, { customer: "1" });
  await playToGoal(page);
  await next(page);
  await node(page, "SRV-SEA|sp|Written-SP").click();
  // The row editor, as the narration says: Property and Value (unquoted).
  await page.getByLabel("Row 1 property").fill("BTS.ReceivePortName");
  await page.getByLabel("Row 1 value").fill("Order-RP");
  await page.getByTestId("btn-apply-filter").click();
  await submitOrder(page, { customer: "2" });
  await playToGoal(page);
  await finish(page, "promoted-vs-written");
  expect(problems).toEqual([]);
});

test("lesson 3: marking", async ({ page, problems }) => {
  await openLesson(page, "marking");
  await submitOrder(page, { customer: "900", order: "7", code: "ND" });
  await playToGoal(page);
  await next(page);
  await playToGoal(page);
  await next(page);
  await submitOrder(page, { customer: "1" });
  await playToGoal(page);
  await finish(page, "marking");
  expect(problems).toEqual([]);
});

test("a goal is not marked done when the learner does something else", async ({ page, problems }) => {
  await openLesson(page, "marking");
  // The step asks for a VIP order; a cable order runs to its end without completing it.
  await submitOrder(page, { customer: "1" });
  await page.getByTestId("speed").fill("6");
  await page.getByTestId("btn-play").click();
  await expect(page.getByTestId("btn-play")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("event-log")).toContainText("OrderManager activated");
  await expect(goal(page)).toHaveAttribute("data-done", "false");
  await expect(page.getByTestId("btn-next-step")).toBeDisabled();
  expect(problems).toEqual([]);
});

test("lesson 4: filters", async ({ page, problems }) => {
  await openLesson(page, "filters");
  await node(page, "SRV-SEA|orch|VipOrderManager").click();
  await page.getByTestId("filter-text").fill(
    '(SV.Status == "ACCEPTED" && SV.OrderMgrType == "VIPORDER") || (SV.Status == "ACCEPTED" && SV.OrderMgrType == "CABLEORDER")'
  );
  await expect(page.getByTestId("filter-row")).toHaveCount(4);
  await page.getByTestId("btn-apply-filter").click();
  await next(page);
  await submitOrder(page, { customer: "1" });
  await playToGoal(page);
  await next(page);
  await node(page, "SRV-SEA|orch|VipOrderManager").click();
  await page.getByTestId("filter-text").fill(
    '(SV.Status == "ACCEPTED" && SV.OrderMgrType == "VIPORDER") || (SV.Status == "ACCEPTED" && SV.OrderMgrType == "CABLEORDER" && SV.CustID == "2")'
  );
  await expect(page.getByTestId("filter-row")).toHaveCount(5);
  await page.getByTestId("btn-apply-filter").click();
  await submitOrder(page, { customer: "5" });
  await playToGoal(page);
  await finish(page, "filters");
  expect(problems).toEqual([]);
});

test("lesson 5: several copies", async ({ page, problems }) => {
  await openLesson(page, "copies");
  await submitOrder(page, { customer: "900", order: "7", code: "ND" });
  await playToGoal(page);
  await next(page);
  await administer(page, "SRV-SEA|sp|VIP-Audit-SP", "stop");
  await submitOrder(page, { customer: "901", order: "8", code: "ND" });
  await playToGoal(page);
  await next(page);
  await administer(page, "SRV-SEA|sp|VIP-Audit-SP", "start");
  await playToGoal(page);
  await finish(page, "copies");
  expect(problems).toEqual([]);
});

test("lesson 6: routing failures and the Group Hub", async ({ page, problems }) => {
  await openLesson(page, "routing-failures");
  await administer(page, "SRV-DUB|orch|OrderManager", "unenlist");
  await next(page);
  await submitOrder(page, { customer: "1" });
  await playToGoal(page);
  await next(page);
  await administer(page, "SRV-DUB|orch|OrderManager", "start");
  await page.getByTestId("tab-group-hub").click();
  await page.getByTestId("group-hub").locator("select").selectOption("SRV-DUB");
  await page.getByTestId("btn-resume-message").first().click();
  await playToGoal(page);
  await finish(page, "routing-failures");
  expect(problems).toEqual([]);
});

test("lesson 7: stopped versus unenlisted", async ({ page, problems }) => {
  await openLesson(page, "stopped-vs-unenlisted");
  await administer(page, "SRV-SEA|orch|OrderManager", "stop");
  await next(page);
  await submitOrder(page, { customer: "1" });
  await playToGoal(page);
  await next(page);
  await administer(page, "SRV-SEA|orch|OrderManager", "start");
  await playToGoal(page);
  await next(page);
  // Let the order finish: an orchestration with running instances cannot be unenlisted. The step
  // counts the running instances and pauses when none is left.
  await expect(page.getByTestId("lesson-watch")).toContainText("still running");
  await playToGoal(page);
  await expect(page.getByTestId("lesson-watch")).toHaveCount(0);
  await next(page);
  await administer(page, "SRV-SEA|orch|OrderManager", "unenlist");
  await submitOrder(page, { customer: "2" });
  await playToGoal(page);
  await finish(page, "stopped-vs-unenlisted");
  expect(problems).toEqual([]);
});

test("lesson 8: moving the OrderManager to another group", async ({ page, problems }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await openLesson(page, "moving-the-manager");
  const dir = os.tmpdir();
  for (const name of ["BTSScn.BPM.MessagingApp", "BTSScn.BPM.CableOrderApp"]) {
    await groupPanel(page, "SRV-SEA");
    const download = page.waitForEvent("download");
    await app(page, name).getByRole("button", { name: "Export" }).click();
    const file = path.join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    await groupPanel(page, "SRV-DUB");
    await page.getByTestId("import-package").setInputFiles(file);
    await next(page);
  }
  await groupPanel(page, "SRV-SEA");
  await app(page, "BTSScn.BPM.CableOrderApp").getByRole("button", { name: "Full stop" }).click();
  await page.getByTestId("confirm-admin-yes").click();
  await app(page, "BTSScn.BPM.CableOrderApp").getByRole("button", { name: "Remove" }).click();
  // Remove asks first.
  await page.getByTestId("confirm-admin-yes").click();
  await next(page);
  await groupPanel(page, "SRV-DUB");
  await app(page, "BTSScn.BPM.MessagingApp").getByRole("button", { name: "Start" }).click();
  await app(page, "BTSScn.BPM.CableOrderApp").getByRole("button", { name: "Start" }).click();
  await page.getByTestId("btn-create-bridge").click();
  await next(page);
  await page.screenshot({ path: path.join(__dirname, "..", "..", "docs", "lesson-8.png") });
  await submitOrder(page, { customer: "1" });
  await playToGoal(page);
  await finish(page, "moving-the-manager");
  expect(problems).toEqual([]);
});

test("lesson 9: when the bridge breaks", async ({ page, problems }) => {
  await openLesson(page, "bridge-breaks");
  await groupPanel(page, "SRV-SEA");
  await page.getByTestId("btn-link").click();
  await submitOrder(page, { customer: "1" });
  await playToGoal(page);
  await next(page);
  await playToGoal(page);
  await next(page);
  await groupPanel(page, "SRV-SEA");
  await page.getByTestId("btn-link").click();
  await page.getByTestId("tab-group-hub").click();
  await page.getByTestId("group-hub").locator("select").selectOption("SRV-SEA");
  await page.getByTestId("suspended-instance").first().getByRole("button", { name: "Resume" }).click();
  await playToGoal(page);
  await next(page);
  await node(page, "SRV-DUB|loc|DUB-FromSEA-CableOrder-RL").click();
  await page.getByRole("button", { name: "Use PassThru" }).click();
  await submitOrder(page, { customer: "2" });
  await playToGoal(page);
  await finish(page, "bridge-breaks");
  expect(problems).toEqual([]);
});

test("lesson 10: updates, duplicates and convoys", async ({ page, problems }) => {
  await openLesson(page, "convoys");
  await submitOrder(page, { customer: "3", order: "1", seq: "1", code: "NS" });
  await playToGoal(page);
  await next(page);
  await submitOrder(page, { customer: "3", order: "1", seq: "2", code: "ND" });
  await playToGoal(page);
  await next(page);
  await submitOrder(page, { customer: "3", order: "1", seq: "2", code: "ND" });
  await playToGoal(page);
  await finish(page, "convoys");
  expect(problems).toEqual([]);
});

test("progress and the lesson in progress survive a reload; show me does a step", async ({ page, problems }) => {
  await openLesson(page, "the-messagebox");
  await page.getByTestId("btn-show-me").click();
  await next(page);
  await page.getByTestId("btn-show-me").click();
  await expect(goal(page)).toHaveAttribute("data-done", "true", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("lesson-step")).toHaveText("Step 2 of 3");
  await expect(goal(page)).toHaveAttribute("data-done", "true");
  await next(page);
  await page.getByTestId("btn-show-me").click();
  await finish(page, "the-messagebox");
  await page.reload();
  await page.getByTestId("btn-leave-tutorial").click();
  await page.getByTestId("btn-tutorial").click();
  await expect(page.getByTestId("lesson-link-the-messagebox")).toContainText("✓");
  expect(problems).toEqual([]);
});
