import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ASSIST_METHODS, ASSIST_METHOD_LABELS, type AssistMethod } from '../../../cloudfunctions/api/src/platform/labels'
import { now } from '../../api/clock'
import { useQuery } from '../../hooks'
import { Card } from '../Card'
import { ChipGroup } from '../ChipGroup'
import { DateTimeField } from '../DateTimeField'
import { QueryView } from '../QueryView'
import { TextField } from '../TextField'
import { emptyChoice, type AssistChoice } from './choice'
import './index.scss'

export { assistInput, assistProblem, type AssistChoice } from './choice'

export function useAssistChoice() {
  const [choice, setChoice] = useState<AssistChoice>(emptyChoice)
  const change = (c: Partial<AssistChoice>) => setChoice((old) => ({ ...old, ...c }))
  const reset = () => setChoice(emptyChoice())
  return { choice, change, reset }
}

export interface AssistForProps {
  /** Hook for tests: `#id-people`, `#id-person-0`, `#id-consent-phone`, `#id-at-date`, `#id-note`. */
  id: string
  value: AssistChoice
  onChange: (c: Partial<AssistChoice>) => void
  /** co-signing and rating are for verified residents only; the list says who is left out */
  verifiedOnly?: boolean
  /** what is done for them, for the card's title: 「附议」「评价」 */
  what: string
}

/**
 * 代办's two questions, the same on every page a building lead acts for a neighbour:
 * for whom (the residents of the lead's buildings, found by nickname or room), and
 * how and when that resident agreed. The lead is recorded as who asked.
 */
export function AssistFor({ id, value, onChange, verifiedOnly, what }: AssistForProps) {
  const candidates = useQuery('activity.proxyCandidates', { limit: 200 })
  const [q, setQ] = useState('')
  const earliest = new Date(now() - 30 * 86_400_000).toISOString()
  return (
    <>
      <Card title={`为哪位居民${what}`}>
        <QueryView query={candidates} rows={3}>
          {(data) => {
            const people = data.items.filter((c) => !verifiedOnly || c.verified)
            const shown = people.filter((c) => !q.trim() || c.memberId === value.memberId || c.name.includes(q.trim()) || c.household.includes(q.trim()))
            return people.length === 0 ? (
              <Text id={`${id}-none`} className="assist-note">
                {verifiedOnly ? '你负责的楼栋里还没有已认证的其他居民。' : '你负责的楼栋里还没有其他居民加入社区。'}
              </Text>
            ) : (
              <>
                <TextField id={`${id}-search`} label="查找" value={q} onChange={setQ} maxLength={20} placeholder="昵称或房号，如 301" />
                <ChipGroup
                  id={`${id}-people`}
                  list
                  options={shown.map((c, i) => ({ value: c.memberId, label: `${c.name} · ${c.household || '未登记住户'}${c.verified ? '' : '（待认证）'}`, id: `${id}-person-${i}` }))}
                  selected={value.memberId ? [value.memberId] : []}
                  onSelect={(v) => onChange({ memberId: v, name: people.find((c) => c.memberId === v)?.name ?? null })}
                />
                {verifiedOnly && people.length < data.items.length && <Text className="assist-note">待认证的居民还不能{what}，认证后才会出现在这里。</Text>}
              </>
            )
          }}
        </QueryView>
      </Card>
      <Card title="本人如何同意">
        <ChipGroup
          id={`${id}-consent`}
          wide
          options={ASSIST_METHODS.map((m) => ({ value: m, label: ASSIST_METHOD_LABELS[m], id: `${id}-consent-${m}` }))}
          selected={value.method ? [value.method] : []}
          onSelect={(v) => onChange({ method: v as AssistMethod })}
        />
        <View className="assist-gap">
          <DateTimeField id={`${id}-at`} label="同意的时间" value={value.at} min={earliest} onChange={(at) => onChange({ at })} hint="30 天内的同意有效；超过请重新征得同意。" />
        </View>
        <TextField id={`${id}-note`} label="备注（可不填）" value={value.note} onChange={(note) => onChange({ note })} maxLength={100} placeholder="如：女儿电话里同意" />
        <Text className="assist-note">你会被记为经办人；居民会在「消息」里看到是谁、何时、以什么方式代办的。</Text>
      </Card>
    </>
  )
}
