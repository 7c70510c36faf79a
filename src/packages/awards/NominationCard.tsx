import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ActionOutput } from '../../api'
import { Button, Tag } from '../../components'
import { Photos } from './Photos'
import './awards.scss'

type Nomination = ActionOutput<'award.nomination.list'>['items'][number]

export interface NominationCardProps {
  nomination: Nomination
  /** the co-recommendation is on its way */
  busy?: boolean
  onSecond?: () => void
  /** the committee's review buttons, in place of co-recommending */
  actions?: ReactNode
  id?: string
}

const TONES: Record<string, 'brand' | 'warning' | 'danger' | 'neutral'> = { gathering: 'warning', pending: 'warning', approved: 'brand', declined: 'danger' }

/** A nomination with its story and how many households have co-recommended it; 联名推荐 for those who may, or why not. */
export function NominationCard({ nomination: n, busy, onSecond, actions, id }: NominationCardProps) {
  return (
    <View id={id} className="award-candidate">
      <View className="award-candidate__head">
        <Text className="award-candidate__name">{n.nomineeName}</Text>
        <Tag tone={TONES[n.status] ?? 'neutral'}>{n.statusLabel}</Tag>
      </View>
      <Text className="council-meta">
        {n.self ? '自荐' : '邻居推荐'}
        {n.category ? ` · ${n.category}` : ''}
        {n.mine ? ' · 我提交的' : ''}
      </Text>
      <Text className="award-candidate__story">{n.story}</Text>
      <Photos photos={n.photos} />
      {n.needed > 0 && (
        <Text className="council-meta nomination-seconds">
          联名推荐 {n.secondCount}/{n.needed} 户{n.secondedByMe ? '（含你家）' : ''}
        </Text>
      )}
      {n.reviewReason && <Text className="council-meta nomination-reason">{n.status === 'declined' ? '未通过的原因' : '审核意见'}：{n.reviewReason}</Text>}
      {actions ??
        (n.canSecond && onSecond ? (
          <View className="award-candidate__actions">
            <Button className="nomination-second" variant="secondary" disabled={busy} onClick={onSecond}>
              {busy ? '正在提交…' : '我也推荐（联名）'}
            </Button>
          </View>
        ) : (
          n.status === 'gathering' && n.whyNotSecond && <Text className="council-meta nomination-why-not">{n.whyNotSecond}</Text>
        ))}
    </View>
  )
}
