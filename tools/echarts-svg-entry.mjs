// The SVG bundle: the same charts drawn by echarts' SVG renderer, for chart images saved as SVG.
// Built by tools/build-echarts.mjs into vendor/echarts-svg.min.js (global `echartsSvg`); the main
// bundle (echarts-entry.mjs) loads it the first time an SVG is asked for, so no one else
// downloads it.

import { use, init } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridSimpleComponent, SVGRenderer]);

export { init };
