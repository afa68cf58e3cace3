// The event log's words (issue 22): a BizTalk term in a log line is marked, and its glossary sentence
// shows as a tooltip on hover, and the line's first term's while the line has keyboard focus; screen
// readers get every term's sentence as the line's description. A reference reads as the subscriber's copy.
const { test, expect } = require("./fixtures");
const { open, stepUntil } = require("./helpers");

test("a log line's term shows its glossary sentence on hover and on keyboard focus", async ({ page, problems }) => {
  await open(page);
  await stepUntil(page, /queued for .* priority/);
  const log = page.getByTestId("event-log");
  const term = log.locator('dfn[data-term="priority"]').first();
  await expect(term).toHaveText("priority");
  const tip = page.locator(`[id="${await term.getAttribute("data-tip")}"]`);
  await expect(tip).toBeHidden();
  // The line's button keeps the sentence as its name; the tooltip is its description.
  const line = log.getByRole("button", { name: /queued for .* \(copy \d+, priority \d+\)$/ }).first();
  await expect(line).toHaveAccessibleDescription(/priority: The order in which a host takes/);

  await term.hover();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("from 1 (first) to 10 (last)");
  const termBox = await term.boundingBox();
  const tipBox = await tip.boundingBox();
  expect(tipBox.y).toBeGreaterThan(termBox.y - tipBox.height - 10);
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();

  // Keyboard focus on the line shows its first term's tooltip (the subscriber's kind, before "priority").
  const first = line.locator("dfn.term").first();
  const firstTerm = await first.getAttribute("data-term");
  expect(firstTerm).not.toBe("priority");
  const firstTip = page.locator(`[id="${await first.getAttribute("data-tip")}"]`);
  await line.focus();
  await expect(line).toBeFocused();
  await expect(firstTip).toBeVisible();
  await expect(firstTip).toContainText(`${firstTerm}: `);
  await line.blur();
  await expect(firstTip).toBeHidden();
  expect(problems).toEqual([]);
});
