import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, Card, ChipGroup } from '../../components'
import { AssistFor, assistInput, assistProblem, useAssistChoice, type AssistChoice } from '../../components/AssistFor'
import { useAction } from '../../hooks'
import { RATING_OPTIONS, type Rating } from '../../utils/labels'
import './council.scss'

/**
 * A building lead's 代办 on a matter or a finished task: the same two questions
 * (for whom, how and when they agreed) and one button. Closed until the lead opens
 * it, so the page reads as every resident's until then.
 */
function AssistPanel({ id, title, hint, children }: { id: string; title: string; hint: string; children: (close: () => void) => JSX.Element }) {
  const [open, setOpen] = useState(false)
  if (!open) {
    return (
      <Card id={id}>
        <Text className="council-meta">{hint}</Text>
        <Button id={`${id}-open`} block variant="secondary" className="cosign__button" onClick={() => setOpen(true)}>
          {title}
        </Button>
      </Card>
    )
  }
  return <View id={id}>{children(() => setOpen(false))}</View>
}

function useChoice() {
  const assist = useAssistChoice()
  const [problem, setProblem] = useState<string | null>(null)
  const change = (c: Partial<AssistChoice>) => {
    assist.change(c)
    setProblem(null)
  }
  /** the action's memberId and consent, or null after saying what is missing */
  const ready = () => {
    const missing = assistProblem(assist.choice)
    setProblem(missing)
    return missing ? null : assistInput(assist.choice)
  }
  return { ...assist, change, problem, setProblem, ready }
}

/** 代附议: for a verified resident of the lead's buildings who agreed. */
export function CosignForPanel({ issueId, refresh }: { issueId: string; refresh: () => Promise<void> }) {
  const c = useChoice()
  const cosignFor = useAction('council.issue.cosignFor', { done: (res) => (res.promoted ? '已代为附议，成为候选议题' : '已代为附议'), refresh, onDone: c.reset })
  return (
    <AssistPanel id="cosign-for" title="为楼栋居民代附议" hint="不方便用手机的居民想附议这件事，可以由你代为附议（须先征得本人同意）。">
      {() => (
        <>
          <AssistFor id="cosign-for" what="附议" verifiedOnly value={c.choice} onChange={c.change} />
          {c.problem && <Text id="cosign-for-problem" className="council-meta council-problem">{c.problem}</Text>}
          <Button
            id="cosign-for-submit"
            block
            className="cosign__button"
            disabled={cosignFor.loading}
            onClick={() => {
              const who = c.ready()
              if (who) void cosignFor.run({ issueId, ...who })
            }}
          >
            {cosignFor.loading ? '请稍候…' : c.choice.name ? `为 ${c.choice.name} 附议` : '代为附议'}
          </Button>
        </>
      )}
    </AssistPanel>
  )
}

/** 代评价: a finished task, rated for a verified resident of the lead's buildings as they said. */
export function RateForPanel({ taskId, refresh }: { taskId: string; refresh: () => Promise<void> }) {
  const c = useChoice()
  const [rating, setRating] = useState<Rating | null>(null)
  const rateFor = useAction('council.task.rateFor', {
    done: (res) => (res.reopened ? '已代为评价，将重新办理' : '已代为评价'),
    refresh,
    onDone: () => {
      c.reset()
      setRating(null)
    },
  })
  return (
    <AssistPanel id="rate-for" title="为楼栋居民代评价" hint="不方便用手机的居民想评价这件事，可以由你按本人的意思代为评价（须先征得本人同意）。">
      {() => (
        <>
          <AssistFor id="rate-for" what="评价" verifiedOnly value={c.choice} onChange={c.change} />
          <Card title="本人的评价">
            <ChipGroup
              id="rate-for-options"
              options={RATING_OPTIONS.map((r, index) => ({ value: r.value, label: r.label, id: `rate-for-${index + 1}` }))}
              selected={rating ? [rating] : []}
              onSelect={(v) => (setRating(v as Rating), c.setProblem(null))}
            />
          </Card>
          {c.problem && <Text id="rate-for-problem" className="council-meta council-problem">{c.problem}</Text>}
          <Button
            id="rate-for-submit"
            block
            className="cosign__button"
            disabled={rateFor.loading}
            onClick={() => {
              const who = c.ready()
              if (!who) return
              if (!rating) return c.setProblem('请选择本人的满意程度')
              void rateFor.run({ taskId, rating, ...who })
            }}
          >
            {rateFor.loading ? '请稍候…' : c.choice.name ? `为 ${c.choice.name} 提交评价` : '代为评价'}
          </Button>
        </>
      )}
    </AssistPanel>
  )
}
