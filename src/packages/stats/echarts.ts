/**
 * The part of echarts the statistics draw with, and nothing more: line and bar
 * charts on a plain grid, painted on a canvas, each point labelled with its figure.
 * It is most of this subpackage (~460 KiB of WeChat's 500 per subpackage), which is
 * why 数据统计 is a subpackage of its own and why the legend (the communities'
 * names beside their colours) is drawn by the page and there is no tooltip: echarts'
 * legend and tooltip components would take it over the limit, and a label on every
 * point reads better on a phone than a tooltip a finger has to find.
 *
 * Named imports only: `import * as echarts from 'echarts/core'` handed on as an
 * object kept every export of the core in the bundle.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { GridSimpleComponent } from 'echarts/components'
import { init, setPlatformAPI, use as register } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

register([LineChart, BarChart, GridSimpleComponent, CanvasRenderer])

export const echarts = { init, setPlatformAPI }
export type { EChartsCoreOption as ChartOption, EChartsType as ChartInstance } from 'echarts/core'
