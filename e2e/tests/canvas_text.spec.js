// The picture at a readable size (issue 22): at 1280x720, 1024x768 and 1920x1080, in the first and the
// last step of every lesson and in free play of each shipped scenario, every visible canvas text is at
// least 9 px on screen and the 10th percentile at least 11 px; the canvas covers at least 45% of a
// 1280x720 window with a lesson open; at 1024x768 the page never scrolls sideways.
const { test, expect } = require("./fixtures");
const { canvasTextSizes, canvasShare } = require("./canvas_text");

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
];

const LESSONS = [
  "the-messagebox",
  "promoted-vs-written",
  "marking",
  "filters",
  "copies",
  "routing-failures",
  "stopped-vs-unenlisted",
  "moving-the-manager",
  "bridge-breaks",
  "convoys",
];

// A first visit: the event log's drawer closed, as a newcomer finds it.
test.use({ logOpen: false });

/** Waits until the canvas is fitted to its measured area at this window size, and any glide of the
 * view (250 ms, when a step brings its group into view) has arrived. */
async function settled(page) {
  await expect
    .poll(() =>
      page.getByTestId("canvas-area").evaluate((el) => {
        const [w, h] = el.dataset.area.split("x").map(Number);
        const still = el.querySelector("svg").dataset.gliding === "false";
        return still && Math.abs(w - el.clientWidth) <= 1 && Math.abs(h - el.clientHeight) <= 1;
      })
    )
    .toBe(true);
}

/** Measures the canvas's text at every viewport, from where the page is. */
async function expectReadable(page, what) {
  const original = page.viewportSize();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await settled(page);
    const s = await canvasTextSizes(page);
    const where = `${what} at ${viewport.width}x${viewport.height}`;
    console.log(`${where}: ${s.count} texts, smallest ${s.smallest.toFixed(1)}, p10 ${s.p10.toFixed(1)}, median ${s.median.toFixed(1)}`);
    expect(s.count, `${where}: texts drawn`).toBeGreaterThan(3);
    expect(s.smallest, `${where}: smallest text (${s.smallestTexts.join(", ")})`).toBeGreaterThanOrEqual(9);
    expect(s.p10, `${where}: 10th percentile`).toBeGreaterThanOrEqual(11);
    if (viewport.width === 1024) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${where}: page width`).toBeLessThanOrEqual(1024);
    }
  }
  await page.setViewportSize(original);
}

test("free play of each shipped scenario is readable at three window sizes", async ({ page, problems }) => {
  await page.setViewportSize(VIEWPORTS[0]);
  await page.goto("/");
  await expect(page.getByTestId("clock")).toBeVisible();
  const scenarios = await page.getByTestId("scenario-picker").locator("option").count();
  for (let i = 0; i < scenarios; i++) {
    await page.getByTestId("scenario-picker").selectOption(String(i));
    if (await page.getByTestId("confirm-yes").isVisible().catch(() => false)) {
      await page.getByTestId("confirm-yes").click();
    }
    // A few steps in, so messages are on the canvas too.
    for (let k = 0; k < 6; k++) await page.getByTestId("btn-step").click();
    await expectReadable(page, `scenario ${i}`);
  }
  expect(problems).toEqual([]);
});

for (const id of LESSONS) {
  test(`lesson ${id}: its first and last steps are readable at three window sizes`, async ({ page, problems }) => {
    await page.setViewportSize(VIEWPORTS[0]);
    await page.goto(`/#/lesson/${id}`);
    await expect(page.getByTestId("lesson-panel")).toBeVisible();
    await expect(page.getByTestId("lesson-step")).toHaveText(/Step 1 of/);
    await expectReadable(page, `${id} step 1`);
    // On to the last step, each goal reached by Show me at the fastest speed.
    await page.getByTestId("speed").fill("6");
    const total = Number((await page.getByTestId("lesson-step").innerText()).match(/of (\d+)/)[1]);
    for (let step = 1; step < total; step++) {
      await page.getByTestId("btn-show-me").click();
      await expect(page.getByTestId("lesson-goal")).toHaveAttribute("data-done", "true", { timeout: 60_000 });
      await page.getByTestId("btn-next-step").click();
    }
    await expect(page.getByTestId("lesson-step")).toHaveText(`Step ${total} of ${total}`);
    await expectReadable(page, `${id} step ${total}`);
    expect(problems).toEqual([]);
  });
}

test("the canvas covers at least 45% of a 1280x720 window with a lesson open", async ({ page, problems }) => {
  await page.setViewportSize(VIEWPORTS[0]);
  await page.goto("/#/lesson/bridge-breaks");
  await expect(page.getByTestId("lesson-panel")).toBeVisible();
  await settled(page);
  const share = await canvasShare(page);
  console.log(`canvas share at 1280x720 with a lesson: ${(share * 100).toFixed(1)}%`);
  expect(share).toBeGreaterThanOrEqual(0.45);
  // The lesson's footer (goal, Hint, Show me) is in view, and so is the narration's first line.
  for (const id of ["lesson-goal", "btn-show-me", "lesson-narration"]) {
    await expect(page.getByTestId(id)).toBeInViewport();
  }
  expect(problems).toEqual([]);
});
