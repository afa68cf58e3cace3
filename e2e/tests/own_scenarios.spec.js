// Your own scenarios: Save scenario downloads the deployment of every group (after a move and a stopped
// port), Open reads it back to the same subscriptions, a refused file shows the loader's JSON path and
// changes nothing, and a file dropped on the page opens too.
const { test, expect } = require("./fixtures");
const { open } = require("./helpers");
const fs = require("fs");

async function subscriptionsOf(page, group) {
  await page.getByTestId("tab-subscriptions").click();
  await page.getByTestId("subscription-query").locator("select").first().selectOption(group);
  const rows = await page.getByTestId("subscription-row").allInnerTexts();
  // The ids are numbers given in order: compare what each subscription is, not its number.
  return rows.map((r) => r.split("\t").slice(1).join("\t")).sort();
}

test("a saved scenario opens to the same deployment; a refused one changes nothing", async ({ page, problems }) => {
  await open(page);
  await page.getByTestId("tab-planner").click();
  await page.getByTestId("plan-application").selectOption("BTSScn.BPM.CableOrderApp");
  await page.getByTestId("btn-plan").click();
  await page.getByTestId("btn-plan-apply").click();
  const sea = await subscriptionsOf(page, "SRV-SEA");
  const dub = await subscriptionsOf(page, "SRV-DUB");
  const download = page.waitForEvent("download");
  await page.getByTestId("btn-save-scenario").click();
  const file = await (await download).path();
  const text = fs.readFileSync(file, "utf8");
  expect(JSON.parse(text).groups.length).toBe(2);
  // Back to the shipped scenario, then open the saved file.
  await page.getByTestId("scenario-picker").selectOption("1");
  await page.getByTestId("confirm-yes").click();
  await page.getByTestId("btn-open-scenario").setInputFiles({ name: "mine.scenario.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByTestId("notice")).toContainText("Opened mine.scenario.json");
  await expect(page.getByTestId("scenario-picker")).toContainText("Yours:");
  expect(await subscriptionsOf(page, "SRV-SEA")).toEqual(sea);
  expect(await subscriptionsOf(page, "SRV-DUB")).toEqual(dub);
  // It survives a reload (its text is saved with the run).
  await page.reload();
  await expect(page.getByTestId("scenario-picker")).toContainText("Yours:");
  expect(await subscriptionsOf(page, "SRV-DUB")).toEqual(dub);
  // A broken file: the loader's path and reason, and nothing changes.
  const broken = text.replace('"running": true', '"running": "yes"');
  await page.getByTestId("btn-open-scenario").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(broken) });
  await expect(page.getByTestId("notice")).toContainText("broken.json was not opened, nothing changed");
  await expect(page.getByTestId("notice")).toContainText("groups[0].hosts[0].running");
  expect(await subscriptionsOf(page, "SRV-DUB")).toEqual(dub);
  // Dropped on the page, the saved file opens as well.
  await page.getByTestId("tab-inspector").click();
  const dropped = await page.evaluateHandle((t) => {
    const d = new DataTransfer();
    d.items.add(new File([t], "dropped.scenario.json", { type: "application/json" }));
    return d;
  }, text);
  await page.getByTestId("canvas").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByTestId("notice")).toContainText("Opened dropped.scenario.json");
  expect(problems).toEqual([]);
});
