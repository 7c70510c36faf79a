import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ActionOutput } from '../../../api'
import { askSubscribe, prepareSubscribe } from '../../../api/subscribe'
import { Button, Card, ChipGroup, Empty, LinkRow, Page, QueryView, SectionTitle } from '../../../components'
import { SharePanel } from '../../../components/SharePanel'
import { useAccess, useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow, useShare } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { outcomeLabel } from '../../../utils/labels'
import { percentages } from '../../../utils/percent'
import { motionShareTitle, sharePath } from '../../../utils/share'
import { MotionTag } from '../MotionTag'
import { PaperBallots } from '../PaperBallots'
import '../council.scss'

type Motion = ActionOutput<'council.motion.get'>

/** One vote: what is decided and by which rule, the ballot, and the results when the rules allow them. */
export default function MotionPage() {
  // Read once at mount, while this page is the current one.
  const [motionId] = useState(() => pageParam('id'))
  const motion = useQuery('council.motion.get', { motionId }, [motionId], { enabled: !!motionId })
  useRefreshOnPullDown(motion.refresh)
  useRefreshOnShow(motion.refresh)
  useEffect(prepareSubscribe, [])
  const communityId = useMe().data?.current?.communityId
  const path = sharePath('motion', { id: motionId }, communityId)
  useShare(() => (motion.data ? { title: motionShareTitle(motion.data), path } : null))

  if (!motionId) return <Page id="page-motion"><Empty title="没有找到这次表决" hint="请从表决列表进入。" /></Page>

  return (
    <Page id="page-motion">
      <QueryView query={motion} rows={6}>
        {(data) => (
          <>
            <MotionView motion={data} refresh={motion.refresh} />
            <SharePanel id="motion-share" heading={data.state === 'closed' ? '把结果告诉邻居' : '提醒邻居来投票'} title={motionShareTitle(data)} path={path} target={{ page: 'motion', id: motionId }} />
          </>
        )}
      </QueryView>
    </Page>
  )
}

function MotionView({ motion, refresh }: { motion: Motion; refresh: () => Promise<void> }) {
  const access = useAccess()
  const vote = useAction('council.motion.vote', {
    confirm: ({ option }) => ({ title: '确认投票', content: `你选择「${motion.options[option]}」。投票后不能更改。`, confirmText: '投票' }),
    // Before voting: the next vote's opening is worth a message.
    before: () => askSubscribe(['voteOpen']),
    done: '已投票',
    refresh,
  })
  const close = useAction('council.motion.close', {
    confirm: { title: '结束表决', content: '现在结束投票并按规则计票，结果会作为决议公示。到截止时间也会自动结束。', confirmText: '结束计票', danger: true },
    done: (res) => outcomeLabel(res.outcome),
    refresh,
  })
  const [choice, setChoice] = useState<number | null>(null)
  const shares = motion.counts ? percentages(motion.counts) : []

  const submit = () => {
    if (choice === null) return toastError({ message: '请先选择一项' })
    void vote.run({ motionId: motion.id, option: choice })
  }

  return (
    <>
      <Card id="motion-detail">
        <View className="issue-head"><MotionTag motion={motion} /></View>
        <Text id="motion-title" className="issue-head__title">{motion.title}</Text>
        <Text className="council-body issue-body">{motion.description}</Text>
        <View className="divided">
          <Text className="plain-line">计票：{motion.unit === 'household' ? '每户一票' : '每人一票'}，{motion.ruleLabel}{motion.quorumPercent ? `，参与率须达 ${motion.quorumPercent}%` : ''}</Text>
          <Text className="plain-line">方式：{motion.secret ? '不记名（不保存谁投了什么）' : '记名'}{motion.hideResults ? '，截止前不公布票数' : ''}</Text>
          {motion.buildingNames.length > 0 && <Text className="plain-line">范围：{motion.buildingNames.join('、')}</Text>}
          <Text className="plain-line">
            时间：{formatDateTime(motion.opensAt)} 至 {formatDateTime(motion.closesAt)}
          </Text>
          <Text id="motion-turnout" className="council-meta">
            已参与 {motion.cast}/{motion.eligible} {motion.unit === 'household' ? '户' : '人'}
          </Text>
        </View>
      </Card>
      {motion.topic && <LinkRow id="motion-topic" title={`议题：${motion.topic.title}`} desc="看看邻居们的讨论" onClick={() => openPage('topic', { id: motion.topic!.id })} />}

      {motion.result && (
        <Card id="motion-outcome" title="表决结果">
          <Text className="big-number">{outcomeLabel(motion.result.outcome)}</Text>
          <Text className="council-body">{motion.result.summary}</Text>
          <Text className="council-meta">
            参与率 {motion.result.turnoutPercent}%{motion.result.quorumMet ? '' : '，未达到法定参与率'}
          </Text>
        </Card>
      )}

      {motion.canVote ? (
        <Card id="vote-form" title="投票">
          <ChipGroup
            id="vote-options"
            wide
            options={motion.options.map((label, index) => ({ value: String(index), label, id: `vote-option-${index}` }))}
            selected={choice === null ? [] : [String(choice)]}
            onSelect={(value) => setChoice(Number(value))}
          />
          <Button id="vote-submit" block className="cosign__button" disabled={vote.loading || choice === null} onClick={submit}>
            {vote.loading ? '正在投票…' : '投票'}
          </Button>
        </Card>
      ) : (
        <Card id="vote-status">
          <Text id="vote-why-not" className="plain-line">
            {motion.whyNot ?? '现在不能投票'}
          </Text>
          {motion.myChoice && <Text className="council-meta">你的选择：{motion.myChoice}</Text>}
        </Card>
      )}

      <SectionTitle title="票数" />
      {motion.counts ? (
        <Card id="vote-results">
          {motion.options.map((option, index) => {
            const votes = motion.counts![index] ?? 0
            const pct = shares[index] ?? 0
            return (
              <View key={option} id={`vote-result-${index}`} className="vote-result">
                <View className="row-between">
                  <Text className="plain-line">{option}</Text>
                  <Text className="council-meta">
                    {votes} 票 · {pct}%
                  </Text>
                </View>
                <View className="meter">
                  <View className="meter__fill" style={{ width: `${pct}%` }} />
                </View>
              </View>
            )
          })}
        </Card>
      ) : (
        <Empty id="vote-results-hidden" title="截止后公布票数" hint="这次表决在投票期间不公布各选项的票数，以免影响大家的判断。" />
      )}

      {access.canManageVotes && <PaperBallots motion={motion} refresh={refresh} />}

      {access.canManageTasks && motion.decisionId && motion.result?.outcome === 'passed' && (
        <Button id="motion-to-task" block className="cosign__button" onClick={() => openPage('taskNew', { decisionId: motion.decisionId! })}>
          落实为办事项目
        </Button>
      )}
      {access.canManageVotes && motion.state !== 'closed' && (
        <Button id="motion-close" block variant="danger" className="cosign__button" disabled={close.loading} onClick={() => void close.run({ motionId: motion.id })}>
          {close.loading ? '正在计票…' : '提前结束并计票'}
        </Button>
      )}
    </>
  )
}
