import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Card, Empty, Page, QueryView } from '../../../components'
import { AssistFor, assistInput, assistProblem, useAssistChoice, type AssistChoice } from '../../../components/AssistFor'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { goBack, pageParam } from '../../../routes'
import { SignupForm } from '../SignupForm'
import type { ActivityDetail } from '../types'
import '../activities.scss'

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
  const assist = useAssistChoice()
  const [problem, setProblem] = useState<string | null>(null)
  const signupFor = useAction('activity.signupFor', {
    onDone: assist.reset,
    done: (res) => (res.status === 'waitlisted' ? `已候补第 ${res.position} 位` : '已代为报名'),
  })
  const change = (c: Partial<AssistChoice>) => {
    assist.change(c)
    setProblem(null)
  }

  return (
    <>
      <Card title={a.title}>
        <Text className="activity-note">
          {access.seesAllBuildings ? '可以为本社区的居民报名。' : '只能为你负责楼栋的居民报名。'}请先当面或电话征得本人（或家属）同意；报名后本人会收到消息，也可以自己取消。
        </Text>
      </Card>
      <AssistFor id="proxy" what="报名" value={assist.choice} onChange={change} />
      {problem && (
        <Text id="proxy-problem" className="activity-problem activity-note--page">
          {problem}
        </Text>
      )}
      <Card title={assist.choice.name ? `为 ${assist.choice.name} 填写报名` : '报名信息'}>
        <SignupForm
          activity={a}
          idPrefix="proxy"
          submitText="代为报名"
          busy={signupFor.loading}
          onSubmit={(input) => {
            const missing = assistProblem(assist.choice)
            if (missing) return setProblem(missing)
            void signupFor.run({ activityId: a.id, ...assistInput(assist.choice), companions: input.companions, answers: input.answers })
          }}
        />
      </Card>
    </>
  )
}
