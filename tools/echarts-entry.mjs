// Custom Apache ECharts bundle for Caseboard.
//
// Built by tools/build-echarts.mjs into vendor/echarts.min.js as a classic
// (IIFE) script that defines the global `echarts`. The page adds it as a plain
// <script> element when a chart first comes near the screen
// (src/app/results/chart_lib.rs), then calls the global `echarts.init` and
// `setOption` with the options the worker builds.
//
// Only the chart types and components the app uses are registered; anything
// else in an option is silently ignored by ECharts, so add it here when a new
// chart/component is needed.

import { use, init, getInstanceByDom } from 'echarts/core';
// Bubbles and payback markers are line series with the line hidden: no ScatterChart needed.
import { BarChart, LineChart } from 'echarts/charts';
// Not here on purpose: legends, tooltips and the break-even line are the app's own (HTML and a
// plain series), which keeps the Legend, Tooltip (+ axisPointer) and MarkLine components out of
// the download.
// Decal patterns are set per series (itemStyle.decal, drawn by the core), so no AriaComponent.
// GridSimpleComponent is the cartesian grid without the axisPointer that GridComponent also
// installs; nothing here shows an axis pointer.
import { GridSimpleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  GridSimpleComponent,
  CanvasRenderer,
]);

// --- Printing. Just before the page is printed (the Print button or the browser's menu, alike),
// every drawn chart is drawn again, off screen, at the size it prints (style/main.css: 136 × 68 mm,
// two to a row of an A4 landscape page), in the light theme and without animation, into a new
// canvas that the printed page shows in place of the chart: nothing is scaled, so labels print at
// their own size (13 px = 9.75 pt). (A chart's own canvas resized inside `beforeprint` would print
// its previous picture; a new canvas prints what was drawn into it.) After printing they go.
const MM = 96 / 25.4;
const PRINTED = { width: Math.round(136 * MM), height: Math.round(68 * MM) };
function picture(option, width, height, pixelRatio) {
  const chart = init(document.createElement('div'), null, { renderer: 'canvas', width, height, devicePixelRatio: pixelRatio });
  chart.setOption(Object.assign({}, option, { animation: false }));
  const canvas = chart.renderToCanvas({ pixelRatio, backgroundColor: '#fff' });
  chart.dispose();
  return canvas;
}
addEventListener('beforeprint', () => {
  for (const el of document.querySelectorAll('.chart')) {
    const inst = getInstanceByDom(el);
    const figure = el.closest('.chart-figure');
    if (!inst || !inst.caseboardOption || !figure) continue;
    const old = figure.querySelector('canvas.print-picture');
    if (old) old.remove();
    const canvas = picture(inst.caseboardOption, PRINTED.width, PRINTED.height, 3);
    // sized and placed by the printed page's styles, not the chart library's inline ones
    canvas.removeAttribute('style');
    canvas.className = 'print-picture';
    canvas.setAttribute('aria-hidden', 'true');
    // the size it was drawn for, in CSS pixels (the print tests compare it with the printed size)
    canvas.dataset.width = String(PRINTED.width);
    figure.appendChild(canvas);
  }
});
addEventListener('afterprint', () => document.querySelectorAll('canvas.print-picture').forEach((c) => c.remove()));

// --- Chart images. A chart is drawn afresh, off screen, in the light theme and without
// animation, from the option the page gave it (`caseboardOption`, set with each option), with
// its title above it: a PNG at twice the pixels, or an SVG (the SVG renderer is a second bundle,
// vendor/echarts-svg.min.js, loaded the first time an SVG is asked for).
const TITLE = 36;
const slug = (t) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
const escapeXml = (t) => t.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

let svgLib;
function withSvg(then) {
  if (window.echartsSvg) return then(window.echartsSvg);
  if (!svgLib) {
    svgLib = [];
    const s = document.createElement('script');
    s.src = 'echarts-svg.min.js';
    s.onload = () => svgLib.splice(0).forEach((f) => f(window.echartsSvg));
    s.onerror = () => svgLib.splice(0).forEach((f) => f(null));
    document.head.appendChild(s);
  }
  svgLib.push(then);
}

/** Downloads the chart drawn in `el` as `type` ('png' or 'svg') with `title` above it; `done`
 * hears whether it worked. */
export function exportChart(el, title, type, done) {
  const inst = getInstanceByDom(el);
  const option = inst && inst.caseboardOption;
  if (!option) return done(false);
  const width = el.clientWidth || 640;
  const height = el.clientHeight || 320;
  if (type === 'png') {
    const drawn = picture(option, width, height, 2);
    const out = document.createElement('canvas');
    out.width = width * 2;
    out.height = (height + TITLE) * 2;
    const g = out.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, out.width, out.height);
    g.fillStyle = '#1a1a1a';
    g.font = '600 32px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    g.textBaseline = 'middle';
    g.fillText(title, 24, TITLE);
    g.drawImage(drawn, 0, TITLE * 2);
    out.toBlob((b) => {
      if (b) save(b, `${slug(title)}.png`);
      done(!!b);
    }, 'image/png');
    return;
  }
  withSvg((lib) => {
    if (!lib) return done(false);
    const chart = lib.init(null, null, { renderer: 'svg', ssr: true, width, height });
    chart.setOption(Object.assign({}, option, { animation: false }));
    const inner = chart.renderToSVGString();
    chart.dispose();
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + TITLE}" viewBox="0 0 ${width} ${height + TITLE}">` +
      `<rect width="100%" height="100%" fill="#fff"/>` +
      `<text x="12" y="${TITLE / 2}" dominant-baseline="middle" font-family="system-ui, sans-serif" font-size="16" font-weight="600" fill="#1a1a1a">${escapeXml(title)}</text>` +
      `<g transform="translate(0 ${TITLE})">${inner}</g></svg>`;
    save(new Blob([svg], { type: 'image/svg+xml' }), `${slug(title)}.svg`);
    done(true);
  });
}

// Export only what the app and its tests call: exporting the whole core API (`export *`) would
// keep every helper in the bundle.
export { init, getInstanceByDom };
