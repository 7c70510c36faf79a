import { View } from '@tarojs/components'
import { useState } from 'react'
import { Button, ChipGroup, ExportButton, Page, PagedList } from '../../../components'
import { useAccess, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { TaskCard } from '../TaskCard'
import '../council.scss'

/** 帮邻办事: what is being done (latest news first) and what was done, with its satisfaction rate. */
export default function TasksPage() {
  const access = useAccess()
  // 我负责的: the open tasks the caller owns, where they post progress.
  const [filter, setFilter] = useState<'open' | 'done' | 'mine'>('open')
  const status = filter === 'done' ? 'done' : 'open'
  const tasks = usePagedQuery('council.task.list', { status, mine: filter === 'mine', limit: 20 }, [filter])
  useRefreshOnPullDown(tasks.refresh)
  useRefreshOnShow(tasks.refresh)

  return (
    <Page id="page-tasks">
      {access.canManageTasks && (
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
            ...(access.street ? [] : [{ value: 'mine', label: '我负责的', id: 'tasks-mine' }]),
          ]}
          selected={[filter]}
          onSelect={(value) => setFilter(value as 'open' | 'done' | 'mine')}
        />
      </View>
      {access.canExportLists && <ExportButton className="list-export" input={{ kind: 'tasks', status }} />}
      <PagedList
        id="task-list"
        query={tasks}
        empty={{
          id: 'tasks-empty',
          title: filter === 'mine' ? '你没有负责办理中的事' : status === 'open' ? '现在没有办理中的事' : '还没有办结的事',
          hint: filter === 'mine' ? '居委会把事项分给你负责后，会出现在这里，你可以随时记录进度。' : '表决通过的决议会分给负责人办理，进度和支出都在这里公开。',
        }}
      >
        {(task, index) => <TaskCard key={task.id} id={`task-${index}`} task={task} onClick={() => openPage('task', { id: task.id })} />}
      </PagedList>
    </Page>
  )
}
