import { Tag } from '../../components'
import { outcomeLabel } from '../../utils/labels'

/** A motion's state as a tag: 未开始 / 投票中 / the outcome once closed. */
export function MotionTag({ motion }: { motion: { state: string; outcome: string | null } }) {
  if (motion.state === 'upcoming') return <Tag tone="neutral">未开始</Tag>
  if (motion.state === 'open') return <Tag tone="warning">投票中</Tag>
  if (!motion.outcome) return <Tag tone="neutral">计票中</Tag>
  return <Tag tone={motion.outcome === 'passed' ? 'brand' : 'danger'}>{outcomeLabel(motion.outcome)}</Tag>
}
