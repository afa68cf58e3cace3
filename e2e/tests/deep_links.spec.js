// Deep links opened while a run plays or computes (issue 22): the run pauses or is cancelled and the
// link opens (after its question, when it would discard the learner's orders); it is never dropped.
const { test, expect } = require("./fixtures");
const { open, fast } = require("./helpers");

/** Submits a burst of `copies` distinct orders from Compose. */
const burst = async (page, copies) => {
  await page.getByTestId("tab-compose").click();
  await page.getByTestId("compose-burst").fill(String(copies));
  await page.getByTestId("btn-submit").click();
};

/** Opens a link as a click on it or a typed address does: the hash changes. While a run plays, the app
 *  draws a frame before the hashchange event arrives often enough; a key it handles (Escape, which here
 *  changes nothing) makes that frame certain. The frame used to put #/ back and the link was lost. */
const followLink = (page, hash) =>
  page.evaluate((h) => {
    window.location.hash = h;
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
  }, hash);

/** The link asked before discarding the burst; yes opens lesson 8, paused, under its own address. */
const lessonOpensPaused = async (page) => {
  await expect(page.getByTestId("confirm")).toContainText("Start lesson 8?");
  await page.getByTestId("confirm-yes").click();
  await expect(page.getByTestId("lesson-title")).toHaveText("Moving the OrderManager to another group");
  await expect(page.getByTestId("btn-play")).toBeVisible();
  await expect(page.getByTestId("btn-pause")).toHaveCount(0);
  await expect(page).toHaveURL(/#\/lesson\/moving-the-manager$/);
};

test("a lesson's link opened while a 500-order burst plays pauses the run and opens the lesson", async ({ page, problems }) => {
  await open(page);
  await burst(page, 500);
  await fast(page);
  await page.getByTestId("btn-play").click();
  await expect(page.getByTestId("btn-pause")).toBeVisible();
  await followLink(page, "#/lesson/moving-the-manager");
  await expect(page.getByTestId("btn-play")).toBeVisible();
  await lessonOpensPaused(page);
  expect(problems).toEqual([]);
});

test("a lesson's link opened during Run to end cancels the computation and opens the lesson", async ({ page, problems }) => {
  await open(page);
  await burst(page, 2000);
  await page.getByTestId("btn-run-to-end").click();
  await expect(page.getByTestId("run-progress")).toBeVisible();
  await followLink(page, "#/lesson/moving-the-manager");
  await expect(page.getByTestId("run-progress")).toHaveCount(0);
  await expect(page.getByTestId("notice")).toContainText("Cancelled at step");
  await lessonOpensPaused(page);
  expect(problems).toEqual([]);
});
