// A table every view shares: a filter box (code or name), columns sorted by clicking their
// header, and a CSV download of the rows shown (filtered, in the shown order) with the API's
// field names and raw values (pence, pounds, fractions), so a download joins to API output.
//
// Column: { key, label, value(row) → raw value for sorting and CSV (default row[key]),
//           format(value, row) → text shown, numeric, title(row) → tooltip,
//           csv: false to leave out of the CSV, display: false to put only in the CSV }.

import { DASH } from './format.js';

function csvField(v) {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  let text = String(v);
  // A spreadsheet would run a text cell starting with = + - @ as a formula.
  if (typeof v === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns, rows) {
  const cols = columns.filter((c) => c.csv !== false);
  const lines = [cols.map((c) => csvField(c.key)).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvField(c.value ? c.value(row) : row[c.key])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser fetches the blob after the click returns, later still on a loaded machine; revoking
  // it after a second lost downloads in CI, so the URL lives a minute.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function compare(a, b) {
  const na = a === null || a === undefined || Number.isNaN(a);
  const nb = b === null || b === undefined || Number.isNaN(b);
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;  // missing values last either way
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en-GB', { numeric: true });
}

export class DataTable {
  // container: an element to fill; options: { id, caption, columns, rows, key(row),
  // searchKeys: fields matched by the filter (filterLabel names them), csvName(), onSelect(row),
// sortable, filter, rowClass(row) }.
  constructor(container, options) {
    this.container = container;
    this.options = { sortable: true, filter: true, searchKeys: ['code', 'name'], ...options };
    this.sort = options.sort || null;  // { key, direction: 1 | -1 }
    this.query = '';
    this.selected = null;
    this.build();
  }

  build() {
    const o = this.options;
    this.container.replaceChildren();
    this.container.classList.add('data-table');
    const bar = document.createElement('div');
    bar.className = 'table-tools';
    if (o.caption) {
      this.title = document.createElement('span');
      this.title.className = 'table-title';
      this.title.textContent = o.caption;
      bar.appendChild(this.title);
    }
    if (o.filter) {
      this.filterInput = document.createElement('input');
      this.filterInput.type = 'search';
      this.filterInput.className = 'table-filter';
      const what = o.filterLabel || 'code or name';
      this.filterInput.placeholder = `Filter by ${what}`;
      this.filterInput.setAttribute('aria-label', `Filter ${o.caption || 'table'} by ${what}`);
      this.filterInput.addEventListener('input', () => {
        this.query = this.filterInput.value.trim().toLowerCase();
        this.renderBody();
      });
      bar.appendChild(this.filterInput);
    }
    this.count = document.createElement('span');
    this.count.className = 'row-count';
    bar.appendChild(this.count);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'csv-download';
    button.textContent = 'Download CSV';
    button.addEventListener('click', () => download(o.csvName(), toCsv(o.columns, this.visibleRows())));
    bar.appendChild(button);
    const scroll = this.scroll = document.createElement('div');
    // Long lists scroll inside the page with their header in view; short tables show whole.
    scroll.className = o.filter ? 'table-scroll tall' : 'table-scroll';
    this.table = document.createElement('table');
    if (o.id) this.table.id = o.id;
    if (o.caption) {
      const caption = document.createElement('caption');
      caption.className = 'visually-hidden';  // shown in the tools bar above
      caption.textContent = o.caption;
      this.table.appendChild(caption);
    }
    this.thead = this.table.createTHead();
    this.tbody = this.table.createTBody();
    scroll.appendChild(this.table);
    this.container.append(bar, scroll);
    this.renderHead();
    this.renderBody();
  }

  displayed() {
    return this.options.columns.filter((c) => c.display !== false);
  }

  // New rows, columns or caption for the same table: the filter and the sort stay.
  update(options) {
    this.options = { ...this.options, ...options };
    if (this.title) this.title.textContent = this.options.caption || '';
    this.renderHead();
    this.renderBody();
  }

  // Marks the row of `key` and scrolls the table (not the page) so that it is in view.
  setSelected(key) {
    this.selected = key;
    let row = null;
    for (const tr of this.tbody.rows) {
      tr.classList.toggle('selected', tr.dataset.key === key);
      if (tr.dataset.key === key) row = tr;
    }
    const box = this.scroll;
    if (row && box.scrollHeight > box.clientHeight) {
      const head = this.thead.getBoundingClientRect().height;
      const top = row.offsetTop - head;
      if (top < box.scrollTop || row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight) {
        box.scrollTop = Math.max(0, top - (box.clientHeight - head) / 3);
      }
    }
  }

  visibleRows() {
    const o = this.options;
    let rows = o.rows;
    if (this.query) {
      rows = rows.filter((r) => o.searchKeys.some((k) => String(r[k] ?? '').toLowerCase().includes(this.query)));
    }
    if (this.sort) {
      const col = o.columns.find((c) => c.key === this.sort.key);
      const value = col && col.value ? col.value : (r) => r[this.sort.key];
      rows = rows.map((r, i) => [r, i]).sort((a, b) => {
        const va = value(a[0]), vb = value(b[0]);
        const missingA = va === null || va === undefined || Number.isNaN(va);
        const missingB = vb === null || vb === undefined || Number.isNaN(vb);
        if (missingA || missingB) return compare(va, vb) || a[1] - b[1];
        return this.sort.direction * compare(va, vb) || a[1] - b[1];
      }).map(([r]) => r);
    }
    return rows;
  }

  renderHead() {
    const tr = document.createElement('tr');
    for (const c of this.displayed()) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.key = c.key;
      if (c.numeric) th.className = 'n';
      if (c.help) th.title = c.help;
      if (this.options.sortable) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'sort';
        b.textContent = c.label;
        b.addEventListener('click', () => {
          const direction = this.sort && this.sort.key === c.key ? -this.sort.direction : c.numeric ? -1 : 1;
          this.sort = { key: c.key, direction };
          this.renderHead();
          this.renderBody();
        });
        th.appendChild(b);
        th.setAttribute('aria-sort', this.sort && this.sort.key === c.key
          ? (this.sort.direction > 0 ? 'ascending' : 'descending') : 'none');
      } else {
        th.textContent = c.label;
      }
      tr.appendChild(th);
    }
    this.thead.replaceChildren(tr);
  }

  renderBody() {
    const o = this.options;
    const rows = this.visibleRows();
    const cols = this.displayed();
    const body = document.createDocumentFragment();
    for (const r of rows) {
      const tr = document.createElement('tr');
      const key = o.key ? o.key(r) : r.code;
      tr.dataset.key = key;
      if (key === this.selected) tr.className = 'selected';
      if (o.rowClass) {
        const extra = o.rowClass(r);
        if (extra) tr.classList.add(extra);
      }
      for (const c of cols) {
        const td = document.createElement(c.header ? 'th' : 'td');
        if (c.header) td.scope = 'row';
        const raw = c.value ? c.value(r) : r[c.key];
        td.textContent = c.format ? c.format(raw, r) : raw ?? DASH;
        td.dataset.key = c.key;
        if (c.numeric) td.className = 'n';
        if (c.title) {
          const t = c.title(r);
          if (t) td.title = t;
        }
        tr.appendChild(td);
      }
      if (o.onSelect) {
        tr.tabIndex = 0;
        tr.addEventListener('click', () => o.onSelect(r));
        tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') o.onSelect(r); });
      }
      body.appendChild(tr);
    }
    this.tbody.replaceChildren(body);
    this.count.textContent = rows.length === o.rows.length
      ? `${rows.length.toLocaleString('en-GB')} rows`
      : `${rows.length.toLocaleString('en-GB')} of ${o.rows.length.toLocaleString('en-GB')} rows`;
  }
}

// The table in `host`: the one already there when it shows the same thing (`identity`, e.g.
// run and level), updated in place so that a new selection keeps the user's sort and filter;
// a new table otherwise.
export function tableIn(host, options) {
  const existing = host.dataTable;
  if (existing && existing.options.identity === options.identity && host.contains(existing.table)) {
    existing.update(options);
    return existing;
  }
  const table = new DataTable(host, options);
  host.dataTable = table;
  return table;
}
