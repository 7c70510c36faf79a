import { View } from '@tarojs/components'
import { useState } from 'react'
import { Button, ChipGroup, ExportButton, Page, PagedList } from '../../../components'
import { useAccess, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { MeetingCard } from '../MeetingCard'
import '../council.scss'

/** 请邻议事: the meetings to come (soonest first) and those held (latest first). */
export default function MeetingsPage() {
  const access = useAccess()
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming')
  const meetings = usePagedQuery('council.meeting.list', { when, limit: 20 }, [when])
  useRefreshOnPullDown(meetings.refresh)
  useRefreshOnShow(meetings.refresh)

  return (
    <Page id="page-meetings">
      {access.canManageMeetings && (
        <Button id="meeting-new" block className="issues__raise" onClick={() => openPage('meetingNew')}>
          安排议事会
        </Button>
      )}
      <View className="meetings__tabs">
        <ChipGroup
          id="meeting-when"
          wide
          options={[
            { value: 'upcoming', label: '即将召开', id: 'meetings-upcoming' },
            { value: 'past', label: '已召开', id: 'meetings-past' },
          ]}
          selected={[when]}
          onSelect={(value) => setWhen(value as 'upcoming' | 'past')}
        />
      </View>
      {access.canExportLists && <ExportButton className="list-export" input={{ kind: 'meetings', when }} />}
      <PagedList
        id="meeting-list"
        query={meetings}
        empty={{
          id: 'meetings-empty',
          title: when === 'upcoming' ? '近期没有议事会' : '还没有召开过议事会',
          hint: '居委会把候选议题列入议程、定好时间地点后，会在这里发布。',
        }}
      >
        {(meeting, index) => <MeetingCard key={meeting.id} id={`meeting-${index}`} meeting={meeting} onClick={() => openPage('meeting', { id: meeting.id })} />}
      </PagedList>
    </Page>
  )
}
