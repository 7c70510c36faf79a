import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Card, Empty, Page, QueryView, SectionTitle, Tag } from '../../../components'
import { useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { serviceCategoryLabel } from '../labels'
import { ShiftRow } from '../ShiftRow'
import '../volunteers.scss'

type Project = ActionOutput<'volunteer.project.get'>

/** A 服务项目: what it is, who runs it, and its shifts — those to come first, soonest first. */
export default function ProjectPage() {
  const [projectId] = useState(() => pageParam('id'))
  const project = useQuery('volunteer.project.get', { projectId }, [projectId], { enabled: !!projectId })
  useRefreshOnPullDown(project.refresh)
  useRefreshOnShow(project.refresh)
  if (!projectId) return <Page id="page-project"><Empty title="没有找到这个项目" hint="请从志愿服务的项目列表进入。" /></Page>
  return (
    <Page id="page-project">
      <QueryView query={project} rows={6}>
        {(data) => <ProjectView project={data} />}
      </QueryView>
    </Page>
  )
}

function ProjectView({ project }: { project: Project }) {
  const upcoming = project.shifts.filter((s) => s.upcoming).sort((a, b) => a.startAt.localeCompare(b.startAt))
  const past = project.shifts.filter((s) => !s.upcoming)
  return (
    <>
      <Card id="project-detail" title={project.title} extra={<Tag>{serviceCategoryLabel(project.category)}</Tag>}>
        <Text className="vol-body">{project.description}</Text>
        <Text className="vol-meta">负责：{project.team ? project.team.name : '社区居委会'}</Text>
      </Card>

      <SectionTitle title={`可报名的时段（${upcoming.length}）`} />
      {upcoming.length === 0 ? (
        <Empty id="project-upcoming-empty" title="暂时没有新的时段" hint="队长发布新的服务时段后会出现在这里。" />
      ) : (
        <View id="project-shifts" className="vol-list">
          {upcoming.map((s, index) => (
            <ShiftRow key={s.id} id={`project-shift-${index}`} shift={s} showTitle={false} onClick={() => openPage('volunteerShift', { id: s.id })} />
          ))}
        </View>
      )}

      {past.length > 0 && (
        <>
          <SectionTitle title={`已开始或结束的时段（${past.length}）`} />
          <View id="project-past" className="vol-list">
            {past.map((s, index) => (
              <ShiftRow key={s.id} id={`project-past-${index}`} shift={s} showTitle={false} onClick={() => openPage('volunteerShift', { id: s.id })} />
            ))}
          </View>
        </>
      )}
    </>
  )
}
