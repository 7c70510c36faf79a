import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Checkbox, ChipGroup, Empty, Page, QueryView, Tag, TextField } from '../../../components'
import { useAccess, useAction, useQuery, useRefreshOnShow } from '../../../hooks'
import { goBack, openPage } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { SERVICE_CATEGORY_OPTIONS, serviceCategoryLabel, statusTone, volunteerStatusLabel, type ServiceCategory } from '../labels'
import '../volunteers.scss'

type Mine = ActionOutput<'volunteer.me'>

/** 申请成为志愿者: the form, or where my application stands. */
export default function ApplyPage() {
  const access = useAccess()
  const mine = useQuery('volunteer.me', {}, [], { enabled: access.resident })
  useRefreshOnShow(mine.refresh)
  const [editing, setEditing] = useState(false)
  if (access.known && !access.resident) {
    return (
      <Page id="page-volunteer-apply">
        <Empty id="apply-join-first" title="先加入社区" hint="志愿者由所在社区的居委会审核，加入社区后再来申请。" actionText="加入社区" onAction={() => openPage('join')} />
      </Page>
    )
  }
  return (
    <Page id="page-volunteer-apply">
      <QueryView query={mine} rows={5}>
        {(data) =>
          data.application && !editing ? (
            <ApplicationState mine={data} onReapply={() => setEditing(true)} />
          ) : (
            <ApplyForm reason={data.identityReason} refresh={async () => { setEditing(false); await mine.refresh() }} />
          )
        }
      </QueryView>
    </Page>
  )
}

function ApplicationState({ mine, onReapply }: { mine: Mine; onReapply: () => void }) {
  const a = mine.application!
  return (
    <Card id="apply-state" title="我的申请" extra={<Tag id={`apply-status-${a.status}`} tone={statusTone(a.status)}>{volunteerStatusLabel(a.status)}</Tag>}>
      <Text className="vol-body">{a.realName} · 身份证 {a.idMasked}</Text>
      {a.number && <Text id="apply-number" className="vol-meta">志愿者编号：{a.number}</Text>}
      <Text className="vol-meta">服务类别：{a.categories.map(serviceCategoryLabel).join('、')}</Text>
      {a.skills.length > 0 && <Text className="vol-meta">技能特长：{a.skills.join('、')}</Text>}
      <Text className="vol-meta">{formatDateTime(a.appliedAt)} 提交{a.decidedAt ? `，${formatDateTime(a.decidedAt)} 审核` : ''}</Text>
      {a.status === 'pending' && <Text className="vol-meta">居委会审核后会通知你，通过后就可以报名服务岗位。</Text>}
      {a.status === 'declined' && (
        <>
          {a.declineReason && <Text id="apply-decline-reason" className="vol-meta">原因：{a.declineReason}</Text>}
          <View className="vol-actions">
            <Button id="apply-again" onClick={onReapply}>修改后重新申请</Button>
          </View>
        </>
      )}
      {a.status === 'approved' && (
        <View className="vol-actions">
          <Button id="apply-done" variant="secondary" onClick={goBack}>去报名服务岗位</Button>
        </View>
      )}
    </Card>
  )
}

// The server's rules (volunteer.apply), checked first for a friendlier message.
function problemOf(realName: string, idNumber: string, categories: string[], consent: boolean): string | null {
  if (realName.trim().length < 2) return '请填写真实姓名'
  if (!/^\d{17}[\dXx]$/.test(idNumber.trim())) return '身份证号是 18 位，最后一位可能是 X'
  if (categories.length === 0) return '请至少选择一个服务类别'
  if (!consent) return '请先阅读并同意身份信息的使用说明'
  return null
}

function ApplyForm({ reason, refresh }: { reason: string; refresh: () => Promise<void> }) {
  const apply = useAction('volunteer.apply', { done: '已提交申请', refresh })
  const [realName, setRealName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [skills, setSkills] = useState('')
  const [categories, setCategories] = useState<ServiceCategory[]>([])
  const [consent, setConsent] = useState(false)

  const toggle = (value: string) =>
    setCategories((c) => (c.includes(value as ServiceCategory) ? c.filter((v) => v !== value) : [...c, value as ServiceCategory]))

  const submit = () => {
    const problem = problemOf(realName, idNumber, categories, consent)
    if (problem) return toastError({ message: problem })
    void apply.run({
      realName: realName.trim(),
      idNumber: idNumber.trim(),
      categories,
      skills: skills.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean).slice(0, 10),
      consent: true,
    })
  }

  return (
    <>
      <Card title="想参加哪些服务">
        <ChipGroup id="apply-categories" multiple options={SERVICE_CATEGORY_OPTIONS} selected={categories} onSelect={toggle} />
        <TextField id="apply-skills" className="vol-gap" label="技能特长（可不填）" value={skills} onChange={setSkills} maxLength={100} placeholder="如：理发、电脑维修" hint="几项特长之间用顿号隔开" />
      </Card>

      <Card title="身份信息">
        <View id="apply-identity-reason" className="vol-cert">
          <Text className="vol-body">为什么要填：出具志愿服务记录证明需要。</Text>
          <Text className="vol-cert__text">{reason}</Text>
        </View>
        <TextField id="apply-real-name" label="真实姓名" value={realName} onChange={setRealName} maxLength={20} placeholder="与身份证一致" />
        <TextField id="apply-id-number" label="身份证号" value={idNumber} onChange={setIdNumber} maxLength={18} placeholder="18 位，最后一位可能是 X" />
        <Checkbox id="apply-consent" checked={consent} onChange={setConsent}>
          <Text className="vol-body">我已阅读上面的说明，同意将姓名和打码的身份证号用于志愿服务记录和证明。</Text>
        </Checkbox>
      </Card>

      <Text className="vol-note">提交后由居委会审核，通过后会分配志愿者编号，就可以报名服务岗位了。</Text>
      <Button id="apply-submit" block disabled={apply.loading} onClick={submit}>
        {apply.loading ? '正在提交…' : '提交申请'}
      </Button>
    </>
  )
}
