// The routing debugger on real files (../shared/fixtures/biztalk, see its SOURCES.md; read there, never
// copied): a saved context explained against a binding file, with the verdict and the assumptions.
const { test, expect } = require("./fixtures");
const { open } = require("./helpers");
const fs = require("fs");
const path = require("path");

const shared = path.join(__dirname, "..", "..", "..", "shared", "fixtures", "biztalk");

test("a saved context gets a verdict with the copies per subscriber, and the assumptions are listed", async ({ page, problems }) => {
  if (!fs.existsSync(shared)) {
    console.log(`skipped: ../shared not present (expected ${shared}), so this test checked nothing`);
    return;
  }
  const read = (name) => fs.readFileSync(path.join(shared, name), "utf8");
  await open(page);
  await page.getByTestId("tab-debugger").click();
  await page.getByTestId("debugger-bindings").fill(read("ours__SRV-SEA.BPM.BindingInfo.xml"));
  await page.getByTestId("debugger-context").fill(read("ours__R-007_context.xml"));
  await page.getByTestId("btn-explain").click();
  // SOURCES.md: R-007 matches NonCable-Archive-SP only among the send ports; the OrderBroker, bound to
  // the receive port it came through, takes it too.
  const verdict = page.getByTestId("debugger-verdict");
  await expect(verdict).toContainText("Delivered");
  await expect(verdict).toContainText("send port NonCable-Archive-SP: 1 copy");
  await expect(verdict).toContainText("OrderBroker.OrderBroker: 1 copy");
  await expect(page.getByTestId("debugger-assumptions")).toContainText("case-insensitively");
  expect(problems).toEqual([]);
});
