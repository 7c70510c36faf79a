import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, ChipGroup, ExportButton, Page, PagedList } from '../../../components'
import { useAccess, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { MotionTag } from '../MotionTag'
import '../council.scss'

/** 表决: the votes under way (closing soonest first) and those decided. */
export default function MotionsPage() {
  const access = useAccess()
  const [status, setStatus] = useState<'open' | 'closed'>('open')
  const motions = usePagedQuery('council.motion.list', { status, limit: 20 }, [status])
  useRefreshOnPullDown(motions.refresh)
  useRefreshOnShow(motions.refresh)

  return (
    <Page id="page-motions">
      {access.canManageVotes && (
        <Button id="motion-new" block className="issues__raise" onClick={() => openPage('motionNew')}>
          发起表决
        </Button>
      )}
      <View className="meetings__tabs">
        <ChipGroup
          id="motion-status"
          wide
          options={[
            { value: 'open', label: '进行中', id: 'motions-open' },
            { value: 'closed', label: '已结束', id: 'motions-closed' },
          ]}
          selected={[status]}
          onSelect={(value) => setStatus(value as 'open' | 'closed')}
        />
      </View>
      {access.canExportLists && <ExportButton className="list-export" input={{ kind: 'motions', status }} />}
      <PagedList
        id="motion-list"
        query={motions}
        empty={{
          id: 'motions-empty',
          title: status === 'open' ? '现在没有进行中的表决' : '还没有结束的表决',
          hint: '议事会商量出的决定，由居委会发起表决，已认证居民投票。',
        }}
      >
        {(m, index) => (
          <View key={m.id} id={`motion-${index}`} className="issue-card" hoverClass="is-pressed" onClick={() => openPage('motion', { id: m.id })}>
            <View className="issue-card__main">
              <View className="issue-card__head">
                <MotionTag motion={m} />
                <Text className="issue-card__title">{m.title}</Text>
              </View>
              <Text className="issue-card__meta">
                {m.unit === 'household' ? '每户一票' : '每人一票'} · {m.ruleLabel} · {m.secret ? '不记名' : '记名'}
              </Text>
              <Text className="issue-card__cosigns">
                {m.state === 'upcoming' ? `${formatDateTime(m.opensAt)} 开始` : `${formatDateTime(m.closesAt)} ${m.state === 'closed' ? '结束' : '截止'}`}
              </Text>
            </View>
          </View>
)}
      </PagedList>
    </Page>
  )
}
