import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { call, type ActionOutput } from '../../api'
import { toApiError } from '../../api/errors'
import { ErrorState, Loading } from '../../components'
import { qrPngDataUrl } from '../../utils/qr'
import './council.scss'

/** A token as the server gave it, and when it arrived (refreshInMs counts from then). */
type Token = ActionOutput<'checkin.token'> & { receivedAt: number }

export interface CheckinQrProps {
  kind: 'meeting'
  eventId: string
  /** Each new code is a moment to recount who has checked in. */
  onRotate?: () => void
}

/**
 * The organiser's rotating check-in code: a token the server signs for a 30-second
 * window, drawn here as a QR image (#checkin-qr, a PNG data URL tests can decode)
 * and fetched again when the server says (`refreshInMs`). The raw token is also in
 * the hidden #checkin-token for tests.
 */
export function CheckinQr({ kind, eventId, onRotate }: CheckinQrProps) {
  const [token, setToken] = useState<Token | null>(null)
  const [error, setError] = useState<{ message: string } | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [attempt, setAttempt] = useState(0)
  const rotate = useRef(onRotate)
  rotate.current = onRotate

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const fetchToken = async () => {
      try {
        const next = await call('checkin.token', { kind, eventId })
        if (stopped) return
        setToken({ ...next, receivedAt: Date.now() })
        setError(null)
        rotate.current?.()
        // A little after the window turns, so the server is surely in the next one.
        timer = setTimeout(() => void fetchToken(), Math.max(1000, next.refreshInMs + 300))
      } catch (raw) {
        if (stopped) return
        const failure = toApiError(raw)
        setError(failure)
        // A passing network fault retries on its own; a refusal (not open yet, ended) waits for 重试.
        if (failure.code === 'NETWORK') timer = setTimeout(() => void fetchToken(), 5000)
      }
    }
    void fetchToken()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [kind, eventId, attempt])

  // The phone is put down on a table for people to scan: keep its screen on meanwhile.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
  }, [])

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [])

  const image = useMemo(() => (token ? qrPngDataUrl(token.token, 8) : ''), [token])
  // The phone's own clock only ticks down what the server said; it never decides the window.
  const secondsLeft = token ? Math.max(0, Math.ceil((token.refreshInMs - (now - token.receivedAt)) / 1000)) : 0

  if (error && !token) return <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} />
  if (!token) return <Loading rows={3} text="正在生成签到码…" />
  return (
    <View className="checkin-qr">
      <Image id="checkin-qr" className="checkin-qr__image" src={image} mode="aspectFit" />
      <Text id="checkin-token" className="checkin-qr__token">{token.token}</Text>
      <Text className="checkin-qr__countdown">{secondsLeft > 0 ? `${secondsLeft} 秒后自动更换` : '正在更换…'}</Text>
      {error && <Text className="checkin-qr__error">{error.message}</Text>}
    </View>
  )
}
