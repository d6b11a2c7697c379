// Custom Apache ECharts bundle for Caseboard.
//
// Built by tools/build-echarts.mjs into vendor/echarts.min.js as a classic
// (IIFE) script that defines the global `echarts`. charming's WasmRenderer
// calls the global `echarts.init(dom, theme, { width, height })` and then
// `chart.setOption(...)`, so this file must be loaded with a plain
// <script defer> tag *before* the wasm bundle starts.
//
// Only the chart types and components the app uses are registered; anything
// else in an option is silently ignored by ECharts, so add it here when a new
// chart/component is needed.

import { use } from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  MarkLineComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

// Re-export the whole public core API (init, use, getInstanceByDom,
// getInstanceById, dispose, connect, disconnect, registerTheme, graphic,
// format, time, version, ...). With esbuild's `--format=iife
// --global-name=echarts` these become properties of `window.echarts`.
export * from 'echarts/core';
