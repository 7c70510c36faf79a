import { Text, View } from '@tarojs/components'
import { Tag } from '../../components'
import type { PagedItem } from '../../hooks'
import { formatDay } from '../../utils/date'
import { formatYuan } from '../../utils/money'
import './council.scss'

export type TaskItem = PagedItem<'council.task.list'>

/** 满意率 as residents read it: a percentage, or a note until anyone has rated. */
export function satisfactionText(rate: number | null): string {
  return rate === null ? '暂无评价' : `满意率 ${Math.round(rate * 1000) / 10}%`
}

export function TaskCard({ task, onClick, id }: { task: TaskItem; onClick: () => void; id?: string }) {
  return (
    <View id={id} className="issue-card" hoverClass="is-pressed" onClick={onClick}>
      <View className="issue-card__main">
        <View className="issue-card__head">
          <Tag tone={task.status === 'done' ? 'brand' : 'warning'}>{task.status === 'done' ? '已办结' : '办理中'}</Tag>
          <Text className="issue-card__title">{task.title}</Text>
        </View>
        <Text className="issue-card__meta">
          负责人 {task.isMine ? '我' : task.ownerName} · {formatDay(task.deadline)} 前 · {task.tierLabel.split('：')[0]}
        </Text>
        <View className="row-between">
          <View className="meter task-card__meter">
            <View className="meter__fill" style={{ width: `${task.progress}%` }} />
          </View>
          <Text className="council-meta">{task.progress}%</Text>
        </View>
        <Text className="issue-card__cosigns">
          {task.project ? `预算 ${formatYuan(task.budgetFen)} · 已支出 ${formatYuan(task.spentFen)}` : ''}
          {task.project && task.status === 'done' ? ' · ' : ''}
          {task.status === 'done' ? satisfactionText(task.satisfactionRate) : ''}
        </Text>
      </View>
    </View>
  )
}
