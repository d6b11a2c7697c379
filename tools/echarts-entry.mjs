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

// Export only what the app and its tests call: exporting the whole core API (`export *`) would
// keep every helper in the bundle.
export { init, getInstanceByDom };
