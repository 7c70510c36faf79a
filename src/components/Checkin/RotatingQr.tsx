import { Image, Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { qrPngDataUrl } from '../../utils/qr'
import { ErrorState } from '../ErrorState'
import { Loading } from '../Loading'
import './index.scss'

export interface RotatingQrProps {
  /** Prefix of the ids: `${id}-qr` is the image (a PNG data URL tests can decode), `${id}-token` the raw text, hidden. */
  id: string
  code: { token: string } | null
  error: { message: string } | null
  secondsLeft: number
  onRetry: () => void
  loadingText?: string
}

/**
 * A check-in code that changes every 30 seconds, drawn as a large QR image with
 * the countdown to the next one. Shows whatever code it is given (an organiser's
 * or a person's own); useRotatingCode fetches it.
 */
export function RotatingQr({ id, code, error, secondsLeft, onRetry, loadingText = '正在生成签到码…' }: RotatingQrProps) {
  const image = useMemo(() => (code ? qrPngDataUrl(code.token, 8) : ''), [code])
  if (error && !code) return <ErrorState error={error} onRetry={onRetry} />
  if (!code) return <Loading rows={3} text={loadingText} />
  return (
    <View className="rotating-qr">
      <Image id={`${id}-qr`} className="rotating-qr__image" src={image} mode="aspectFit" />
      <Text id={`${id}-token`} className="rotating-qr__token">
        {code.token}
      </Text>
      <Text className="rotating-qr__countdown">{secondsLeft > 0 ? `${secondsLeft} 秒后自动更换` : '正在更换…'}</Text>
      {error && <Text className="rotating-qr__error">{error.message}</Text>}
    </View>
  )
}
