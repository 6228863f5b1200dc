// Drives the agent console in a real headless Chromium (puppeteer-core
// pointed at Debian's chromium): searches a customer as an agent types,
// opens the profile, sees the interaction timeline, splits a record out
// with a reason and sees the audit entry. Screenshots go to OUT_DIR.
// usage: node console_e2e.mjs BASE_URL CHROMIUM OUT_DIR NAME SUMMARY RECORD
// (NAME typed in the search, SUMMARY an interaction of that customer,
// RECORD "source:source_id" of the record to split out). Exit 1 with the
// step that failed.
import puppeteer from "puppeteer-core";

const [base, chromium, outDir, name, summary, record] = process.argv.slice(2);
const reason = "two people: checked with the customer";

function fail(step, detail) {
  console.error(`console_e2e: ${step}: ${detail}`);
  process.exit(1);
}

const browser = await puppeteer.launch({
  executablePath: chromium, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]});
try {
  const page = await browser.newPage();
  await page.setViewport({width: 1366, height: 900});
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => d.accept());
  await page.evaluateOnNewDocument(() => localStorage.setItem("idres.lang", "en"));

  // 1. Search as you type.
  await page.goto(`${base}/#/search`, {waitUntil: "networkidle0"});
  await page.waitForSelector("#q-name");
  await page.type("#q-name", name, {delay: 30});
  const hit = await page.waitForSelector("li.hit a", {timeout: 10000})
      .catch(() => fail("search", "no hit for " + name));
  const hitText = await hit.evaluate((a) => a.textContent);
  if (!hitText.toLowerCase().includes(name.toLowerCase())) {
    fail("search", `first hit is '${hitText}'`);
  }
  if (!(await page.evaluate(() => location.hash)).includes("name=")) {
    fail("search", "the query is not in the URL (deep link)");
  }
  await page.screenshot({path: `${outDir}/console-search.png`});

  // 2. The customer view, with the interaction timeline.
  await hit.click();
  await page.waitForSelector("#golden", {timeout: 10000})
      .catch(() => fail("profile", "no golden view"));
  const title = await page.$eval("#profile-title", (e) => e.textContent);
  if (!title.toLowerCase().includes(name.toLowerCase())) fail("profile", title);
  const timeline = await page.$eval("#timeline", (e) => e.textContent)
      .catch(() => fail("profile", "no timeline"));
  if (!timeline.includes(summary)) fail("timeline", timeline);
  await page.screenshot({path: `${outDir}/console-profile.png`, fullPage: true});
  const profileHash = await page.evaluate(() => location.hash);

  // 3. Split a record out, with a reason; the audit shows it.
  const box = await page.$(`tr[data-record="${record}"] input.pick`);
  if (!box) fail("split", `no record ${record} on the page`);
  await page.click("#split");
  await page.waitForFunction(() => document.querySelector("#action-result")
      ?.textContent.includes("Select"), {timeout: 5000})
      .catch(() => fail("split", "no message without a selection"));
  await box.click();
  await page.click("#split");
  await page.waitForFunction(() => document.querySelector("#action-result")
      ?.textContent.includes("reason"), {timeout: 5000})
      .catch(() => fail("split", "split without a reason was not refused"));
  await page.type("#reason", reason);
  await page.click("#split");
  await page.waitForFunction((reason) => {
    const audit = document.querySelector("#audit");
    return audit && audit.textContent.includes("manual split") &&
        audit.textContent.includes(reason);
  }, {timeout: 10000}, reason).catch(async () => fail("audit",
      await page.$eval("main", (e) => e.textContent).catch(() => "?")));
  if (await page.$(`tr[data-record="${record}"]`)) {
    fail("split", `${record} is still on ${profileHash}`);
  }
  await page.screenshot({path: `${outDir}/console-after-split.png`, fullPage: true});
  if (errors.length) fail("page errors", errors.join("; "));
  console.log("console_e2e: ok");
} finally {
  await browser.close();
}
