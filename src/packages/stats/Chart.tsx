import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { echarts, type ChartInstance, type ChartOption } from './echarts'

export interface ChartProps {
  /** unique on the page: the canvas is found by it */
  id: string
  option: ChartOption
  /** px; the width follows the card */
  height?: number
  /** what the chart shows, for screen readers (the figures are also listed beside it) */
  label: string
}

/**
 * One echarts chart in H5 and in the mini-program. H5 hands echarts a DOM element
 * and lets it make its canvas; WeChat has no DOM, so the chart draws on the node of
 * a `<Canvas type="2d">`, sized in device pixels, through the small adapter below.
 */
export function Chart({ id, option, height = 220, label }: ChartProps) {
  const chart = useRef<ChartInstance | null>(null)
  const latest = useRef(option)
  latest.current = option

  useEffect(() => {
    let disposed = false
    const mount = process.env.TARO_ENV === 'h5' ? mountInDom(id) : mountOnCanvas(id, height)
    void mount.then((c) => {
      if (!c) return
      if (disposed) return c.dispose()
      chart.current = c
      c.setOption(latest.current)
    })
    const resize = () => chart.current?.resize()
    if (process.env.TARO_ENV === 'h5') window.addEventListener('resize', resize)
    return () => {
      disposed = true
      if (process.env.TARO_ENV === 'h5') window.removeEventListener('resize', resize)
      chart.current?.dispose()
      chart.current = null
    }
  }, [id, height])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  if (process.env.TARO_ENV === 'h5') {
    return <View id={id} className="stats-chart" style={{ height: `${height}px` }} role="img" aria-label={label} />
  }
  return (
    <Canvas
      id={id}
      type="2d"
      className="stats-chart"
      style={{ width: '100%', height: `${height}px` }}
      aria-label={label}
    />
  )
}

async function mountInDom(id: string): Promise<ChartInstance | null> {
  const el = document.getElementById(id)
  return el ? echarts.init(el, undefined, { renderer: 'canvas' }) : null
}

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): CanvasRenderingContext2D
}

/**
 * The mini-program's canvas as echarts expects a canvas element: its 2d context,
 * its size, and event hooks echarts may call (the charts take no touches: every
 * point carries its label). Text is measured on the same context.
 */
function adapter(node: CanvasNode) {
  return {
    getContext: (kind: '2d') => node.getContext(kind),
    get width() {
      return node.width
    },
    set width(w: number) {
      node.width = w
    },
    get height() {
      return node.height
    },
    set height(h: number) {
      node.height = h
    },
    style: {},
    addEventListener() {},
    removeEventListener() {},
    attachEvent() {},
    detachEvent() {},
  }
}

function mountOnCanvas(id: string, height: number): Promise<ChartInstance | null> {
  return new Promise((done) => {
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
          const found = res?.[0]
          if (!found?.node) return done(null)
          const dpr = Taro.getWindowInfo?.().pixelRatio ?? Taro.getSystemInfoSync().pixelRatio
          const width = found.width ?? 300
          const h = found.height ?? height
          found.node.width = width * dpr
          found.node.height = h * dpr
          const canvas = adapter(found.node)
          const ctx = found.node.getContext('2d')
          echarts.setPlatformAPI({ measureText: (text: string, font?: string) => ((ctx.font = font ?? '12px sans-serif'), ctx.measureText(text)) })
          done(echarts.init(canvas as unknown as HTMLElement, undefined, { width, height: h, devicePixelRatio: dpr }))
        })
    })
  })
}
