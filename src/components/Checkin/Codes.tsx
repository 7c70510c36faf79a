import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../Button'
import { Card } from '../Card'
import { checkinId, checkinWords, type CheckinEvent, type CheckinRoles } from './event'
import { RotatingQr } from './RotatingQr'
import { useEventCheckinCode, usePersonalCheckinCode } from './useRotatingCode'
import './index.scss'

export interface CodeCardProps {
  event: CheckinEvent
  roles: CheckinRoles
  /** Asked on each new code: a moment to see who has checked in since. */
  refresh: () => Promise<void>
}

/** The organiser's rotating code, shown on a tap (the phone then keeps its screen on) and put away again. */
export function OrganiserCode({ event, roles, refresh }: CodeCardProps) {
  const words = checkinWords(event.direction, roles).organiserCode
  const id = (base: string) => checkinId(base, event)
  const [showing, setShowing] = useState(false)
  return (
    <Card title={words.title} id={id('checkin-organiser')}>
      {showing ? (
        <>
          <EventQr event={event} loadingText={words.loading} onRotate={() => void refresh()} />
          <Button id={id('checkin-hide')} block variant="secondary" className="checkin__button" onClick={() => setShowing(false)}>
            {words.hide}
          </Button>
        </>
      ) : (
        <>
          <Text className="checkin__note">{words.intro}</Text>
          <Button id={id('checkin-show')} block className="checkin__button" onClick={() => setShowing(true)}>
            {words.show}
          </Button>
        </>
      )}
    </Card>
  )
}

function EventQr({ event, loadingText, onRotate }: { event: CheckinEvent; loadingText: string; onRotate: () => void }) {
  const code = useEventCheckinCode(event, onRotate)
  return <RotatingQr id={checkinId('checkin', event)} code={code.code} error={code.error} secondsLeft={code.secondsLeft} onRetry={code.retry} loadingText={loadingText} />
}

/**
 * The attendee who cannot scan (no camera, poor eyesight) shows their own code
 * for the organiser to scan. One personal code serves arriving and leaving alike,
 * so its ids carry no direction.
 */
export function PersonalCode({ event, roles, refresh }: CodeCardProps) {
  const words = checkinWords(event.direction, roles).personal
  const [showing, setShowing] = useState(false)
  return (
    <Card title={words.title} id="checkin-personal">
      {showing ? (
        <>
          <PersonalQr loadingText={words.loading} onRotate={() => void refresh()} />
          <Text className="checkin__note checkin__center">{words.note}</Text>
          <Button id="personal-code-hide" block variant="secondary" className="checkin__button" onClick={() => setShowing(false)}>
            {words.hide}
          </Button>
        </>
      ) : (
        <>
          <Text className="checkin__note">{words.intro}</Text>
          <Button id="personal-code-show" block variant="secondary" className="checkin__button" onClick={() => setShowing(true)}>
            {words.show}
          </Button>
        </>
      )}
    </Card>
  )
}

function PersonalQr({ loadingText, onRotate }: { loadingText: string; onRotate: () => void }) {
  // Each new code is also a moment to see whether the organiser has checked me in.
  const code = usePersonalCheckinCode(onRotate)
  return <RotatingQr id="personal" code={code.code} error={code.error} secondsLeft={code.secondsLeft} onRetry={code.retry} loadingText={loadingText} />
}
