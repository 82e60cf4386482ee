// Numbers as a finance lead reads them, by the same rules as the report (src/core/number_format
// on the report's side): pounds with sensible units (£9,876, £12.3k, £1.23m, £15.4bn), fixed
// decimals for percentages, "< 0.1%" instead of scientific notation, thousands separators.
// Every function returns '–' for a missing value (null, undefined, NaN), never "NaN".

const DASH = '–';
const MINUS = '−';

const missing = (v) => v === null || v === undefined || Number.isNaN(Number(v));

// Three significant figures, without trailing zeros after the point beyond what 3 s.f. need.
function sig3(v) {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

// £ with a unit chosen by size, three significant figures from £10,000 up: £950, £9,876,
// £12.3k, £123k, £1.23m, £147m, £15.4bn.
export function money(pounds, { sign = false } = {}) {
  if (missing(pounds)) return DASH;
  const v = Number(pounds);
  const a = Math.abs(v);
  let text;
  if (a >= 1e9) text = `£${sig3(a / 1e9)}bn`;
  else if (a >= 1e6) text = `£${sig3(a / 1e6)}m`;
  else if (a >= 9999.5) text = `£${sig3(a / 1e3)}k`;
  else text = `£${Math.round(a).toLocaleString('en-GB')}`;
  // A rounding of 999.6k to "£1000k" reads wrong: carry into the next unit.
  text = text.replace(/^£1000k$/, '£1.00m').replace(/^£1000m$/, '£1.00bn');
  if (v < 0 && text !== '£0') return MINUS + text;
  if (sign && v > 0 && text !== '£0') return '+' + text;
  return text;
}

export const moneyFromPence = (pence, options) => (missing(pence) ? DASH : money(Number(pence) / 100, options));

// Exact pounds and pence with thousands separators, for tooltips and detail.
export function poundsExact(pounds) {
  if (missing(pounds)) return DASH;
  const v = Number(pounds);
  const text = Math.abs(v).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${v < 0 ? MINUS : ''}£${text}`;
}

// A probability (0..1) as a percentage with one decimal; below 0.05% it reads "< 0.1%",
// above 99.95% "> 99.9%". 0 and 1 read "0%" and "100%" only when `exact` (a count, not an
// estimate): an estimated or computed 0 is "< 0.1%".
export function probability(p, { exact = false } = {}) {
  if (missing(p)) return DASH;
  const v = Number(p);
  if (exact && v === 0) return '0%';
  if (exact && v === 1) return '100%';
  if (v < 0.0005) return '< 0.1%';
  if (v > 0.9995) return '> 99.9%';
  return `${(100 * v).toFixed(1)}%`;
}

// An estimate with its Monte Carlo standard error in percentage points: "2.3% ± 0.4".
export function probabilityWithSe(p, se) {
  if (missing(p)) return DASH;
  return `${probability(p)} ± ${missing(se) ? DASH : (100 * Number(se)).toFixed(1)}`;
}

// A change in a probability, in percentage points; a change too small to show reads −0.0 pp or
// +0.0 pp, so its direction stays visible.
export function probabilityChange(d) {
  if (missing(d)) return DASH;
  const v = 100 * Number(d);
  if (v === 0) return '0 pp';
  return `${v < 0 ? MINUS : '+'}${Math.abs(v).toFixed(1)} pp`;
}

// A value already in per cent (e.g. distance from target): fixed decimals, optional sign.
export function percent(v, { digits = 1, sign = false } = {}) {
  if (missing(v)) return DASH;
  const x = Number(v);
  const text = Math.abs(x).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${x < 0 ? MINUS : sign ? '+' : ''}${text}%`;
}

// A fraction (0..1) shown as a percentage, e.g. a coefficient of variation or outturn.
export const fractionPercent = (v, options) => (missing(v) ? DASH : percent(100 * Number(v), options));

export function integer(v, { sign = false } = {}) {
  if (missing(v)) return DASH;
  const x = Math.round(Number(v));
  const text = Math.abs(x).toLocaleString('en-GB');
  return `${x < 0 ? MINUS : sign && x > 0 ? '+' : ''}${text}`;
}

export function decimal(v, digits, { sign = false } = {}) {
  if (missing(v)) return DASH;
  const x = Number(v);
  const text = Math.abs(x).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${x < 0 ? MINUS : sign ? '+' : ''}${text}`;
}

// "discount_rate" → "Discount rate": no snake_case in visible text.
export function humanise(name) {
  const text = String(name).replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// A round step for axis ticks covering [lo, hi] with about `count` ticks.
export function ticks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // The round step giving the tick count nearest to the one asked for.
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power)
    .reduce((best, s) => (Math.abs((hi - lo) / s - count) < Math.abs((hi - lo) / best - count) ? s : best));
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

export { DASH, MINUS };
