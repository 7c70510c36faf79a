import { View } from '@tarojs/components'
import { useState } from 'react'
import { Button, ChipGroup, Page, PagedList } from '../../../components'
import { useMe, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { councilAccessOf } from '../access'
import { TaskCard } from '../TaskCard'
import '../council.scss'

/** 帮邻办事: what is being done (latest news first) and what was done, with its satisfaction rate. */
export default function TasksPage() {
  const me = useMe()
  const access = councilAccessOf(me.data?.current)
  const [status, setStatus] = useState<'open' | 'done'>('open')
  const tasks = usePagedQuery('council.task.list', { status, limit: 20 }, [status])
  useRefreshOnPullDown(tasks.refresh)
  useRefreshOnShow(tasks.refresh)

  return (
    <Page id="page-tasks">
      {access.committee && (
        <Button id="task-new" block className="issues__raise" onClick={() => openPage('taskNew')}>
          新建办事项目
        </Button>
      )}
      <View className="meetings__tabs">
        <ChipGroup
          id="task-status"
          wide
          options={[
            { value: 'open', label: '办理中', id: 'tasks-open' },
            { value: 'done', label: '已办结', id: 'tasks-done' },
          ]}
          selected={[status]}
          onSelect={(value) => setStatus(value as 'open' | 'done')}
        />
      </View>
      <PagedList
        id="task-list"
        query={tasks}
        empty={{
          id: 'tasks-empty',
          title: status === 'open' ? '现在没有办理中的事' : '还没有办结的事',
          hint: '表决通过的决议会分给负责人办理，进度和支出都在这里公开。',
        }}
      >
        {(task, index) => <TaskCard key={task.id} id={`task-${index}`} task={task} onClick={() => openPage('task', { id: task.id })} />}
      </PagedList>
    </Page>
  )
}
