import { Text } from '@tarojs/components'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface BadgeProps {
  /** How many are waiting; nothing is shown at 0. */
  count: number
  id?: string
  className?: string
  /** what is counted, for screen readers: 条未读 unless said otherwise */
  unit?: string
}

/** WeChat's red count: unread messages, things awaiting the person. */
export function Badge({ count, id, className, unit = '条未读' }: BadgeProps) {
  if (count <= 0) return null
  return (
    <Text id={id} className={cx('badge', className)} aria-label={`${count} ${unit}`}>
      {count > 99 ? '99+' : count}
    </Text>
  )
}
