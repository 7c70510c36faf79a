import { Text } from '@tarojs/components'
import { useAction } from '../../hooks/useAction'
import { toastError } from '../../utils/feedback'
import { Card } from '../Card'
import { CodeScanner } from './CodeScanner'
import { checkinId, checkinWords, eventInput, type CheckinEvent, type CheckinRoles } from './event'
import './index.scss'

export interface ScanCardProps {
  event: CheckinEvent
  roles: CheckinRoles
  /** Read again once someone is checked in. */
  refresh: () => Promise<void>
}

const cameraError = (message: string) => toastError({ message })

/** The attendee's side: scan the organiser's code with the camera (albums are refused on purpose). */
export function ScanOrganiserCode({ event, roles, refresh }: ScanCardProps) {
  const words = checkinWords(event.direction, roles)
  const scan = useAction('checkin.scan', { done: (res) => words.credited(res.status === 'already'), refresh })
  const id = (base: string) => checkinId(base, event)
  const checkIn = async (token: string) => (await scan.run({ token, expect: { kind: event.kind, eventId: event.eventId } })) !== undefined

  return (
    <Card title={words.scan.title} id={id('checkin-attendee')}>
      <Text className="checkin__note">{words.scan.hint}</Text>
      <CodeScanner
        id={id('checkin')}
        buttonText={words.scan.button}
        busy={scan.loading}
        busyText={words.busy}
        pasteLabel={words.scan.pasteLabel}
        pastePlaceholder={words.scan.pastePlaceholder}
        onCode={checkIn}
        onCameraError={cameraError}
      />
    </Card>
  )
}

/** The organiser scans an attendee's personal code (an elder who cannot scan shows theirs). */
export function ScanPersonalCode({ event, roles, refresh }: ScanCardProps) {
  const words = checkinWords(event.direction, roles)
  const scan = useAction('checkin.scanAttendee', { done: (res) => words.credited(res.status === 'already'), refresh })
  const id = (base: string) => checkinId(base, event)
  const checkIn = async (token: string) => (await scan.run({ ...eventInput(event), token })) !== undefined

  return (
    <Card title={words.scanAttendee.title} id={id('checkin-scan-attendee')}>
      <Text className="checkin__note">{words.scanAttendee.hint}</Text>
      <CodeScanner
        id={id('attendee-scan')}
        buttonText={words.scanAttendee.button}
        busy={scan.loading}
        busyText={words.busy}
        pasteLabel={words.scanAttendee.pasteLabel}
        pastePlaceholder={words.scanAttendee.pastePlaceholder}
        onCode={checkIn}
        onCameraError={cameraError}
      />
    </Card>
  )
}
