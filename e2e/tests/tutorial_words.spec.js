// The tutorial's words on screen (issue 14), at 1280x720: a lesson opened from a scrolled panel shows
// its title, Next and the completion summary stay in view, Show me shows its progress, and a glossary
// term shows its sentence on keyboard focus and on hover, and in the ? overlay.
const { test, expect } = require("./fixtures");

test.use({ viewport: { width: 1280, height: 720 } });

const goal = (page) => page.getByTestId("lesson-goal");

async function openLesson(page, id) {
  await page.goto(`/#/lesson/${id}`);
  await expect(page.getByTestId("lesson-panel")).toBeVisible();
  await expect(goal(page)).toHaveAttribute("data-done", "false");
}

/** Does the current step with Show me, at the fastest speed, until its goal holds. */
async function showMe(page) {
  await page.getByTestId("speed").fill("6");
  await page.getByTestId("btn-show-me").click();
  await expect(goal(page)).toHaveAttribute("data-done", "true", { timeout: 60_000 });
}

test("a lesson opened from a scrolled panel shows its title", async ({ page, problems }) => {
  await openLesson(page, "the-messagebox");
  // Open the list of lessons at the panel's foot and scroll down to it.
  const scroll = page.getByTestId("lesson-scroll");
  await scroll.locator("details > summary").click();
  const link = scroll.getByTestId("lesson-link-marking");
  await link.scrollIntoViewIfNeeded();
  expect(await scroll.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await link.click();
  await expect(page.getByTestId("lesson-title")).toContainText("Marking");
  await expect(page.getByTestId("lesson-title")).toBeInViewport({ ratio: 1 });
  expect(await scroll.evaluate((el) => el.scrollTop)).toBe(0);
  expect(problems).toEqual([]);
});

test("Next step, Next lesson and the summary stay in view", async ({ page, problems }) => {
  await openLesson(page, "the-messagebox");
  // Make the panel's text long: the list of lessons open, the hint shown.
  await page.getByTestId("lesson-scroll").locator("details > summary").click();
  await page.getByRole("button", { name: "Hint" }).click();
  const steps = 3;
  for (let i = 1; i <= steps; i++) {
    await expect(page.getByTestId("lesson-step")).toHaveText(`Step ${i} of ${steps}`);
    await showMe(page);
    if (i < steps) {
      await expect(page.getByTestId("btn-next-step")).toBeInViewport({ ratio: 1 });
      await page.getByTestId("btn-next-step").click();
    }
  }
  // The last step: the summary and the button the banner names are both in view.
  await expect(page.getByTestId("btn-next-step")).toHaveCount(0);
  await expect(page.getByTestId("lesson-summary")).toBeInViewport();
  const nextLesson = page.getByTestId("btn-next-lesson");
  await expect(nextLesson).toBeInViewport({ ratio: 1 });
  await expect(nextLesson).toHaveText("Next lesson →");
  await expect(page.getByTestId("notice")).toContainText("Next lesson →");
  await expect(page.getByTestId("notice")).not.toContainText("Next step");
  await nextLesson.click();
  await expect(page.getByTestId("lesson-title")).toContainText("Promoted versus written");
  await expect(page.getByTestId("lesson-title")).toBeInViewport({ ratio: 1 });
  expect(problems).toEqual([]);
});

test("Show me shows its progress, and a step waiting for retries shows them", async ({ page, problems }) => {
  await openLesson(page, "bridge-breaks");
  await showMe(page);
  await page.getByTestId("btn-next-step").click();
  // The transmission retries three times, five minutes apart: the step says where it is.
  await expect(page.getByTestId("lesson-watch")).toContainText("has failed once; next retry at");
  await page.getByTestId("speed").fill("-3");
  await page.getByTestId("btn-show-me").click();
  await expect(page.getByTestId("show-me-progress")).toContainText("events so far");
  await expect(page.getByTestId("btn-show-me")).toBeDisabled();
  await page.getByTestId("speed").fill("6");
  await expect(goal(page)).toHaveAttribute("data-done", "true", { timeout: 60_000 });
  await expect(page.getByTestId("show-me-progress")).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("a glossary term shows its sentence on focus and on hover, and the ? overlay lists them", async ({ page, problems }) => {
  await openLesson(page, "promoted-vs-written");
  const narration = page.getByTestId("lesson-narration");
  const promoted = narration.locator('[data-term="promoted property"]');
  await expect(promoted).toHaveCount(1);
  const tip = promoted.locator(".term-tip");
  await expect(tip).toBeHidden();
  // Keyboard: Tab reaches the term, and focus shows its sentence.
  await promoted.focus();
  await expect(promoted).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("routing can see");
  await expect(tip).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: "test-results/glossary-focus.png" });
  await promoted.blur();
  await expect(tip).toBeHidden();
  // Mouse: hovering another term shows its sentence.
  const written = narration.locator('[data-term="written property"]');
  await written.hover();
  await expect(written.locator(".term-tip")).toBeVisible();
  await expect(written.locator(".term-tip")).toContainText("routing ignores");
  // Every term is also under ?.
  await page.mouse.move(640, 10);
  await page.getByTestId("btn-help").click();
  const glossary = page.getByTestId("help-overlay").getByTestId("glossary");
  await expect(glossary).toContainText("PassThru");
  await expect(glossary).toContainText("BTS.ReceivePortName");
  await expect(glossary).toContainText("convoy set");
  expect(problems).toEqual([]);
});

test("lesson 3's broadband code is in Compose and marks the order for the broadband manager", async ({ page, problems }) => {
  await openLesson(page, "marking");
  await expect(page.getByTestId("lesson-narration")).toContainText("NB and XB");
  await page.getByTestId("tab-compose").click();
  const codes = await page.getByTestId("compose-code").locator("option").evaluateAll((os) => os.map((o) => o.value));
  expect(codes).toEqual(expect.arrayContaining(["NB", "XB"]));
  expect(problems).toEqual([]);
});
