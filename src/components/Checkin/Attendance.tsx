import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ApiError } from '../../api'
import { checkinMethodLabel } from '../../utils/labels'
import { formatTime } from '../../utils/date'
import { useAction } from '../../hooks/useAction'
import { useQuery } from '../../hooks/useQuery'
import { toastError } from '../../utils/feedback'
import { Button } from '../Button'
import { Card } from '../Card'
import { ErrorState } from '../ErrorState'
import { Loading } from '../Loading'
import { Tag } from '../Tag'
import { TextField } from '../TextField'
import { checkinId, checkinWords, eventInput, type CheckinEvent, type CheckinRoles } from './event'
import './index.scss'

/** Someone on the event's list beforehand (a meeting's registrants), name already masked by the server. */
export interface SignedUpPerson {
  memberId: string
  name: string
  household?: string | null
  attended: boolean
}

export interface MarkAttendanceProps {
  event: CheckinEvent
  roles: CheckinRoles
  /** The event's own list of who signed up, read by the page (each kind keeps its own). */
  signedUp: { data: { items: SignedUpPerson[] } | undefined; error: ApiError | null; refresh: () => Promise<void> }
  /** Read again after a mark: the page's counts. */
  refresh: () => Promise<void>
  /** Offer to find someone who did not sign up (a 议事会 takes walk-ins; an activity credits only those registered). */
  walkIns?: boolean
}

/**
 * The organiser marks by hand someone who came without a phone: from those
 * signed up, or, for a neighbour who did not sign up, found by nickname or room.
 */
export function MarkAttendance({ event, roles, signedUp, refresh, walkIns = true }: MarkAttendanceProps) {
  const words = checkinWords(event.direction, roles)
  const id = (base: string) => checkinId(base, event)
  const mark = useAction('checkin.mark', { done: (res) => words.mark.marked(res.status === 'already'), refresh: [refresh, signedUp.refresh] })
  const marking = mark.pending?.memberId ?? null
  const [q, setQ] = useState('')
  const [searched, setSearched] = useState('')
  const found = useQuery('member.list', { q: searched, limit: 20 }, [searched], { enabled: searched.length > 0 })

  const markPresent = (memberId: string, name: string) =>
    void mark.run(
      { ...eventInput(event), memberId },
      { confirm: { title: words.mark.button, content: words.mark.confirm(name), confirmText: words.mark.button } },
    )

  const search = () => {
    const text = q.trim()
    if (!text) return toastError({ message: words.mark.searchEmpty })
    setSearched(text)
  }

  const markButton = (memberId: string, name: string, className: string) => (
    <Button size="compact" variant="secondary" className={className} disabled={marking !== null} onClick={() => markPresent(memberId, name)}>
      {marking === memberId ? words.mark.busy : words.mark.button}
    </Button>
  )

  const list = signedUp.data
  return (
    <Card title={words.mark.title(list ? list.items.length : null)} id={id('checkin-mark')}>
      <Text className="checkin__note">{words.mark.hint}</Text>
      {signedUp.error && !list ? (
        <ErrorState error={signedUp.error} onRetry={() => void signedUp.refresh()} />
      ) : !list ? (
        <Loading rows={2} />
      ) : list.items.length === 0 ? (
        <Text id={id('registrants-empty')} className="checkin__note">{walkIns ? words.mark.noneSignedUp : `还没有${roles.attendee}${roles.signUp}。`}</Text>
      ) : (
        <View id={id('registrants')}>
          {list.items.map((person, index) => (
            <View key={person.memberId} id={id(`registrant-${index}`)} className="person-row">
              <View className="person-row__who">
                <Text className="person-row__name">{person.name}</Text>
                {person.household && <Text className="person-row__meta">{person.household}</Text>}
              </View>
              {person.attended ? <Tag tone="brand">{words.done}</Tag> : markButton(person.memberId, person.name, 'registrant-mark')}
            </View>
          ))}
        </View>
      )}

      {walkIns && (
        <>
          <View className="checkin__search">
            <TextField id={id('attendee-search')} label={words.mark.searchLabel} value={q} onChange={setQ} maxLength={20} placeholder={words.mark.searchPlaceholder} onConfirm={search} />
            <Button id={id('attendee-search-submit')} block variant="secondary" disabled={found.loading} onClick={search}>
              {found.loading ? words.mark.searching : words.mark.search}
            </Button>
          </View>
          {searched &&
            (found.error ? (
              <Text className="checkin__note">{found.error.message}</Text>
            ) : !found.data ? (
              <Loading rows={1} />
            ) : found.data.items.length === 0 ? (
              <Text id={id('attendee-search-empty')} className="checkin__note">{words.mark.notFound(searched)}</Text>
            ) : (
              <View id={id('attendee-search-results')}>
                {found.data.items.map((m, index) => (
                  <View key={m.memberId} id={id(`found-${index}`)} className="person-row">
                    <View className="person-row__who">
                      <Text className="person-row__name">{m.nickname || '邻居'}</Text>
                      <Text className="person-row__meta">{m.household || '未登记住户'}</Text>
                    </View>
                    {markButton(m.memberId, m.nickname || '这位居民', 'found-mark')}
                  </View>
                ))}
              </View>
            ))}
        </>
      )}
    </Card>
  )
}

export interface AttendeeListProps {
  event: CheckinEvent
  roles: CheckinRoles
  /** How many have checked in, as the page last read it: a change asks for the list again. */
  count: number
}

/** The organiser's list of who has checked in, how and when (names masked, as everywhere). */
export function AttendeeList({ event, roles, count }: AttendeeListProps) {
  const words = checkinWords(event.direction, roles).list
  const list = useQuery('checkin.attendees', { kind: event.kind, eventId: event.eventId, limit: 200 }, [event.kind, event.eventId, event.direction, count])
  return (
    <Card title={words.title(list.data?.total ?? count)} id={checkinId('checkin-attendees', event)}>
      {list.error && !list.data ? (
        <Text className="checkin__note">{list.error.message}</Text>
      ) : !list.data ? (
        <Text className="checkin__note">加载中…</Text>
      ) : list.data.items.length === 0 ? (
        <Text className="checkin__note">{words.empty}</Text>
      ) : (
        list.data.items.map((a, index) => (
          <View key={a.memberId} id={checkinId(`attendee-${index}`, event)} className="attendee-row">
            <Text className="attendee-row__name">{a.name}</Text>
            <Text className="checkin__note">
              {checkinMethodLabel(a.method)} · {formatTime(a.at)}
              {a.minutes !== null && ` · ${a.minutes} 分钟`}
            </Text>
            {a.walkIn && <Tag tone="warning">未认证 · 不计积分</Tag>}
          </View>
        ))
      )}
    </Card>
  )
}
