import { Text, View } from '@tarojs/components'
import { Button } from '../Button'
import './index.scss'

export interface ErrorStateProps {
  /** An ApiError (or anything with a message fit to show). */
  error: { message: string }
  onRetry?: () => void
  id?: string
}

export function ErrorState({ error, onRetry, id }: ErrorStateProps) {
  return (
    <View id={id} className="error-state" role="alert">
      <Text className="error-state__message">{error.message}</Text>
      {onRetry && (
        <Button variant="secondary" className="error-state__retry" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}
