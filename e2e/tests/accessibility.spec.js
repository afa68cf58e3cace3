// Accessibility (issue 22): axe-core finds no serious or critical violation on the start page, in a
// lesson and in each side-panel tab, with the rules that check that a control's accessible name contains
// its visible text (label-content-name-mismatch, experimental in axe, so enabled here) and that touch
// targets are at least 24 px (target-size, WCAG 2.2 AA).
const AxeBuilder = require("@axe-core/playwright").default;
const { test, expect } = require("./fixtures");
const { open } = require("./helpers");

const MUST_RUN = ["label-content-name-mismatch", "target-size"];

/** Scans the page; fails on serious or critical violations, and when a rule of MUST_RUN did not run. */
async function expectAccessible(page, where) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"])
    .options({ rules: { "label-content-name-mismatch": { enabled: true }, "target-size": { enabled: true } } })
    .analyze();
  const ran = [...results.passes, ...results.incomplete, ...results.violations].map((r) => r.id);
  for (const rule of MUST_RUN) expect(ran, `${where}: axe did not run ${rule}`).toContain(rule);
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`).join("\n")}`);
  expect(serious, `${where}:\n${serious.join("\n")}`).toEqual([]);
}

test("the start page", async ({ page, problems }) => {
  await open(page);
  await expectAccessible(page, "start page");
  expect(problems).toEqual([]);
});

test("a lesson", async ({ page, problems }) => {
  await page.goto("/#/lesson/the-messagebox");
  await expect(page.getByTestId("lesson-panel")).toBeVisible();
  await expectAccessible(page, "lesson the-messagebox");
  expect(problems).toEqual([]);
});

test("the help overlay and its glossary", async ({ page, problems }) => {
  await open(page);
  await page.getByTestId("btn-help").click();
  await expect(page.getByTestId("glossary")).toBeVisible();
  await expectAccessible(page, "help overlay");
  expect(problems).toEqual([]);
});

/** Each tab, with what fills it: a subscriber selected (its filter editor), a plan made. */
const fillTab = {
  "tab-inspector": async (page) => {
    await page.locator('[data-node="SRV-SEA|orch|VipOrderManager"]').click();
    await expect(page.getByTestId("filter-editor")).toBeVisible();
  },
  "tab-planner": async (page) => {
    await page.getByTestId("plan-application").selectOption("BTSScn.BPM.CableOrderApp");
    await page.getByTestId("plan-to").selectOption("SRV-DUB");
    await page.getByTestId("btn-plan").click();
    await expect(page.getByTestId("btn-plan-compare")).toBeVisible();
  },
};

for (const [tab, label] of [
  ["tab-inspector", "Inspector"],
  ["tab-compose", "Compose"],
  ["tab-group-hub", "Group Hub"],
  ["tab-subscriptions", "Subscriptions"],
  ["tab-debugger", "Debugger"],
  ["tab-dashboard", "Dashboard"],
  ["tab-planner", "Move planner"],
]) {
  test(`the ${label} tab`, async ({ page, problems }) => {
    await open(page);
    // A few events first, so the log, the Group Hub and the dashboard have lines to check.
    for (let i = 0; i < 12; i++) await page.getByTestId("btn-step").click();
    await page.getByTestId(tab).click();
    await expect(page.getByTestId(tab)).toHaveAttribute("aria-selected", "true");
    if (fillTab[tab]) await fillTab[tab](page);
    await expectAccessible(page, `${label} tab`);
    expect(problems).toEqual([]);
  });
}
