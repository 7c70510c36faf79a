import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Empty, Page, QueryView, SectionTitle } from '../../../components'
import { useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { formatDateTime } from '../../../utils/date'
import { pointKindLabel } from '../../../utils/labels'
import './index.scss'

type Entry = ActionOutput<'points.mine'>['entries'][number]

/** A signed amount as people write it: +5, −12. */
const signed = (amount: number) => (amount > 0 ? `+${amount}` : `−${Math.abs(amount)}`)

/**
 * 我的积分: the balance and what made it, newest first, 20 a page. Every change is
 * an entry with its reason; the balance is their sum, kept by the server.
 */
export default function PointsPage() {
  // The cursors of the pages before this one, so 较新的 goes back the way it came.
  const [cursors, setCursors] = useState<string[]>([])
  const cursor = cursors.at(-1)
  const points = useQuery('points.mine', cursor ? { cursor } : {}, [cursor])
  useRefreshOnPullDown(points.refresh)
  useRefreshOnShow(points.refresh)

  return (
    <Page id="page-points">
      <QueryView query={points} rows={4} loadingText="正在读取积分…">
        {(data) => (
          <>
            <Card id="points-balance" className="points-balance">
              <Text className="points-balance__label">当前积分</Text>
              <Text id="points-balance-value" className="points-balance__value">{data.balance}</Text>
              <Text className="points-balance__hint">参加议事会、活动和志愿服务可得积分，可在社区爱心超市兑换。</Text>
            </Card>

            <SectionTitle title="积分明细" />
            {data.entries.length === 0 ? (
              <Empty id="points-empty" title="还没有积分记录" hint="到议事会或活动现场扫码签到，积分会记在这里。" />
            ) : (
              <View id="points-entries" className="points-list">
                {data.entries.map((entry, index) => (
                  <EntryRow key={entry.id} entry={entry} index={index} />
                ))}
              </View>
            )}

            {(cursors.length > 0 || data.nextCursor) && (
              <View className="points-pager">
                <Button id="points-newer" variant="secondary" size="compact" disabled={cursors.length === 0 || points.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
                  较新的
                </Button>
                <Button id="points-older" variant="secondary" size="compact" disabled={!data.nextCursor || points.loading} onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor!])}>
                  更早的
                </Button>
              </View>
            )}
          </>
        )}
      </QueryView>
    </Page>
  )
}

function EntryRow({ entry, index }: { entry: Entry; index: number }) {
  return (
    <View id={`points-entry-${index}`} className="points-row">
      <View className="points-row__body">
        <Text className="points-row__title">{entry.label}</Text>
        {entry.reason && <Text className="points-row__reason">{entry.reason}</Text>}
        <Text className="points-row__meta">
          {pointKindLabel(entry.kind)} · {formatDateTime(entry.at)} · 余额 {entry.balanceAfter}
        </Text>
      </View>
      <Text className="points-row__amount">{signed(entry.amount)}</Text>
    </View>
  )
}
