/**
 * The part of echarts the statistics draw with, and nothing more: line and bar
 * charts on a grid with a legend and tooltips, painted on a canvas. Imported only
 * by the admin subpackage, so the main package never carries it.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { echarts }
export type { EChartsCoreOption as ChartOption, EChartsType as ChartInstance } from 'echarts/core'
