import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Card, ChipGroup, Empty, Page, QueryView, TextField } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { goBack, pageParam } from '../../../routes'
import { SignupForm } from '../SignupForm'
import type { ActivityDetail } from '../types'
import '../activities.scss'

const CONSENT = [
  { value: 'inPerson', label: '当面同意' },
  { value: 'phone', label: '电话同意' },
  { value: 'written', label: '书面同意' },
  { value: 'family', label: '家属代为同意' },
] as const
type Consent = (typeof CONSENT)[number]['value']

/**
 * 代报名: a building lead signs up a resident of their buildings who cannot do it
 * on a phone, after asking them. How they agreed is recorded and audited; the
 * resident is told and sees it on their registration, and may cancel it themselves.
 */
export default function ActivityProxyPage() {
  // Read once at mount, while this page is the current one.
  const [activityId] = useState(() => pageParam('id'))
  const me = useMe()
  const access = useAccess()
  const activity = useQuery('activity.get', { activityId }, [activityId], { enabled: !!activityId })
  return (
    <Page id="page-activity-proxy">
      <QueryView query={me} rows={4}>
        {() =>
          !access.canSignUpNeighbours ? (
            <Empty id="activity-proxy-forbidden" title="只有楼栋长和居委会可以代邻居报名" hint="不方便用手机报名的邻居，可以请所在楼栋的楼栋长帮忙。" actionText="返回" onAction={goBack} />
          ) : (
            <QueryView query={activity} rows={4}>
              {(a) => (a.phase === 'open' ? <ProxyForm activity={a} /> : <Empty id="activity-proxy-closed" title="现在不能报名" hint={a.canSignUp ?? '报名没有开放。'} actionText="返回" onAction={goBack} />)}
            </QueryView>
          )
        }
      </QueryView>
    </Page>
  )
}

function ProxyForm({ activity: a }: { activity: ActivityDetail }) {
  const access = useAccess()
  const candidates = useQuery('activity.proxyCandidates', { limit: 200 })
  const [memberId, setMemberId] = useState<string | null>(null)
  const [consent, setConsent] = useState<Consent | null>(null)
  const [note, setNote] = useState('')
  const [q, setQ] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const signupFor = useAction('activity.signupFor', {
    onDone: () => {
      setMemberId(null)
      setConsent(null)
      setNote('')
    },
    done: (res) => (res.status === 'waitlisted' ? `已候补第 ${res.position} 位` : '已代为报名'),
  })
  const chosen = candidates.data?.items.find((c) => c.memberId === memberId)

  return (
    <>
      <Card title={a.title}>
        <Text className="activity-note">
          {access.seesAllBuildings ? '可以为本社区的居民报名。' : '只能为你负责楼栋的居民报名。'}请先当面或电话征得本人（或家属）同意；报名后本人会收到消息，也可以自己取消。
        </Text>
      </Card>
      <Card title="为谁报名">
        <QueryView query={candidates} rows={3}>
          {(data) =>
            data.items.length === 0 ? (
              <Text id="proxy-none" className="activity-note">你负责的楼栋里还没有其他居民加入社区。</Text>
            ) : (
              <>
                <TextField id="proxy-search" label="查找" value={q} onChange={setQ} maxLength={20} placeholder="昵称或房号，如 301" />
                <ChipGroup
                  id="proxy-people"
                  list
                  options={data.items.filter((c) => !q.trim() || c.memberId === memberId || c.name.includes(q.trim()) || c.household.includes(q.trim())).map((c, i) => ({ value: c.memberId, label: `${c.name} · ${c.household || '未登记住户'}${c.verified ? '' : '（待认证）'}`, id: `proxy-person-${i}` }))}
                  selected={memberId ? [memberId] : []}
                  onSelect={(v) => {
                    setMemberId(v)
                    setProblem(null)
                  }}
                />
              </>
            )
          }
        </QueryView>
      </Card>
      <Card title="本人如何同意">
        <ChipGroup id="proxy-consent" wide options={CONSENT.map((c) => ({ ...c, id: `proxy-consent-${c.value}` }))} selected={consent ? [consent] : []} onSelect={(v) => (setConsent(v as Consent), setProblem(null))} />
        <View className="activity-gap">
          <TextField id="proxy-note" label="备注（可不填）" value={note} onChange={setNote} maxLength={100} placeholder="如：女儿电话里同意，会陪同前来" />
        </View>
      </Card>
      {problem && (
        <Text id="proxy-problem" className="activity-problem activity-note--page">
          {problem}
        </Text>
      )}
      <Card title={chosen ? `为 ${chosen.name} 填写报名` : '报名信息'}>
        <SignupForm
          activity={a}
          idPrefix="proxy"
          submitText="代为报名"
          busy={signupFor.loading}
          onSubmit={(input) => {
            if (!memberId) return setProblem('请先选择为谁报名')
            if (!consent) return setProblem('请选择本人如何同意')
            void signupFor.run({ activityId: a.id, memberId, companions: input.companions, answers: input.answers, consent: { method: consent, ...(note.trim() ? { note: note.trim() } : {}) } })
          }}
        />
      </Card>
    </>
  )
}
