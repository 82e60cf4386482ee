// Browser tests in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) of
// the dashboard of `pco serve` over a store of two runs (the demo, and the demo with SO001 and
// SO002 merged), of the providers view over a second store (the synthetic economy commissioning
// care under the 2025/26 payment scheme), and of report.html opened from disk with networking
// disabled.
//
// Each dashboard view is checked against the API: the numbers shown, search, sorting, CSV
// downloads, the appraisal (side by side, tornado), the simulation fan chart, run comparison
// deltas, the selection kept across levels, and a 390-px layout without horizontal overflow.
// Screenshots of every view at 390 and 1280 px go to WORK_DIR/screenshots (the CI artifact);
// with PCO_DOCS_IMG=DIR the first screen of each is also written to DIR (docs/img).
//
// Usage: node browser_test.mjs PCO_BINARY WORK_DIR
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

const pco = path.resolve(process.argv[2] || '../../build/release/pco');
const work = path.resolve(process.argv[3] || '../../build/browser-test');
const shots = path.join(work, 'screenshots');
const docsImg = process.env.PCO_DOCS_IMG ? path.resolve(process.env.PCO_DOCS_IMG) : null;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
rmSync(work, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

// Run 1: the demo. Run 2: the same economy with SO002's practices moved into SO001.
const demo = path.join(work, 'demo');
execFileSync(pco, ['demo', '--quiet', '--out', demo]);
const inputs = path.join(demo, 'inputs');
const merged = readFileSync(path.join(inputs, 'organisations.csv'), 'utf8').split('\n').map((line) => {
  const cells = line.split(',');
  return cells[4] === 'SO002' || cells[4] === 'SO001'
    ? [...cells.slice(0, 4), 'SO001', '"SO001 and SO002 merged"', ...cells.slice(6)].join(',') : line;
}).join('\n');
writeFileSync(path.join(inputs, 'organisations_merged.csv'), merged);
writeFileSync(path.join(inputs, 'merged.toml'), `schema_version = 1
name = "demo with SO001 and SO002 merged"
seed = 20261127
[population]
files = ["practices.csv"]
locations = "locations.csv"
[configuration]
map = "organisations_merged.csv"
level = "organisation"
`);
execFileSync(pco, ['run', '--quiet', '--scenario', path.join(inputs, 'merged.toml'), '--out', demo]);

// A second store: the demo's synthetic economy growing its own providers and commissioning
// care under the 2025/26 payment scheme (docs/commissioning.md), for the providers view.
const commissioning = path.join(work, 'commissioning');
writeFileSync(path.join(inputs, 'commissioning.toml'), `schema_version = 1
name = "synthetic economy commissioning care"
seed = 20261127
[synthetic]
seed = 1
practices = 1500
[commissioning]
default_payment = "nhsps2025"
`);
execFileSync(pco, ['run', '--quiet', '--scenario', path.join(inputs, 'commissioning.toml'), '--out', commissioning]);

// Starts `pco serve` on a port the system chooses (--port 0) and resolves to its address, read
// from the first line it prints: a port computed from our pid could be one a client holds.
function startServe(store) {
  const child = spawn(pco, ['serve', store, '--port', '0']);
  const address = new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (!seen.includes('\n')) return;
      const m = /:(\d+)\/ /.exec(seen.split('\n')[0]);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
      else reject(new Error(`pco serve did not say where it listens: ${seen}`));
    });
    child.on('exit', (code) => reject(new Error(`pco serve exited (${code}) before it listened`)));
  });
  return { child, address };
}
const demoServe = startServe(path.join(demo, 'results.db'));
const providersServe = startServe(path.join(commissioning, 'results.db'));
const server = demoServe.child;
const providersServer = providersServe.child;
const base = await demoServe.address;
const providersBase = await providersServe.address;
const get = async (p, at = base) => (await fetch(at + p)).json();
let failures = 0;
const pageErrors = [];  // uncaught errors in any dashboard page, checked at the end
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failures++;
    console.log(`not ok - ${name}\n  ${e.stack || e}`);
  }
}

async function waitForServer(at = base) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${at}/api/runs`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pco serve did not start');
}

// Readable numbers, checked independently of the dashboard's own formatting code.
const poundsOf = (text) => {
  const m = /^([−+-]?)£([\d.,]+)(k|m|bn)?$/.exec(text.trim());
  assert.ok(m, `not a readable amount of money: "${text}"`);
  const v = Number(m[2].replace(/,/g, '')) * { k: 1e3, m: 1e6, bn: 1e9, undefined: 1 }[m[3]];
  return m[1] === '−' || m[1] === '-' ? -v : v;
};
const exactPence = (title) => Math.round(Number(title.replace(/[£,]/g, '').replace('−', '-')) * 100);
const readableProbability = (p) => (p < 0.0005 ? '< 0.1%' : p > 0.9995 ? '> 99.9%' : `${(100 * p).toFixed(1)}%`);
const closeTo = (shown, value, what) => {
  // Three significant figures: within 0.5% of the value (or a pound, for small amounts).
  assert.ok(Math.abs(shown - value) <= Math.max(1, 0.005 * Math.abs(value)), `${what}: shown ${shown}, API ${value}`);
};

async function openDashboard(browser, width = 1280, hash = '', at = base) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${width} px ${hash}: ${e.message}`));
  await page.goto(`${at}/${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { context, page };
}

async function showView(page, view) {
  await page.click(`#tab-${view}`);
  await page.waitForSelector(`#view-${view}[data-state="ready"]`, { timeout: 20000 });
}

const detail = (page, f) => page.textContent(`#org-detail td[data-field="${f}"]`);
const detailTitle = (page, f) => page.getAttribute(`#org-detail td[data-field="${f}"]`, 'title');
const selectedCode = (page) => page.textContent('#org-detail td[data-field="code"]');

async function searchAndPick(page, text) {
  await page.fill('#search', text);
  await page.waitForSelector('#search-results li[role="option"]');
  await page.press('#search', 'Enter');
}

// Visible text: no scientific notation and no snake_case in headers or labels.
async function assertReadable(page, where) {
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  assert.ok(!/\d\.?\d*[eE][+-]?\d+/.test(text), `${where}: scientific notation in "${(/.{0,30}\d\.?\d*[eE][+-]?\d+.{0,30}/.exec(text) || [''])[0]}"`);
  const headers = await page.$$eval('main th, main caption, main .table-title, main label, main .chart-title', (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.textContent));
  for (const h of headers) assert.ok(!/[a-z]+_[a-z]+/.test(h), `${where}: snake_case in "${h}"`);
}

// Chromium refuses an eleventh download from one frame within a second ("too many downloads in
// a short time"), silently: the check's quick run of downloads hit it once the compare view
// gained a table. A person clicks slower than that; so does this helper.
let lastDownloads = [];
async function download(page, tableHost) {
  const now = Date.now();
  lastDownloads = lastDownloads.filter((t) => now - t < 1500);
  if (lastDownloads.length >= 5) await new Promise((r) => setTimeout(r, 1500 - (now - lastDownloads[0])));
  lastDownloads.push(Date.now());
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`${tableHost} .csv-download`)]);
  const text = readFileSync(await file.path(), 'utf8');
  const lines = text.trim().split(/\r\n/);
  const split = (line) => {
    const out = [];
    let cur = '', quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) { out.push(cur); cur = ''; } else cur += c;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]);
  return { name: file.suggestedFilename(), header, rows: lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v]))) };
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  await waitForServer();
  const runs = (await get('/api/runs')).runs;
  assert.equal(runs.length, 2);
  const orgs = (await get('/api/runs/1/organisations?level=organisation')).organisations;
  const alloc = (await get('/api/runs/1/allocations?level=organisation')).allocations;
  const risk = (await get('/api/runs/1/risk?level=organisation')).risk;
  const target = orgs[Math.floor(orgs.length / 2)];

  await check('the organisation view shows the API numbers for an organisation found by search', async () => {
    const { context, page } = await openDashboard(browser, 1280, '#run=1');
    await searchAndPick(page, target.code);
    await page.waitForFunction((c) => document.querySelector('#org-detail td[data-field="code"]').textContent === c, target.code);
    assert.equal(await detail(page, 'name'), target.name);
    assert.equal(Number((await detail(page, 'population')).replace(/,/g, '')), target.population);
    assert.equal(Number((await detail(page, 'practices')).replace(/,/g, '')), target.practices);
    assert.equal(await detail(page, 'pct_65_plus'), `${target.pct_65_plus.toFixed(1)}%`);
    const a = alloc.find((x) => x.code === target.code);
    assert.equal(exactPence(await detailTitle(page, 'allocation_pence')), a.allocation_pence);
    closeTo(poundsOf(await detail(page, 'allocation_pence')), a.allocation_pence / 100, 'allocation');
    assert.equal(await detail(page, 'need_index'), a.need_index.toFixed(3));
    const r = risk.find((x) => x.code === target.code);
    assert.equal(await detail(page, 'p_overspend_5pct'), readableProbability(r.p_overspend_5pct));
    assert.equal(await detail(page, 'p_overspend'), readableProbability(r.p_overspend));
    assert.equal(exactPence(await detailTitle(page, 'reserve99')), Math.round(r.reserve99 * 100));
    closeTo(poundsOf(await detail(page, 'reserve99')), r.reserve99, 'reserve');
    assert.equal(exactPence(await detailTitle(page, 'budget_pence')), r.budget_pence);
    const answer = await page.textContent('#answer');
    assert.ok(answer.includes(readableProbability(r.p_overspend_5pct)) && answer.includes('Fair share £'), answer);
    assert.equal(await page.locator('#exceedance path.curve').count(), 1, 'no exceedance curve');
    // The map: every organisation as an area (the API's shapes), the selected one outlined.
    const shapes = await get('/api/runs/1/areas?level=organisation');
    assert.equal(shapes.areas.length, orgs.length);
    assert.equal(await page.locator('#map path[data-code]').count(), orgs.length);
    assert.equal(await page.getAttribute(`#map path[data-code="${target.code}"]`, 'stroke'), '#000');
    assert.ok((await page.textContent(`#map path[data-code="${target.code}"] title`)).startsWith(target.code));
    assert.equal(await page.textContent('#org-table tr.selected th'), target.code);
    // Clicking an area selects its organisation.
    const other = orgs.find((o) => o.code !== target.code);
    await page.click(`#map path[data-code="${other.code}"]`, { force: true });
    await page.waitForFunction((c) => document.querySelector('#org-detail td[data-field="code"]').textContent === c, other.code);
    await assertReadable(page, 'organisations');
    await context.close();
  });

  await check('search finds organisations by code or name at every level and switches level', async () => {
    const { context, page } = await openDashboard(browser, 1280, '#run=1');
    await page.fill('#search', 'south west');
    await page.waitForSelector('#search-results li[role="option"]');
    const found = await page.$$eval('#search-results li[role="option"]', (els) => els.map((e) => [e.dataset.level, e.dataset.code, e.textContent]));
    assert.ok(found.some(([level, code]) => level === 'region' && code === 'SR1'), JSON.stringify(found));
    assert.ok(found.every(([, , text]) => /south west/i.test(text)), JSON.stringify(found));
    await page.click('#search-results li[data-level="region"][data-code="SR1"]');
    await page.waitForFunction(() => document.querySelector('#level-select').value === 'region');
    assert.equal(await selectedCode(page), 'SR1');
    await page.fill('#search', 'zzzz-no-such');
    await page.waitForSelector('#search-results li.empty');
    await context.close();
  });

  await check('columns sort both ways and the filter narrows the table', async () => {
    const { context, page } = await openDashboard(browser, 1280, '#run=1&level=organisation');
    const column = async (key) => page.$$eval(`#org-table tbody td[data-key="${key}"]`, (tds) => tds.map((t) => Number(t.textContent.replace(/[,%]/g, ''))));
    await page.click('#org-table th[data-key="population"] button');
    assert.equal(await page.getAttribute('#org-table th[data-key="population"]', 'aria-sort'), 'descending');
    let values = await column('population');
    assert.deepEqual(values, [...values].sort((x, y) => y - x));
    assert.equal(values[0], Math.max(...orgs.map((o) => o.population)));
    await page.click('#org-table th[data-key="population"] button');
    assert.equal(await page.getAttribute('#org-table th[data-key="population"]', 'aria-sort'), 'ascending');
    values = await column('population');
    assert.deepEqual(values, [...values].sort((x, y) => x - y));
    await page.click('#org-table th[data-key="name"] button');
    const names = await page.$$eval('#org-table tbody td[data-key="name"]', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(names, [...names].sort((x, y) => x.localeCompare(y, 'en-GB', { numeric: true })));
    await page.fill('#org-table-host .table-filter', '2 pco');
    const filtered = await page.$$eval('#org-table tbody tr', (trs) => trs.map((t) => t.textContent.toLowerCase()));
    assert.equal(filtered.length, orgs.filter((o) => `${o.code} ${o.name}`.toLowerCase().includes('2 pco')).length);
    assert.ok(filtered.length > 0 && filtered.every((t) => t.includes('2 pco')));
    // Choosing an organisation keeps the filter and the sort.
    const second = await page.getAttribute('#org-table tbody tr:nth-child(2)', 'data-key');
    await page.click('#org-table tbody tr:nth-child(2)');
    await page.waitForFunction((c) => document.querySelector('#org-detail td[data-field="code"]').textContent === c, second);
    assert.equal(await page.locator('#org-table tbody tr').count(), filtered.length);
    assert.equal(await page.getAttribute('#org-table th[data-key="name"]', 'aria-sort'), 'ascending');
    assert.equal(await page.getAttribute('#org-table tbody tr.selected', 'data-key'), second);
    await context.close();
  });

  await check('every table downloads as CSV with the rows shown and the API values', async () => {
    const { context, page } = await openDashboard(browser, 1280, '#run=1&level=organisation&with=2');
    const csv = await download(page, '#org-table-host');
    assert.equal(csv.name, 'pco-run1-organisation-organisations.csv');
    for (const k of ['code', 'name', 'population', 'allocation_pence', 'p_overspend_5pct', 'reserve99']) assert.ok(csv.header.includes(k), k);
    assert.equal(csv.rows.length, orgs.length);
    for (const row of csv.rows) {
      const o = orgs.find((x) => x.code === row.code);
      assert.equal(Number(row.population), o.population);
      assert.equal(Number(row.allocation_pence), alloc.find((x) => x.code === row.code).allocation_pence);
      assert.equal(Number(row.p_overspend_5pct), risk.find((x) => x.code === row.code).p_overspend_5pct);
    }
    // The selected organisation's card: one row of raw values.
    const card = await download(page, '#detail-panel');
    assert.equal(card.rows.length, 1);
    const cardRow = card.rows[0];
    const selected = await selectedCode(page);
    assert.equal(cardRow.code, selected);
    assert.equal(Number(cardRow.allocation_pence), alloc.find((x) => x.code === selected).allocation_pence);
    assert.equal(Number(cardRow.reserve99), risk.find((x) => x.code === selected).reserve99);
    // Filtered: only the rows shown.
    await page.fill('#org-table-host .table-filter', target.code);
    assert.deepEqual((await download(page, '#org-table-host')).rows.map((r) => r.code), [target.code]);
    // Every table of every view has a download whose rows are the table's.
    for (const view of ['appraisal', 'simulation', 'compare']) {
      await showView(page, view);
      const hosts = await page.$$eval(`#view-${view} .data-table`, (els) => els.filter((e) => e.offsetParent !== null).map((e) => `#${e.id}`));
      assert.ok(hosts.length >= 2, `${view}: ${hosts}`);
      for (const host of hosts) {
        const shown = await page.locator(`${host} tbody tr`).count();
        const file = await download(page, host);
        assert.equal(file.rows.length, shown, `${view} ${host}`);
        assert.ok(file.header.length >= 2 && file.name.endsWith('.csv'), `${view} ${host}`);
      }
    }
    await context.close();
  });

  await check('the appraisal view shows the configurations side by side and a tornado', async () => {
    const a = await get('/api/runs/1/appraisal');
    const { context, page } = await openDashboard(browser, 1280, `#run=1&level=organisation&org=${target.code}`);
    await showView(page, 'appraisal');
    const headers = await page.$$eval('#appraisal-table thead th', (ths) => ths.map((t) => t.textContent));
    assert.equal(headers.length, a.configurations.length + 1);
    const npv = await page.$$eval('#appraisal-table tr[data-key="npv"] td', (tds) => tds.map((t) => t.textContent));
    a.configurations.forEach((c, i) => closeTo(poundsOf(npv[i]), c.npv, `NPV of ${c.name}`));
    const alternatives = a.configurations.filter((c) => !c.status_quo);
    assert.equal(await page.locator('#npv-chart .bar-row').count(), alternatives.length);
    assert.equal(await page.getAttribute(`#npv-chart .bar-row[data-highlight="true"]`, 'data-label'), a.best);
    for (const c of alternatives) {
      await page.selectOption('#tornado-select', c.name);
      await page.waitForFunction((n) => document.querySelector('#tornado-table-host .table-title')?.textContent.endsWith(n), c.name);
      const entries = a.tornado.filter((e) => e.configuration === c.name);
      const shown = entries.slice(0, 10);
      assert.equal(await page.locator('#tornado-chart .bar-row').count(), shown.length);
      assert.equal(await page.locator('#tornado-chart rect.bar.low').count(), shown.length);
      assert.equal(await page.locator('#tornado-chart .bar-row[data-highlight="true"]').count(), shown.filter((e) => e.flips).length);
      const bars = await page.$$eval('#tornado-chart .bar-row', (gs) => gs.map((g) => [g.dataset.label, Number(g.querySelector('rect.low').dataset.from), Number(g.querySelector('rect.high').dataset.to)]));
      assert.deepEqual(bars, shown.map((e) => [e.parameter, e.npv_low, e.npv_high]));
      assert.equal(await page.locator('#tornado-table tbody tr').count(), entries.length);
    }
    // The selected organisation in each configuration.
    const focus = await page.textContent('#appraisal-focus');
    assert.ok(focus.includes(`${target.code} in each configuration`), focus);
    await assertReadable(page, 'appraisal');
    await context.close();
  });

  await check('the simulation view draws a fan chart of the selected budget holder', async () => {
    const sim = await get('/api/runs/1/simulation');
    const { context, page } = await openDashboard(browser, 1280, `#run=1&level=organisation&org=${target.code}`);
    await showView(page, 'simulation');
    assert.equal(await page.getAttribute('#fan-chart', 'data-holder'), target.code);
    const holder = sim.holders.find((h) => h.code === target.code);
    for (const cls of ['band-outer', 'band-inner', 'median']) assert.equal(await page.locator(`#fan-chart .${cls}`).count(), 1, cls);
    let points = await page.$$eval('#fan-chart circle.median-point', (cs) => cs.map((c) => [Number(c.dataset.year), Number(c.dataset.value), Number(c.getAttribute('cy'))]));
    assert.deepEqual(points.map(([y, v]) => [y, v]), holder.years.map((y) => [y.year, y.cost_q50.value]));
    // Higher values are drawn higher, and the p5-p95 band encloses the p25-p75 band.
    const outer = await page.$eval('#fan-chart .band-outer', (p) => p.getBBox().height);
    const inner = await page.$eval('#fan-chart .band-inner', (p) => p.getBBox().height);
    assert.ok(outer > inner, `bands ${outer} ${inner}`);
    const sorted = [...points].sort((p, q) => p[1] - q[1]);
    assert.ok(sorted.every((p, i) => i === 0 || p[2] <= sorted[i - 1][2]), 'median points not ordered by value');
    assert.equal(await page.locator('#fan-chart polyline.reference').count(), 1);
    await page.check('input[name="fan-mode"][value="outturn"]');
    await page.waitForSelector('#fan-chart[data-mode="outturn"]');
    points = await page.$$eval('#fan-chart circle.median-point', (cs) => cs.map((c) => Number(c.dataset.value)));
    points.forEach((v, i) => assert.ok(Math.abs(v - 100 * holder.years[i].outturn_q50.value) < 1e-9));
    const summary = await page.textContent('#sim-summary');
    assert.ok(summary.includes(`${readableProbability(holder.years[0].p_overspend.value)} ± ${(100 * holder.years[0].p_overspend.se).toFixed(1)}`), summary);
    assert.equal(await page.locator('#sim-holders tbody tr').count(), sim.holders.length);
    // Choosing another holder in the table selects it everywhere.
    const other = sim.holders[0].code === target.code ? sim.holders[1] : sim.holders[0];
    await page.click(`#sim-holders tbody tr[data-key="${other.code}"]`);
    await page.waitForFunction((c) => document.querySelector('#fan-chart')?.dataset.holder === c, other.code);
    assert.ok(page.url().includes(`org=${other.code}`));
    await assertReadable(page, 'simulation');
    await context.close();
  });

  await check('run comparison shows each organisation\'s change between the runs', async () => {
    const c = await get('/api/runs/1/compare?with=2&level=organisation');
    const { context, page } = await openDashboard(browser, 1280, '#run=1&level=organisation&org=SO001');
    await showView(page, 'compare');
    await page.selectOption('#compare-select', '2');
    await page.waitForSelector('#compare-table tbody tr');
    const so1 = c.organisations.find((o) => o.code === 'SO001');
    const cell = (code, key) => page.textContent(`#compare-table tr[data-key="${code}"] td[data-key="${key}_change"]`);
    assert.equal(await cell('SO001', 'population'), `+${so1.change.population.toLocaleString('en-GB')}`);
    assert.ok(so1.change.population > 0);
    closeTo(poundsOf(await cell('SO001', 'allocation_pence')), so1.change.allocation_pence / 100, 'allocation change');
    assert.equal(await page.getAttribute('#compare-table tr[data-key="SO002"]', 'class'), 'only-one');
    assert.equal(await cell('SO002', 'population'), '–');
    const unchanged = c.organisations.find((o) => o.in_base && o.in_other && o.code !== 'SO001');
    assert.equal(await cell(unchanged.code, 'population'), '0');
    assert.equal(await page.locator('#compare-table tbody tr').count(), c.organisations.length);
    // Sorting by the change puts the merged organisation first.
    await page.click('#compare-table th[data-key="population_change"] button');
    assert.equal(await page.textContent('#compare-table tbody tr:first-child th'), 'SO001');
    // Choosing a row keeps the sort (the table is updated, not rebuilt).
    await page.click(`#compare-table tbody tr[data-key="${unchanged.code}"]`);
    await page.waitForFunction((c) => document.querySelector('#compare-selected h3')?.textContent.startsWith(c), unchanged.code);
    assert.equal(await page.getAttribute('#compare-table th[data-key="population_change"]', 'aria-sort'), 'descending');
    assert.equal(await page.textContent('#compare-table tbody tr:first-child th'), 'SO001');
    await page.click('#compare-table tbody tr[data-key="SO001"]');
    await page.waitForFunction(() => document.querySelector('#compare-selected h3')?.textContent.startsWith('SO001'));
    assert.ok((await page.textContent('#compare-selected h3')).startsWith('SO001'));
    const totals = await page.textContent('#compare-totals tr[data-key="population"] td[data-key="change"]');
    assert.equal(totals, '0');  // the same patients, differently organised
    assert.ok(page.url().includes('with=2'));
    await assertReadable(page, 'compare');
    await context.close();
  });

  await check('the selection is kept across levels', async () => {
    const { context, page } = await openDashboard(browser, 1280, '#run=1&level=organisation');
    await searchAndPick(page, target.code);
    await page.waitForFunction((c) => document.querySelector('#org-detail td[data-field="code"]').textContent === c, target.code);
    const choose = async (level) => {
      await page.selectOption('#level-select', level);
      await page.waitForFunction((l) => new URLSearchParams(location.hash.slice(1)).get('level') === l && document.querySelector('#view-organisations').dataset.state === 'ready', level);
      return selectedCode(page);
    };
    assert.equal(await choose('region'), target.parent);
    const networks = (await get('/api/runs/1/organisations?level=network')).organisations;
    const network = await choose('network');
    assert.equal(networks.find((n) => n.code === network).parent, target.code);
    assert.equal(await choose('organisation'), target.code);
    // Up and down again through a region chosen by hand keeps what was chosen below it.
    assert.equal(await choose('region'), target.parent);
    assert.equal(await choose('organisation'), target.code);
    // The address keeps the selection: reopening it shows the same organisation.
    const again = await context.newPage();
    await again.goto(page.url());
    await again.waitForSelector('body[data-ready="true"]');
    assert.equal(await selectedCode(again), target.code);
    await context.close();
  });

  await check('every view fits 390 px without horizontal overflow; screenshots at 390 and 1280 px', async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await openDashboard(browser, width, `#run=1&level=organisation&org=${target.code}&with=2`);
      for (const view of ['organisations', 'appraisal', 'simulation', 'compare']) {
        await showView(page, view);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0, `${view} at ${width} px overflows by ${overflow} px`);
        const charts = await page.$$eval(`#view-${view} .chart svg`, (svgs) => svgs.map((s) => [s.getBoundingClientRect().right, s.parentElement.getBoundingClientRect().right]));
        for (const [right, host] of charts) assert.ok(right <= host + 0.5, `${view} at ${width}: a chart is wider than its box`);
        const file = `dashboard-${view}-${width}.png`;
        await page.screenshot({ path: path.join(shots, file), fullPage: true });
        if (docsImg) await page.screenshot({ path: path.join(docsImg, file), fullPage: false });
      }
      await context.close();
    }
  });

  await check('the providers view draws the money flows and lists providers and contracts from the API', async () => {
    await waitForServer(providersBase);
    const data = await get('/api/runs/1/contracts', providersBase);
    const { context, page } = await openDashboard(browser, 1280, '#run=1&level=organisation&org=SO001', providersBase);
    await showView(page, 'providers');
    assert.equal(await page.getAttribute('#sankey', 'data-selected'), 'SO001');
    // One band per commissioner-provider pair drawn (the small ones grouped), the selected one's dark.
    const bands = await page.locator('#sankey path.flow').count();
    assert.ok(bands > 0 && bands <= data.money_flows.length, `bands ${bands}`);
    const so1 = data.money_flows.filter((m) => m.commissioner === 'SO001').length;
    assert.ok(await page.locator('#sankey path.flow[stroke-opacity="0.75"]').count() >= Math.min(1, so1));
    // Providers: every one, its income as the API says.
    assert.equal(await page.locator('#providers tbody tr').count(), data.providers.length);
    const first = data.providers[0];
    const income = await page.textContent(`#providers tr[data-key="${first.code}"] td[data-key="expected_income"]`);
    closeTo(poundsOf(income), first.expected_income, `income of ${first.code}`);
    // The selected commissioner's contracts, largest payment first.
    const own = data.contracts.filter((c) => c.commissioner === 'SO001');
    assert.ok(own.length > 0);
    assert.equal(await page.locator('#contracts tbody tr').count(), own.length);
    const largest = own.reduce((a, b) => (b.expected_payment > a.expected_payment ? b : a));
    closeTo(poundsOf(await page.textContent('#contracts tbody tr:first-child td[data-key="expected_payment"]')), largest.expected_payment, 'largest contract');
    const csv = await download(page, '#contract-table-host');
    assert.equal(csv.rows.length, own.length);
    assert.ok(csv.rows.every((r) => r.commissioner === 'SO001'));
    assert.ok(Math.abs(Number(csv.rows[0].sd_payment) - largest.sd_payment) <= 1e-6 * Math.max(1, largest.sd_payment));
    const services = await page.$$eval('#contracts tbody td[data-key="services"]', (tds) => tds.map((t) => t.textContent));
    assert.ok(services.every((t) => !t.includes('_')), `snake_case in services: ${services}`);
    await assertReadable(page, 'providers');
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await showView(page, 'organisations');
      await showView(page, 'providers');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `providers at ${width} px overflows by ${overflow} px`);
      // Sankey labels stay inside the chart (cut with an ellipsis on narrow screens).
      const outside = await page.$$eval('#sankey svg text', (ts) => {
        const box = ts[0].ownerSVGElement.getBoundingClientRect();
        return ts.filter((t) => { const r = t.getBoundingClientRect(); return r.left < box.left - 0.5 || r.right > box.right + 0.5; }).map((t) => t.textContent);
      });
      assert.deepEqual(outside, [], `providers at ${width} px: labels outside the chart`);
      await page.screenshot({ path: path.join(shots, `dashboard-providers-${width}.png`), fullPage: true });
      if (docsImg) await page.screenshot({ path: path.join(docsImg, `dashboard-providers-${width}.png`), fullPage: false });
    }
    await context.close();
  });

  await check('numbers are formatted for reading (format.js in the browser)', async () => {
    const { context, page } = await openDashboard(browser, 800, '#run=1');
    const out = await page.evaluate(async () => {
      const f = await import('/format.js');
      return [f.money(1234567), f.money(15.44e9), f.money(147e6), f.money(999.6e3), f.money(-2.5e6, { sign: true }),
        f.money(12345, { sign: true }), f.money(950), f.money(9876), f.probability(3.2e-5), f.probability(0.0234),
        f.probability(0.99996), f.probability(0), f.probability(0, { exact: true }), f.probabilityWithSe(0.023, 0.004),
        f.percent(-4.123, { sign: true }), f.integer(1234567), f.humanise('discount_rate'), f.probabilityChange(-0.0003),
        f.money(null)];
    });
    assert.deepEqual(out, ['£1.23m', '£15.4bn', '£147m', '£1.00m', '−£2.50m', '+£12.3k', '£950', '£9,876', '< 0.1%', '2.3%',
      '> 99.9%', '< 0.1%', '0%', '2.3% ± 0.4', '−4.1%', '1,234,567', 'Discount rate', '−0.0 pp', '–']);
    await context.close();
  });

  await check('no dashboard page threw an uncaught error', async () => {
    assert.deepEqual(pageErrors, []);
  });

  await check('report.html renders every chart offline', async () => {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto('file://' + path.join(demo, 'report.html'));
    // The report opens with its summary; every other section is a <details> its reader opens
    // (no script needed), and the map's measures are tabs of which one shows at a time.
    await page.screenshot({ path: path.join(shots, 'report.png'), fullPage: false });
    const closed = page.locator('details.section:not([open]) > summary');
    while ((await closed.count()) > 0) await closed.first().click();
    const charts = page.locator('svg:visible');
    const svgs = await charts.count();
    assert.ok(svgs >= 4, `expected at least 4 charts, found ${svgs}`);
    for (let i = 0; i < svgs; i++) {
      const box = await charts.nth(i).boundingBox();
      assert.ok(box && box.width > 100 && box.height > 50, `chart ${i} has no size`);
      const marks = await charts.nth(i).locator('circle, rect, path, polygon').count();
      assert.ok(marks > 0, `chart ${i} drew nothing`);
    }
    // Every map tab shows its own map when chosen.
    const tabs = page.locator('.tabs > label');
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      assert.ok((await page.locator('.tabs .panel:visible svg path[data-code]').count()) > 0, `map tab ${i} is empty`);
    }
    assert.deepEqual(requests, [], 'the report asked for network resources');
    await context.close();
  });
} finally {
  await browser.close();
  server.kill('SIGINT');
  providersServer.kill('SIGINT');
}
console.log(failures ? `${failures} browser test(s) failed` : 'all browser tests passed');
console.log(`screenshots in ${shots}${docsImg ? ` and ${docsImg}` : ''}`);
process.exit(failures ? 1 : 0);
