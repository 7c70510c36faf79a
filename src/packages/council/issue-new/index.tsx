import { Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { askSubscribe, prepareSubscribe } from '../../../api/subscribe'
import { Button, Card, ChipGroup, Empty, Page, QueryView, TextField } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { openPage, replacePage } from '../../../routes'
import { toastError } from '../../../utils/feedback'
import { ISSUE_CATEGORY_OPTIONS, type IssueCategory } from '../../../utils/labels'
import { PhotoPicker, type PickedPhoto } from '../PhotoPicker'
import '../council.scss'

const MY_BUILDING = 'mine'

/** 听邻说事: the form a resident raises a matter with. */
export default function IssueNewPage() {
  const me = useMe()
  const access = useAccess()
  return (
    <Page id="page-issue-new">
      <QueryView query={me} rows={5}>
        {(data) =>
          access.canRaiseIssue ? (
            <IssueForm />
          ) : (
            <Empty
              id="issue-new-unverified"
              title="认证后就能说事"
              hint={data.current ? '居委会或楼栋长核实住户信息后即为已认证居民，就可以说事和附议。' : '先加入你所在的社区，认证后就可以说事和附议。'}
              actionText={data.current ? undefined : '加入社区'}
              onAction={() => openPage('join')}
            />
          )
        }
      </QueryView>
    </Page>
  )
}

// The server's limits (council.issue.create), checked first for a friendlier message.
function problemOf(title: string, body: string, category: string | null): string | null {
  if (title.trim().length < 4) return '标题至少 4 个字'
  if (body.trim().length < 10) return '请把情况说清楚，至少 10 个字'
  if (!category) return '请选择类别'
  return null
}

function IssueForm() {
  const structure = useQuery('community.structure', {})
  const create = useAction('council.issue.create', {
    // The natural moment to ask: the person will want to hear what becomes of it.
    before: () => askSubscribe(['issueUpdate']),
    onDone: (res) => replacePage('issue', { id: res.issueId }),
    done: '已提交',
  })
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [category, setCategory] = useState<IssueCategory | null>(null)
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [uploading, setUploading] = useState(false)
  const [building, setBuilding] = useState(MY_BUILDING)
  useEffect(prepareSubscribe, [])

  const submit = () => {
    const problem = problemOf(title, body, category)
    if (problem) return toastError({ message: problem })
    if (uploading) return toastError({ message: '照片还在上传，请稍候' })
    void create.run({
      title: title.trim(),
      body: body.trim(),
      category: category!,
      photos: photos.map((p) => p.fileID),
      ...(building !== MY_BUILDING ? { buildingId: building } : {}),
    })
  }

  return (
    <>
      <Card>
        <TextField id="issue-title" label="标题" value={title} onChange={setTitle} maxLength={40} placeholder="一句话说清是什么事，如：3 号楼楼道灯不亮" />
        <View className="field-block">
          <Text className="field-label">详细情况</Text>
          <Textarea
            id="issue-body"
            className="textarea-box"
            value={body}
            maxlength={1000}
            placeholder="在哪里、什么情况、持续多久、希望怎么解决"
            onInput={(e) => setBody(e.detail.value)}
          />
          <Text className="textarea-count">{body.length}/1000</Text>
        </View>
        <View className="field-block">
          <Text className="field-label">类别</Text>
          <ChipGroup
            id="issue-category"
            options={ISSUE_CATEGORY_OPTIONS.map((c) => ({ ...c, id: `issue-category-${c.value}` }))}
            selected={category ? [category] : []}
            onSelect={(value) => setCategory(value as IssueCategory)}
          />
        </View>
      </Card>

      <Card title="照片（可不传，最多 9 张）">
        <PhotoPicker id="issue-photos" photos={photos} onChange={setPhotos} folder="issues" onUploading={setUploading} />
      </Card>

      <Card title="涉及楼栋">
        <ChipGroup
          id="issue-building"
          wide
          options={[
            { value: MY_BUILDING, label: '我住的楼', id: 'issue-building-mine' },
            ...(structure.data?.buildings ?? []).map((b, index) => ({ value: b.id, label: b.name, id: `issue-building-${index}` })),
          ]}
          selected={[building]}
          onSelect={setBuilding}
        />
        <Text className="field-hint">整个小区的事，选“我住的楼”即可。</Text>
      </Card>

      <Text className="council-note">提交后所有邻居都能看到，内容会先经过安全检测。邻居附议达到社区定的人数，就成为候选议题，由居委会研究处理。</Text>
      <Button id="issue-submit" block disabled={create.loading || uploading} onClick={submit}>
        {create.loading ? '正在提交…' : uploading ? '照片上传中…' : '提交'}
      </Button>
    </>
  )
}
