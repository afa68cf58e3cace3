// Fit and follow (issue 14): at a laptop's 1280x720 and at 1920x1080 the canvas opens showing every
// group and port, nothing hidden behind the side panel; dragging the background pans it; a lesson step
// about Dublin brings Dublin's OrderManager into view.
const { test, expect } = require("./fixtures");
const { canvasMeasured, node, stepUntil } = require("./helpers");

/** Where `locator`'s centre is, and whether it is inside the canvas's drawing area and not covered. */
async function placement(page, locator) {
  const area = await page.getByTestId("canvas-area").boundingBox();
  const box = await locator.boundingBox();
  if (!box) return { inside: false, topmost: false, box, area };
  const inside =
    box.x >= area.x - 1 &&
    box.y >= area.y - 1 &&
    box.x + box.width <= area.x + area.width + 1 &&
    box.y + box.height <= area.y + area.height + 1;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const topmost = await locator.evaluate(
    (el, [x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !!hit && (el === hit || el.contains(hit));
    },
    [cx, cy]
  );
  return { inside, topmost, box, area };
}

async function expectInView(page, locator, what) {
  await expect
    .poll(async () => {
      const p = await placement(page, locator);
      return p.inside && p.topmost;
    }, { message: `${what} is inside the canvas and not covered` })
    .toBe(true);
}

/** Every group's title and every receive location, orchestration and send port drawn. */
async function expectEverythingInView(page, groups) {
  for (const g of groups) {
    await expect(page.getByTestId(`group-${g}`)).toBeVisible();
    await expectInView(page, page.locator(`[data-testid="group-${g}"] .region-title`), `group ${g}'s title`);
    const region = await placement(page, page.locator(`[data-testid="group-${g}"] rect.region`).first());
    expect(region.inside, `group ${g}'s region inside the canvas`).toBe(true);
  }
  const nodes = page.locator('[data-node*="|loc|"], [data-node*="|orch|"], [data-node*="|sp|"], [data-node*="|spg|"]');
  const count = await nodes.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const n = nodes.nth(i);
    await expectInView(page, n, await n.getAttribute("data-node"));
  }
}

/** A point on the canvas's background: not on a node, a title, a table or a token. */
async function backgroundPoint(page) {
  return page.getByTestId("canvas-area").evaluate((area) => {
    const r = area.getBoundingClientRect();
    for (let fy = 0.1; fy < 0.95; fy += 0.05) {
      for (let fx = 0.05; fx < 0.95; fx += 0.05) {
        const x = r.left + r.width * fx;
        const y = r.top + r.height * fy;
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit.tagName === "svg" || hit.classList.contains("region"))) return { x, y };
      }
    }
    return null;
  });
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test("on load every group and port is in view, none behind the side panel", async ({ page, problems }) => {
      await page.goto("/");
      await expect(page.getByTestId("clock")).toBeVisible();
      await expect(page.getByTestId("btn-zoom-fit")).toHaveAttribute("aria-pressed", "true");
      await expectEverythingInView(page, ["SRV-SEA", "SRV-DUB"]);
      // The split-groups scenario, once its script has moved the manager: both groups full, still fitted.
      await page.getByTestId("scenario-picker").selectOption("1");
      await stepUntil(page, "bridge created");
      await expect(node(page, "SRV-DUB|orch|OrderManager")).toBeVisible();
      await expectEverythingInView(page, ["SRV-SEA", "SRV-DUB"]);
      expect(problems).toEqual([]);
    });

    test("after lesson 8's move Dublin and every port are in view", async ({ page, problems }) => {
      await page.goto("/#/lesson/moving-the-manager");
      await expect(page.getByTestId("lesson-panel")).toBeVisible();
      for (let step = 0; step < 4; step++) {
        await page.getByTestId("btn-show-me").click();
        await expect(page.getByTestId("lesson-goal")).toHaveAttribute("data-done", "true");
        await page.getByTestId("btn-next-step").click();
      }
      await expect(page.getByTestId("lesson-step")).toHaveText("Step 5 of 5");
      await expect(node(page, "SRV-DUB|orch|OrderManager")).toBeVisible();
      await expectEverythingInView(page, ["SRV-SEA", "SRV-DUB"]);
      // Lesson 9 starts from the move too, and looks at both groups.
      await page.goto("/#/lesson/bridge-breaks");
      await expect(page.getByTestId("lesson-step")).toHaveText(/Step 1 of/);
      await expectEverythingInView(page, ["SRV-SEA", "SRV-DUB"]);
      expect(problems).toEqual([]);
    });

    test("dragging the background pans the canvas; Fit brings everything back", async ({ page, problems }) => {
      await page.goto("/");
      await expect(page.getByTestId("clock")).toBeVisible();
      await canvasMeasured(page);
      const manager = node(page, "SRV-SEA|orch|OrderManager");
      const before = await manager.boundingBox();
      const from = await backgroundPoint(page);
      expect(from, "a background point").not.toBeNull();
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x - 60, from.y - 40, { steps: 6 });
      await page.mouse.up();
      await expect.poll(async () => (await manager.boundingBox()).x).toBeCloseTo(before.x - 60, 0);
      expect((await manager.boundingBox()).y).toBeCloseTo(before.y - 40, 0);
      await expect(page.getByTestId("btn-zoom-fit")).toHaveAttribute("aria-pressed", "false");
      // Dragging a node moves the node, not the view.
      const sea = page.locator('[data-testid="group-SRV-SEA"] .region-title');
      expect(await sea.count()).toBe(1);
      await page.getByTestId("btn-zoom-fit").click();
      await expect.poll(async () => (await manager.boundingBox()).x).toBeCloseTo(before.x, 0);
      await expectEverythingInView(page, ["SRV-SEA", "SRV-DUB"]);
      expect(problems).toEqual([]);
    });

    test("the zoom buttons zoom, and Fit returns to the fitted view", async ({ page, problems }) => {
      await page.goto("/");
      await expect(page.getByTestId("clock")).toBeVisible();
      await canvasMeasured(page);
      const fitted = await page.getByTestId("zoom-level").textContent();
      const manager = node(page, "SRV-SEA|orch|OrderManager");
      const small = (await manager.boundingBox()).width;
      await page.getByTestId("btn-zoom-in").click();
      await expect(page.getByTestId("zoom-level")).not.toHaveText(fitted);
      expect((await manager.boundingBox()).width).toBeGreaterThan(small);
      await page.getByTestId("btn-zoom-fit").click();
      await expect(page.getByTestId("zoom-level")).toHaveText(fitted);
      expect(problems).toEqual([]);
    });

    test("lesson 6 brings the OrderManager in Dublin into view and opens it", async ({ page, problems }) => {
      await page.goto("/#/lesson/routing-failures");
      await expect(page.getByTestId("lesson-panel")).toBeVisible();
      const manager = node(page, "SRV-DUB|orch|OrderManager");
      await expectInView(page, manager, "Dublin's OrderManager");
      await expect(page.getByTestId("view-note")).toContainText("SRV-DUB");
      // The Inspector is open on it: the node is the one selected.
      await expect(page.getByTestId("inspector")).toContainText("OrderManager");
      await expect(manager).toHaveClass(/selected/);
      // Legible: drawn at least at 75% of its natural size (160 px wide), closer than the fitted view.
      expect((await manager.boundingBox()).width).toBeGreaterThan(160 * 0.75);
      expect(problems).toEqual([]);
    });
  });
}
