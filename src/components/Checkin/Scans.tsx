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

/** The attendee's side: scan the organiser's code with the camera (albums are refused on purpose). */
export function ScanOrganiserCode({ event, roles, refresh }: ScanCardProps) {
  const words = checkinWords(event.direction, roles)
  const scan = useAction('checkin.scan', { done: (res) => (res.status === 'walkIn' ? words.walkIn : words.credited(res.status === 'already')), refresh })
  const send = (token: string) => scan.run({ token, expect: { kind: event.kind, eventId: event.eventId } })
  return <ScanCard event={event} ids={['checkin-attendee', 'checkin']} text={words.scan} busyText={words.busy} busy={scan.loading} send={send} />
}

/** The organiser scans an attendee's personal code (an elder who cannot scan shows theirs). */
export function ScanPersonalCode({ event, roles, refresh }: ScanCardProps) {
  const words = checkinWords(event.direction, roles)
  const scan = useAction('checkin.scanAttendee', { done: (res) => (res.status === 'walkIn' ? words.walkIn : words.credited(res.status === 'already')), refresh })
  const send = (token: string) => scan.run({ ...eventInput(event), token })
  return <ScanCard event={event} ids={['checkin-scan-attendee', 'attendee-scan']} text={words.scanAttendee} busyText={words.busy} busy={scan.loading} send={send} secondary />
}

interface ScanCardInner {
  event: CheckinEvent
  /** The card's id and the scanner's id prefix. */
  ids: [string, string]
  text: { title: string; hint: string; button: string; pasteLabel: string; pastePlaceholder: string }
  busyText: string
  busy: boolean
  /** Resolves with the server's answer, or undefined when it refused (already said). */
  send: (token: string) => Promise<unknown>
  /** Beside the organiser's own code, which is the door's main action (one primary button per screen). */
  secondary?: boolean
}

function ScanCard({ event, ids: [cardId, scannerId], text, busyText, busy, send, secondary }: ScanCardInner) {
  return (
    <Card title={text.title} id={checkinId(cardId, event)}>
      <Text className="checkin__note">{text.hint}</Text>
      <CodeScanner
        id={checkinId(scannerId, event)}
        buttonText={text.button}
        busy={busy}
        busyText={busyText}
        variant={secondary ? 'secondary' : 'primary'}
        pasteLabel={text.pasteLabel}
        pastePlaceholder={text.pastePlaceholder}
        onCode={async (token) => (await send(token)) !== undefined}
        onCameraError={(message) => toastError({ message })}
      />
    </Card>
  )
}
