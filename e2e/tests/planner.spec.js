// The move planner, at 1440x900 and 1280x720: CableOrderApp planned for SRV-DUB gives domain.md
// 10.6's bridge filter and import order, Compare puts the eight sample orders before and after side by
// side, Export downloads the bridge's two binding files, and Apply records the move in the run. A
// comparison of a burst computes in slices, with progress and Cancel.
const { test, expect } = require("./fixtures");
const { open } = require("./helpers");

for (const [width, height] of [[1440, 900], [1280, 720]]) {
  test.describe(`at ${width}x${height}`, () => {
    test.use({ viewport: { width, height } });

    test("plan, compare, export and apply the move of CableOrderApp to Dublin", async ({ page, problems }) => {
      await open(page);
      await page.getByTestId("tab-planner").click();
      const planner = page.getByTestId("move-planner");
      await expect(page.getByTestId("canvas")).toHaveCount(0);
      await page.getByTestId("plan-application").selectOption("BTSScn.BPM.CableOrderApp");
      await page.getByTestId("plan-to").selectOption("SRV-DUB");
      await page.getByTestId("btn-plan").click();
      await expect(page.getByTestId("plan-bridge-filter")).toHaveText("SV.Status == ACCEPTED And SV.OrderMgrType == CABLEORDER");
      const imports = page.getByTestId("plan-imports").locator("li");
      await expect(imports.nth(0)).toContainText("BTSScn.BPM.MessagingApp");
      await expect(imports.nth(1)).toContainText("BTSScn.BPM.CableOrderApp");
      await expect(page.getByTestId("plan-risks")).toContainText("ordered delivery");
      // Dublin has no Facilities system in the default scenario: the stages would wait for ever.
      await expect(page.getByTestId("plan-partners")).toContainText("Facilities (ToFacilitiesQ, reached by Facilities-SP): nothing answers in SRV-DUB");
      await expect(page.getByTestId("plan-risks")).toContainText("nothing answers in SRV-DUB");
      if (width === 1440) await page.screenshot({ path: "../docs/move-planner.png" });
      await page.getByTestId("btn-plan-compare").click();
      const rows = page.getByTestId("plan-comparison").getByTestId("comparison-row");
      await expect(rows).toHaveCount(8);
      await expect(rows.filter({ hasText: "R-001" })).toContainText("SRV-DUB OrderManager");
      await expect(rows.filter({ hasText: "R-002" })).not.toContainText("(changed)");
      const downloads = [];
      page.on("download", (d) => downloads.push(d.suggestedFilename()));
      await page.getByTestId("btn-plan-export").click();
      await expect.poll(() => downloads.length).toBe(2);
      expect(downloads.sort()).toEqual(["SRV-DUB.DUB-FromSEA-CableOrder-RP.BindingInfo.xml", "SRV-SEA.SEA-To-DUB-CableOrder-SP.BindingInfo.xml"]);
      await page.getByTestId("btn-plan-apply").click();
      await expect(page.getByTestId("canvas")).toBeVisible();
      await expect(page.getByTestId("notice")).toContainText("moved from SRV-SEA to SRV-DUB");
      await page.locator('[data-testid="group-SRV-DUB"] .region-title').focus();
      await page.keyboard.press("Enter");
      await page.getByTestId("tab-inspector").click();
      await expect(page.getByTestId("applications")).toContainText("BTSScn.BPM.CableOrderApp");
      await expect(planner).toHaveCount(0);
      expect(problems).toEqual([]);
    });
  });
}

test("a comparison of a 2,000-order burst computes in slices: progress, Cancel, then the answer with the changed orders first", async ({ page, problems }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page);
  await page.getByTestId("tab-compose").click();
  await page.getByTestId("compose-order").fill("1000");
  await page.getByTestId("compose-burst").fill("2000");
  await page.getByTestId("btn-submit").click();
  await page.getByTestId("tab-planner").click();
  await page.getByTestId("plan-application").selectOption("BTSScn.BPM.CableOrderApp");
  await page.getByTestId("plan-to").selectOption("SRV-DUB");
  await page.getByTestId("btn-plan").click();
  await page.getByTestId("btn-plan-compare").click();
  // The page keeps drawing while the two runs compute: the progress moves and Cancel answers.
  const comparing = page.getByTestId("plan-comparing");
  await expect(comparing).toBeVisible();
  // It is below the plan: pressing Compare brings it into view.
  await expect(comparing).toBeInViewport();
  await expect(page.getByTestId("btn-plan-compare")).toBeDisabled();
  await expect(comparing).toContainText(/Computing the run (without|with) the move: [1-9][\d,]* steps/);
  await page.getByTestId("btn-plan-compare-cancel").click();
  await expect(comparing).toHaveCount(0);
  await expect(page.getByTestId("plan-compare-error")).toContainText("cancelled after");
  // Again, to the end: 2,008 orders (the burst and the scenario's eight), at most 500 drawn.
  await page.getByTestId("btn-plan-compare").click();
  await expect(page.getByTestId("plan-compare-summary")).toContainText(/2,008 orders: [\d,]+ changed/, { timeout: 150_000 });
  await expect(page.getByTestId("plan-compare-summary")).toContainText("The first 500 are listed, the changed ones first.");
  await expect(page.getByTestId("plan-compare-summary")).toBeInViewport();
  const rows = page.getByTestId("plan-comparison").getByTestId("comparison-row");
  await expect(rows).toHaveCount(500);
  await expect(rows.first()).toContainText("(changed)");
  await expect(rows.first()).toContainText("SRV-DUB OrderManager");
  await page.getByTestId("plan-compare-basis").scrollIntoViewIfNeeded();
  await page.getByTestId("plan-compare-basis").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "../docs/move-compare.png" });
  expect(problems).toEqual([]);
});
