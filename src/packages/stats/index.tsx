import { Picker, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { now } from '../../api/clock'
import { Card, ChipGroup, Empty, Page, QueryView, SectionTitle } from '../../components'
import { useAccess, useMe, useQuery, useRefreshOnPullDown } from '../../hooks'
import { useElderMode } from '../../theme'
import { inChina } from '../../utils/date'
import { Chart } from './Chart'
import { MonthlyReport } from './MonthlyReport'
import type { ChartOption } from './echarts'
import { monthLabel, periodRange, plot, showChange, showFigure, type CommunityStats, type Compared, type Figure, type Overview, type PeriodChoice } from './figures'
import './index.scss'

const CHOICES: Array<{ value: PeriodChoice; label: string }> = [
  { value: 'month', label: '本月' },
  { value: 'lastMonth', label: '上月' },
  { value: 'quarter', label: '本季度' },
  { value: 'custom', label: '自定义' },
]

/** Series colours that keep AA contrast on white (the legend above a chart names each). */
const PALETTE = ['#057a3d', '#576b95', '#a8590a', '#c62828', '#6a3fb5', '#00707a']

/**
 * 数据统计: how the community is doing in a period, against the one before (较上期),
 * with the last months as charts. The 街道 sees the same charts with each of its
 * communities side by side. Counts only; a group of fewer than 5 people reads 「<5」.
 */
export default function StatsPage() {
  const me = useMe()
  const access = useAccess()
  const [choice, setChoice] = useState<PeriodChoice>('month')
  const today = inChina(now()).format('YYYY-MM-DD')
  const [custom, setCustom] = useState({ from: `${today.slice(0, 8)}01`, to: today })
  const range = choice === 'custom' ? custom : periodRange(choice, now())
  const allowed = access.canSeeStats
  const stats = useQuery('stats.overview', range, [range.from, range.to, me.data?.current?.communityId], { enabled: allowed })
  useRefreshOnPullDown(stats.refresh)

  return (
    <Page id="page-stats">
      <QueryView query={me} rows={4}>
        {() =>
          !allowed ? (
            <Empty id="stats-forbidden" title="数据统计只对居委会、管理员和街道开放" hint="如需了解社区情况，请看议事厅和公告栏。" />
          ) : (
            <>
              <Card id="stats-period">
                <ChipGroup
                  id="stats-period-choice"
                  options={CHOICES.map((c) => ({ ...c, id: `period-${c.value}` }))}
                  selected={[choice]}
                  onSelect={(v) => setChoice(v as PeriodChoice)}
                />
                {choice === 'custom' && (
                  <View className="stats-custom">
                    <DayField id="stats-from" label="开始" value={custom.from} end={custom.to} onChange={(from) => setCustom((c) => ({ ...c, from }))} />
                    <DayField id="stats-to" label="结束" value={custom.to} start={custom.from} end={today} onChange={(to) => setCustom((c) => ({ ...c, to }))} />
                  </View>
                )}
                {stats.data && (
                  <Text id="stats-period-text" className="stats-note">
                    {`${stats.data.period.from} 至 ${stats.data.period.to}（${stats.data.period.days} 天），较上期：${stats.data.previous.from} 至 ${stats.data.previous.to}`}
                  </Text>
                )}
              </Card>
              <QueryView query={stats} rows={6} loadingText="正在统计…">
                {(data) => (data.communities.length === 0 ? <Empty id="stats-empty" title="还没有关联的社区" hint="请联系社区管理员把街道账号加入社区。" /> : <Figures data={data} />)}
              </QueryView>
              {access.canExportMonthlyReport && <MonthlyReport />}
            </>
          )
        }
      </QueryView>
    </Page>
  )
}

function DayField({ id, label, value, start, end, onChange }: { id: string; label: string; value: string; start?: string; end?: string; onChange: (day: string) => void }) {
  return (
    <Picker id={id} mode="date" value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className="stats-day">
        <Text className="stats-day__label">{label}</Text>
        <Text className="stats-day__value">{value}</Text>
      </View>
    </Picker>
  )
}

type Groups = CommunityStats['figures']
/** The fields of a group of figures that hold a T. */
type Field<G extends keyof Groups, T> = { [K in keyof Groups[G]]: Groups[G][K] extends T ? K : never }[keyof Groups[G]] & string

type Tile = { key: string; label: string; get: (c: CommunityStats) => Compared; unit: string }

interface Section {
  key: string
  title: string
  tiles: Tile[]
  /** a trend chart: one series per community */
  trend?: { label: string; kind: 'line' | 'bar'; get: (c: CommunityStats) => Figure[] }
}

/** A section's tiles, each [field of the group, label, unit]; the field is also the tile's key (its id on screen). */
function tiles<G extends keyof Groups>(group: G, rows: Array<[Field<G, Compared>, string, string]>): Tile[] {
  return rows.map(([field, label, unit]) => ({ key: field, label, unit, get: (c) => c.figures[group][field] as Compared }))
}

function trend<G extends keyof Groups>(group: G, field: Field<G, Figure[]>, kind: 'line' | 'bar', label: string): Section['trend'] {
  return { label, kind, get: (c) => c.figures[group][field] as Figure[] }
}

const SECTIONS: Section[] = [
  { key: 'residents', title: '居民参与', tiles: tiles('residents', [['active', '活跃居民', '人']]), trend: trend('residents', 'activeByMonth', 'line', '每月活跃居民（人）') },
  {
    key: 'matters',
    title: '听邻说事',
    tiles: tiles('matters', [['raised', '提出', '件'], ['answered', '答复', '件'], ['done', '办结', '件'], ['daysToAnswer', '答复用时（中位数）', '天'], ['daysToDone', '办结用时（中位数）', '天']]),
    trend: trend('matters', 'raisedByMonth', 'bar', '每月提出的事项（件）'),
  },
  {
    key: 'meetings',
    title: '议事会与表决',
    tiles: [...tiles('meetings', [['held', '议事会', '场'], ['attended', '到场', '人次'], ['attendanceRate', '到场率', '%']]), ...tiles('ballots', [['motions', '结束的表决', '项'], ['turnout', '表决参与率', '%']])],
  },
  { key: 'satisfaction', title: '由邻评事', tiles: tiles('satisfaction', [['ratings', '评价', '人次'], ['rate', '满意率', '%']]), trend: trend('satisfaction', 'rateByMonth', 'line', '每月满意率（%）') },
  { key: 'activities', title: '活动', tiles: tiles('activities', [['held', '举办', '场'], ['signups', '报名', '人次'], ['attended', '签到', '人次']]), trend: trend('activities', 'signupsByMonth', 'bar', '每月活动报名（人次）') },
  { key: 'volunteers', title: '志愿服务', tiles: tiles('volunteers', [['hours', '服务时长', '小时'], ['people', '参与志愿者', '人']]), trend: trend('volunteers', 'hoursByMonth', 'bar', '每月服务时长（小时）') },
  { key: 'points', title: '积分', tiles: tiles('points', [['issued', '发放', '分'], ['redeemed', '兑换', '分']]), trend: trend('points', 'issuedByMonth', 'bar', '每月发放积分') },
  { key: 'awards', title: '最美邻里评选', tiles: tiles('awards', [['nominations', '推荐', '份'], ['voters', '投票居民', '人'], ['participation', '参与率', '%']]) },
]

function Figures({ data }: { data: Overview }) {
  const { elder } = useElderMode()
  const several = data.communities.length > 1
  return (
    <View id="stats-figures">
      <Text className="stats-note">只统计人数和次数，不含任何个人信息；不足 5 人的数字显示为「&lt;5」。</Text>
      {SECTIONS.map((s) => (
        <View key={s.key} id={`stats-${s.key}`}>
          <SectionTitle title={s.title} />
          {data.communities.map((c) => (
            <Card key={c.communityId} title={several ? c.name : undefined} className="stats-card">
              <View className="stats-tiles">
                {s.tiles.map((t) => (
                  <FigureTile key={t.key} id={several ? undefined : `stat-${s.key}-${t.key}`} label={t.label} figure={t.get(c)} unit={t.unit} />
                ))}
              </View>
            </Card>
          ))}
          {s.trend && (
            <Card className="stats-card">
              <Trend id={`chart-${s.key}`} section={s} data={data} elder={elder} />
            </Card>
          )}
          {s.key === 'volunteers' && <Projects communities={data.communities} />}
        </View>
      ))}
    </View>
  )
}

function FigureTile({ id, label, figure, unit }: { id?: string; label: string; figure: Compared; unit: string }) {
  const change = showChange(figure, unit)
  return (
    <View id={id} className="stats-tile">
      <Text className="stats-tile__value">
        {showFigure(figure.value)}
        {typeof figure.value === 'number' && <Text className="stats-tile__unit">{unit}</Text>}
      </Text>
      <Text className="stats-tile__label">{label}</Text>
      <Text className="stats-tile__change">{change ?? `上期 ${showFigure(figure.previous, unit)}`}</Text>
    </View>
  )
}

/**
 * Under a trend: its months, that this month counts only up to today (early in a month
 * its point looks like a fall), and what is left out — each clause wrapping as a whole.
 */
function trendNote(months: string[]) {
  const last = months[months.length - 1]
  const clauses = [`${monthLabel(months[0])}至${monthLabel(last)}；`, last === inChina(now()).format('YYYY-MM') ? `${monthLabel(last)}只计到今天；` : '', '「<5」的月份不画出。']
  return clauses.filter(Boolean).map((c) => (
    <Text key={c} className="stats-trend__clause">
      {c}
    </Text>
  ))
}

function Trend({ id, section, data, elder }: { id: string; section: Section; data: Overview; elder: boolean }) {
  const trend = section.trend!
  const option = useMemo((): ChartOption => {
    const font = elder ? 16 : 12
    return {
      color: PALETTE,
      textStyle: { fontSize: font },
      grid: { left: 8, right: 12, top: font + 12, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.months.map(monthLabel), axisLabel: { fontSize: font, color: '#4d4d4d' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: font, color: '#4d4d4d' } },
      series: data.communities.map((c) => ({
        name: c.name,
        type: trend.kind,
        data: trend.get(c).map(plot),
        connectNulls: false,
        symbolSize: elder ? 10 : 6,
        lineStyle: { width: elder ? 3 : 2 },
        // With one community each point says its figure; side by side the labels would collide, the 街道 reads the tiles.
        label: { show: data.communities.length === 1, position: 'top', fontSize: font, color: '#1a1a1a' },
      })),
    }
  }, [data, elder, trend])
  const empty = data.communities.every((c) => trend.get(c).every((f) => !f))
  return (
    <View className="stats-trend">
      <Text className="stats-trend__title">{trend.label}</Text>
      {empty ? (
        <Text id={`${id}-empty`} className="stats-trend__empty">这几个月还没有数据</Text>
      ) : (
        <>
          {data.communities.length > 1 && (
            <View id={`${id}-legend`} className="stats-legend">
              {data.communities.map((c, i) => (
                <View key={c.name} className="stats-legend__item">
                  <View className="stats-legend__swatch" style={{ backgroundColor: PALETTE[i % PALETTE.length] }} />
                  <Text className="stats-legend__name">{c.name}</Text>
                </View>
              ))}
            </View>
          )}
          <Chart id={id} option={option} height={elder ? 300 : 220} label={trend.label} />
          <Text className="stats-trend__note">{trendNote(data.months)}</Text>
        </>
      )}
    </View>
  )
}

function Projects({ communities }: { communities: CommunityStats[] }) {
  return (
    <>
      {communities.map((c) =>
        c.figures.volunteers.byProject.length === 0 ? null : (
          <Card key={c.communityId} title={communities.length > 1 ? `${c.name}·各服务项目` : '各服务项目（本期）'} className="stats-card" id={communities.length > 1 ? undefined : 'stats-projects'}>
            {c.figures.volunteers.byProject.map((p) => (
              <View key={p.label} className="stats-row">
                <Text className="stats-row__label">{p.label}</Text>
                <Text className="stats-row__value">{`${showFigure(p.value, ' 小时')} · ${showFigure(p.people, ' 人')}`}</Text>
              </View>
            ))}
          </Card>
        ),
      )}
    </>
  )
}
