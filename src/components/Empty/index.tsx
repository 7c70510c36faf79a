import { Text, View } from '@tarojs/components'
import { Button } from '../Button'
import './index.scss'

export interface EmptyProps {
  title: string
  /** One sentence on why it is empty or what comes next. */
  hint?: string
  actionText?: string
  onAction?: () => void
  id?: string
}

export function Empty({ title, hint, actionText, onAction, id }: EmptyProps) {
  return (
    <View id={id} className="empty-state">
      <Text className="empty-state__title">{title}</Text>
      {hint && <Text className="empty-state__hint">{hint}</Text>}
      {actionText && onAction && (
        <Button variant="secondary" className="empty-state__action" onClick={onAction}>
          {actionText}
        </Button>
      )}
    </View>
  )
}
