// The screen is written for people, at 1280x720: no debug formatting anywhere a learner looks, Remove and
// a re-import ask first (Cancel changes nothing, the yes does it), the focus after Remove goes to the
// group's heading, the two group panels say which group they are, and the filter editor's columns and
// the MessageBox's subscription lines have room.
const { test, expect } = require("./fixtures");
const { open, node, runToEnd, stepUntil, submitOrder } = require("./helpers");
const os = require("os");
const path = require("path");

test.use({ viewport: { width: 1280, height: 720 } });

/** Rust debug formatting: `Name { field`, `Name("…")`, id types, options, enum variant names. */
const DEBUG = [
  /\w+ \{/,
  /\{ ?\w+:/,
  /\w+\("/,
  /\b(RefId|MessageId|InstanceId|SubId|ReportId)\b/,
  /\bSome\(|\bNone\b/,
  /\b(SendPort|SendPortGroup|Orchestration)\(/,
  /\b(SuspendedResumable|SuspendedNotResumable|SubscriberStopped|RoutingFailure|ActivationLoop)\b/,
];

/** Fails with the offending line when `text` (what `where` shows) has debug formatting. */
function expectReadable(text, where) {
  const found = text
    .split("\n")
    .flatMap((line) => DEBUG.filter((p) => p.test(line)).map((p) => `${where}: ${p} in "${line}"`));
  expect(found).toEqual([]);
}

/** What a learner reads: the side panel, the event log, the notice and confirmation bars. */
async function expectScreenReadable(page, where) {
  // The wide views (debugger, subscription query) hide the event log.
  for (const id of ["side-panel", "event-log"]) {
    const part = page.getByTestId(id);
    if (await part.count()) expectReadable(await part.innerText(), `${where} / ${id}`);
  }
  for (const id of ["notice", "confirm"]) {
    const bar = page.getByTestId(id);
    if (await bar.count()) expectReadable(await bar.innerText(), `${where} / ${id}`);
  }
}

/** Opens something on the canvas by keyboard, as the canvas offers it (it may sit behind the panel). */
async function openNode(page, key) {
  await node(page, key).focus();
  await page.keyboard.press("Enter");
}

async function groupPanel(page, group) {
  await page.locator(`[data-testid="group-${group}"] .region-title`).focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("tab-inspector").click();
  await expect(page.getByTestId("group-admin")).toHaveAttribute("data-group", group);
}

function app(page, name) {
  return page.getByTestId("group-admin").locator("li.application", { hasText: name });
}

async function exportPackage(page, name) {
  const download = page.waitForEvent("download");
  await app(page, name).getByRole("button", { name: "Export" }).click();
  const file = path.join(os.tmpdir(), `screen-text-${(await download).suggestedFilename()}`);
  await (await download).saveAs(file);
  return file;
}

test("no debug text on any screen: every tab, each kind of inspected item, the log after a resume and a remove", async ({ page, problems }) => {
  await open(page);
  await runToEnd(page);
  const tabs = ["inspector", "compose", "group-hub", "subscriptions", "debugger", "dashboard"];
  for (const tab of tabs) {
    await page.getByTestId(`tab-${tab}`).click();
    await expectScreenReadable(page, `tab ${tab}`);
  }
  // A subscription, from the viewer.
  await page.getByTestId("tab-subscriptions").click();
  await page.getByTestId("subscription-query").locator("select").first().selectOption("SRV-SEA");
  await page.getByTestId("subscription-row").first().getByRole("button").click();
  await expect(page.getByTestId("inspector")).toContainText("Subscription");
  await expectScreenReadable(page, "a subscription");
  // An instance subscription says which instance it feeds, in words.
  await page.getByTestId("tab-subscriptions").click();
  const instanceRow = page.getByTestId("subscription-row").filter({ hasText: /Instance \d+/ }).first();
  if (await instanceRow.count()) {
    await instanceRow.getByRole("button").click();
    await expect(page.getByTestId("inspector")).toContainText("Kind: instance");
    await expectScreenReadable(page, "an instance subscription");
  }
  // A message and an instance, from the log (back with the canvas).
  await page.getByTestId("tab-inspector").click();
  await page.getByTestId("log-kind").selectOption("publish");
  await page.getByTestId("event-log").getByRole("button").first().click();
  await expect(page.getByTestId("inspector")).toContainText("Message #");
  await expectScreenReadable(page, "a message");
  await page.getByTestId("log-kind").selectOption("instance");
  await page.getByTestId("event-log").getByRole("button", { name: /activated as instance/ }).first().click();
  await expect(page.getByTestId("instance-state")).toContainText("State: ");
  await expectScreenReadable(page, "an instance");
  await page.getByTestId("log-kind").selectOption("");
  // A send port (with its filter editor), a receive location, an orchestration, a group.
  for (const key of ["SRV-SEA|sp|VIP-Audit-SP", "SRV-SEA|loc|Order-RP-TestRL", "SRV-SEA|orch|OrderManager"]) {
    await openNode(page, key);
    await expectScreenReadable(page, key);
  }
  for (const group of ["SRV-SEA", "SRV-DUB"]) {
    await groupPanel(page, group);
    await expectScreenReadable(page, `group ${group}`);
  }

  // The split run: a routing failure in Dublin, fixed, one order resumed and one terminated; then an
  // application removed.
  await page.getByTestId("scenario-picker").selectOption("1");
  await stepUntil(page, "bridge created");
  await openNode(page, "SRV-DUB|orch|OrderManager");
  await page.getByTestId("btn-unenlist").click();
  await submitOrder(page, { customer: "61" });
  await submitOrder(page, { customer: "62", order: "2" });
  await runToEnd(page);
  await openNode(page, "SRV-DUB|orch|OrderManager");
  await page.getByTestId("btn-start").click();
  await page.getByTestId("tab-group-hub").click();
  const hub = page.getByTestId("group-hub");
  await hub.locator("select").selectOption("SRV-DUB");
  await expectScreenReadable(page, "Group Hub with suspended messages");
  const failures = hub.getByTestId("suspended-message").filter({ hasText: "no subscriber" });
  expect(await failures.count()).toBeGreaterThanOrEqual(2);
  await failures.first().getByTestId("btn-resume-message").click();
  await failures.first().getByRole("button", { name: "Terminate" }).click();
  await runToEnd(page);
  const log = page.getByTestId("event-log");
  await expect(log.getByText(/message #\d+ resumed \(copy \d+\)/).first()).toBeVisible();
  await expect(log.getByText(/message #\d+ terminated \(copy \d+\)/).first()).toBeVisible();
  // The resumed message says which message it resumed, and the new one where it came from.
  await log.getByText(/message #\d+ resumed/).first().click();
  await expect(page.getByTestId("resumed-as")).toContainText("published again as message #");
  await page.getByTestId("resumed-as").getByRole("button").click();
  await expect(page.getByTestId("resumed-from")).toContainText("Resumed from message #");
  await expect(page.getByTestId("resumed-from")).toContainText("new number");
  await expectScreenReadable(page, "a resumed message");
  await groupPanel(page, "SRV-SEA");
  await app(page, "SRV.VipOrderApp").getByRole("button", { name: "Full stop" }).click();
  await page.getByTestId("confirm-admin-yes").click();
  await app(page, "SRV.VipOrderApp").getByRole("button", { name: "Remove" }).click();
  await page.getByTestId("confirm-admin-yes").click();
  await expect(log.getByText("send port VIP-Audit-SP removed").first()).toBeVisible();
  await expect(log.getByText("application SRV.VipOrderApp removed").first()).toBeVisible();
  await expectScreenReadable(page, "after a remove");
  // Dublin's bridge proposal, had it none, would show a filter: the shipped bridge names its ports.
  await groupPanel(page, "SRV-DUB");
  await expectScreenReadable(page, "Dublin with its bridge");
  expect(problems).toEqual([]);
});

test("Remove asks first: Cancel changes nothing, Remove it removes, and the focus goes to the group's heading", async ({ page, problems }) => {
  await open(page);
  await groupPanel(page, "SRV-SEA");
  const vip = app(page, "SRV.VipOrderApp");
  // Full stop terminates instances, so it asks first too: Cancel leaves the application as it was.
  await vip.getByRole("button", { name: "Full stop" }).click();
  const stop = page.getByTestId("fullstop-SRV.VipOrderApp");
  await expect(stop).toContainText("running instances are terminated");
  await expect(stop.getByTestId("confirm-admin-no")).toBeFocused();
  await stop.getByTestId("confirm-admin-no").click();
  await expect(stop).toHaveCount(0);
  await expect(vip.getByRole("button", { name: "Full stop" })).toBeFocused();
  await vip.getByRole("button", { name: "Full stop" }).click();
  await page.getByTestId("confirm-admin-yes").click();
  const events = await page.getByTestId("event-log").locator("h2").innerText();
  await vip.getByRole("button", { name: "Remove" }).click();
  const ask = page.getByTestId("remove-SRV.VipOrderApp");
  await expect(ask).toBeVisible();
  await expect(ask).toContainText("Remove SRV.VipOrderApp from SRV-SEA?");
  await expect(ask).toContainText("leave the group");
  // The question takes the focus, on its safe answer.
  await expect(ask.getByTestId("confirm-admin-no")).toBeFocused();
  await ask.getByTestId("confirm-admin-no").click();
  await expect(ask).toHaveCount(0);
  await expect(vip).toHaveCount(1);
  await expect(vip.getByRole("button", { name: "Remove" })).toBeFocused();
  await expect(page.getByTestId("event-log").locator("h2")).toHaveText(events);
  // Now yes.
  await vip.getByRole("button", { name: "Remove" }).click();
  await page.getByTestId("confirm-admin-yes").click();
  await expect(vip).toHaveCount(0);
  await expect(page.getByTestId("event-log").getByText("application SRV.VipOrderApp removed").first()).toBeVisible();
  await expect(page.getByTestId("group-admin-heading")).toBeFocused();
  await expect(page.getByTestId("group-admin-heading")).toHaveText("Group SRV-SEA");
  // An application still enlisted is not asked about: the engine refuses and says why.
  await app(page, "BTSScn.BPM.CableOrderApp").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("confirm-admin-yes")).toHaveCount(0);
  await expect(page.getByTestId("notice")).toContainText("still enlisted");
  await expect(app(page, "BTSScn.BPM.CableOrderApp")).toHaveCount(1);
  expect(problems).toEqual([]);
});

test("importing an application back into the group that has it asks first and says what it will do", async ({ page, problems }) => {
  await open(page);
  await groupPanel(page, "SRV-SEA");
  const file = await exportPackage(page, "BTSScn.BPM.CableOrderApp");
  const heading = page.getByTestId("event-log").locator("h2");
  const before = await heading.innerText();
  await page.getByTestId("import-package").setInputFiles(file);
  const ask = page.getByTestId("reimport");
  await expect(ask).toBeVisible();
  await expect(ask).toContainText("SRV-SEA already has BTSScn.BPM.CableOrderApp.");
  await expect(ask).toContainText("deleted and created again");
  await page.screenshot({ path: path.join(os.tmpdir(), "screen-text-reimport.png") });
  // Cancel: nothing happened.
  await ask.getByTestId("confirm-admin-no").click();
  await expect(ask).toHaveCount(0);
  await expect(heading).toHaveText(before);
  await expect(page.getByTestId("event-log").getByText("application BTSScn.BPM.CableOrderApp imported")).toHaveCount(0);
  // Again, and yes: the bindings are rebound and the send ports' subscriptions made again.
  await page.getByTestId("import-package").setInputFiles(file);
  await page.getByTestId("reimport").getByTestId("confirm-admin-yes").click();
  const log = page.getByTestId("event-log");
  await expect(log.getByText("application BTSScn.BPM.CableOrderApp imported").first()).toBeVisible();
  await expect(log.getByText(/subscription \d+ of send port \S+ removed/).first()).toBeVisible();
  await expect(page.getByTestId("group-admin-heading")).toBeFocused();
  // Into Dublin, which does not have it, the import needs no question (its MessagingApp first).
  const messaging = await exportPackage(page, "BTSScn.BPM.MessagingApp");
  await groupPanel(page, "SRV-DUB");
  await page.getByTestId("import-package").setInputFiles(messaging);
  await expect(app(page, "BTSScn.BPM.MessagingApp")).toHaveCount(1);
  await page.getByTestId("import-package").setInputFiles(file);
  await expect(app(page, "BTSScn.BPM.CableOrderApp")).toHaveCount(1);
  await expect(page.getByTestId("reimport")).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("the two group inspectors say which group they are and what each holds", async ({ page, problems }) => {
  await open(page);
  const panel = async (group) => {
    await groupPanel(page, group);
    return {
      heading: await page.getByTestId("group-admin-heading").innerText(),
      identity: await page.getByTestId("group-identity").innerText(),
      holds: await page.getByTestId("group-holds").innerText(),
    };
  };
  const sea = await panel("SRV-SEA");
  const dub = await panel("SRV-DUB");
  expect(sea.heading).toBe("Group SRV-SEA");
  expect(dub.heading).toBe("Group SRV-DUB");
  expect(sea.identity).toContain("Seattle");
  expect(dub.identity).toContain("Dublin");
  expect(sea.holds).toMatch(/^SRV-SEA holds \d+ applications/);
  expect(dub.holds).toMatch(/^SRV-DUB holds nothing yet/);
  // After the move both hold applications, and still read differently.
  await page.getByTestId("scenario-picker").selectOption("1");
  await stepUntil(page, "bridge created");
  const sea2 = await panel("SRV-SEA");
  const dub2 = await panel("SRV-DUB");
  expect(dub2.holds).toMatch(/^SRV-DUB holds \d+ application/);
  expect(sea2.holds).not.toBe(dub2.holds);
  expect(sea2.identity).not.toBe(dub2.identity);
  expect(problems).toEqual([]);
});

test("the filter editor's columns do not overlap and the value has room", async ({ page, problems }) => {
  await open(page);
  await openNode(page, "SRV-SEA|orch|VipOrderManager");
  const editor = page.getByTestId("filter-editor");
  await editor.scrollIntoViewIfNeeded();
  const rows = editor.getByTestId("filter-row");
  expect(await rows.count()).toBeGreaterThan(0);
  const panel = await page.getByTestId("side-panel").boundingBox();
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const box = async (name) => row.getByRole(name[0], { name: name[1] }).boundingBox();
    const n = i + 1;
    const property = await box(["combobox", `Row ${n} property`]);
    const cells = [
      await box(["combobox", `Row ${n} operator`]),
      await box(["textbox", `Row ${n} value`]),
      await box(["combobox", `Row ${n} group by`]),
      await box(["button", `Remove row ${n}`]),
    ];
    // Left to right without overlap, inside the panel, the value wide enough to read.
    for (let c = 1; c < cells.length; c++) {
      expect(cells[c].x, `row ${n} cell ${c} starts after cell ${c - 1} ends`).toBeGreaterThanOrEqual(cells[c - 1].x + cells[c - 1].width - 0.5);
    }
    for (const b of [property, ...cells]) {
      expect(b.x).toBeGreaterThanOrEqual(panel.x);
      expect(b.x + b.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
    }
    expect(cells[1].width).toBeGreaterThanOrEqual(100);
    expect(property.width).toBeGreaterThanOrEqual(200);
  }
  // The header's labels sit over their columns.
  const header = editor.locator("thead th");
  const value = await header.nth(2).boundingBox();
  const groupBy = await header.nth(3).boundingBox();
  expect(groupBy.x).toBeGreaterThanOrEqual(value.x + value.width - 0.5);
  expect(problems).toEqual([]);
});

test("the MessageBox's subscription lines stay inside their box while it evaluates a message", async ({ page, problems }) => {
  // Wide enough for the table's rows (smaller, the table is a count and the matches are on the nodes).
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page);
  await submitOrder(page, { customer: "77" });
  await page.getByTestId("speed").fill("-3");
  await page.getByTestId("btn-play").click();
  const title = page.locator('[data-testid="group-SRV-SEA"] .sub-title, .sub-table .sub-title').first();
  await expect(title).toHaveText(/Message #\d+: \d+ of \d+ matched/, { timeout: 30_000 });
  await page.getByTestId("btn-pause").click();
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll(".sub-table")].flatMap((g) => {
      const r = g.querySelector("rect").getBBox();
      return [...g.querySelectorAll("text")]
        .map((t) => ({ text: t.textContent, right: t.getBBox().x + t.getBBox().width, edge: r.x + r.width }))
        .filter((t) => t.right > t.edge);
    }),
  );
  expect(overflow).toEqual([]);
  expect(problems).toEqual([]);
});
