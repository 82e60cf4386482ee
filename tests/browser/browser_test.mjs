// Browser tests in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
//  1. the dashboard of `pco serve`: select an organisation, check the numbers shown equal the
//     API's, save a screenshot;
//  2. report.html opened from disk with networking disabled: every chart rendered.
// Usage: node browser_test.mjs PCO_BINARY WORK_DIR
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

const pco = path.resolve(process.argv[2] || '../../build/release/pco');
const work = path.resolve(process.argv[3] || '../../build/browser-test');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
execFileSync(pco, ['demo', '--quiet', '--out', path.join(work, 'demo')]);

const port = 21000 + (process.pid % 20000);
const server = spawn(pco, ['serve', path.join(work, 'demo', 'results.db'), '--port', String(port)]);
const base = `http://127.0.0.1:${port}`;
let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failures++;
    console.log(`not ok - ${name}\n  ${e.stack || e}`);
  }
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/api/runs`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pco serve did not start');
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  await waitForServer();
  await check('dashboard shows the API numbers for a chosen organisation', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    const api = await (await fetch(`${base}/api/runs/1/organisations?level=organisation`)).json();
    const target = api.organisations[Math.floor(api.organisations.length / 2)];
    await page.selectOption('#org-select', target.code);
    const field = (f) => page.textContent(`#org-detail td[data-field="${f}"]`);
    assert.equal(await field('code'), target.code);
    assert.equal(await field('name'), target.name);
    assert.equal(Number((await field('population')).replace(/,/g, '')), target.population);
    assert.equal(Number((await field('practices')).replace(/,/g, '')), target.practices);
    assert.equal(await field('pct_65_plus'), target.pct_65_plus.toFixed(1));
    const alloc = await (await fetch(`${base}/api/runs/1/allocations?level=organisation`)).json();
    const mine = alloc.allocations.find((a) => a.code === target.code);
    const pounds = (await field('allocation_pence')).replace(/,/g, '');
    assert.equal(Math.round(Number(pounds) * 100), mine.allocation_pence);
    assert.equal(await field('need_index'), mine.need_index.toFixed(3));
    const risk = await (await fetch(`${base}/api/runs/1/risk?level=organisation`)).json();
    const myRisk = risk.risk.find((r) => r.code === target.code);
    assert.equal(await field('p_overspend_5pct'), myRisk.p_overspend_5pct.toExponential(2));
    assert.equal(Number((await field('reserve99')).replace(/,/g, '')), Math.round(myRisk.reserve99));
    assert.ok(await page.locator('#exceedance path').count() === 1, 'no exceedance curve');
    const circles = await page.locator('#map circle').count();
    assert.equal(circles, 1500);
    const selectedRow = await page.textContent('#org-table tr.selected td');
    assert.equal(selectedRow, target.code);
    // Changing level reloads from the API.
    await page.selectOption('#level-select', 'region');
    await page.waitForFunction(() => document.querySelectorAll('#org-table tbody tr').length === 7);
    await page.screenshot({ path: path.join(work, 'dashboard.png'), fullPage: true });
  });

  await check('report.html renders every chart offline', async () => {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto('file://' + path.join(work, 'demo', 'report.html'));
    const svgs = await page.locator('svg').count();
    assert.ok(svgs >= 2, `expected at least 2 charts, found ${svgs}`);
    for (let i = 0; i < svgs; i++) {
      const box = await page.locator('svg').nth(i).boundingBox();
      assert.ok(box && box.width > 100 && box.height > 50, `chart ${i} has no size`);
      const marks = await page.locator('svg').nth(i).locator('circle, rect, path').count();
      assert.ok(marks > 0, `chart ${i} drew nothing`);
    }
    assert.deepEqual(requests, [], 'the report asked for network resources');
    await page.screenshot({ path: path.join(work, 'report.png'), fullPage: false });
    await context.close();
  });
} finally {
  await browser.close();
  server.kill('SIGINT');
}
console.log(failures ? `${failures} browser test(s) failed` : 'all browser tests passed');
console.log(`screenshots in ${work}`);
process.exit(failures ? 1 : 0);
