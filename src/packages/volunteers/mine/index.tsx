import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Empty, Page, PromptModal, QueryView, SectionTitle, Tag } from '../../../components'
import { useAccess, useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { formatDateTime, formatDay, formatTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { correctionStatusLabel, finalDay, honourStatusLabel, hoursText, recordStatusLabel, statusTone } from '../labels'
import { StarProgress } from '../StarProgress'
import '../volunteers.scss'

type Mine = ActionOutput<'volunteer.record.mine'>
type ServiceRecord = Mine['records'][number]
type Issued = ActionOutput<'volunteer.certificate'>

/**
 * 我的志愿: credited hours (only from scanned check-in and check-out) and honour
 * hours apart, the star level and the way to the next, every record with a way to
 * ask for its correction, and the 志愿服务记录证明.
 */
export default function MyServicePage() {
  const access = useAccess()
  const mine = useQuery('volunteer.record.mine', {}, [], { enabled: access.resident })
  useRefreshOnPullDown(mine.refresh)
  useRefreshOnShow(mine.refresh)
  if (access.known && !access.resident) {
    return (
      <Page id="page-volunteer-mine">
        <Empty id="mine-join-first" title="先加入社区" hint="服务记录由所在社区记录，加入社区并成为志愿者后在这里查看。" actionText="加入社区" onAction={() => openPage('join')} />
      </Page>
    )
  }
  return (
    <Page id="page-volunteer-mine">
      <QueryView query={mine} rows={6} loadingText="正在读取服务记录…">
        {(data) => <MineView mine={data} refresh={mine.refresh} />}
      </QueryView>
    </Page>
  )
}

function MineView({ mine, refresh }: { mine: Mine; refresh: () => Promise<void> }) {
  const access = useAccess()
  const [correcting, setCorrecting] = useState<ServiceRecord | null>(null)
  const correct = useAction('volunteer.record.correct', { done: '已提交，等待组织者答复', onDone: () => setCorrecting(null), refresh })
  if (!access.canVolunteer && mine.records.length === 0) {
    return (
      <Empty
        id="mine-not-volunteer"
        title="你还不是社区志愿者"
        hint="提交申请、居委会审核通过后，就可以报名服务时段，服务时长和星级会记在这里。"
        actionText="申请成为志愿者"
        onAction={() => openPage('volunteerApply')}
      />
    )
  }
  return (
    <>
      <Card id="mine-hours">
        <View className="vol-hours">
          <View className="vol-hours__cell">
            <Text id="mine-credited" className="vol-hours__value">{mine.creditedHours}</Text>
            <Text className="vol-hours__label">服务时长（小时）</Text>
          </View>
          <View className="vol-hours__cell">
            <Text id="mine-honour" className="vol-hours__value">{mine.honourHours}</Text>
            <Text className="vol-hours__label">荣誉时长（另计）</Text>
          </View>
        </View>
        <StarProgress star={mine.star} creditedHours={mine.creditedHours} nextStar={mine.nextStar} thresholds={mine.thresholds} />
        <Text className="vol-meta">
          服务时长只由扫码签到、签退记录，在岗须达到时段的 {Math.round(mine.serviceShare * 100)}%；荣誉时长由队长登记、居委会确认，不计入星级。用积分兑换物品不会减少时长和星级。
        </Text>
      </Card>

      <Certificate canIssue={access.canVolunteer} />

      <SectionTitle title={`服务记录（${mine.records.length} 条）`} />
      {mine.records.length === 0 ? (
        <Empty id="mine-records-empty" title="还没有服务记录" hint="报名服务时段，到场扫队长的签到码、离开前扫签退码，记录就会出现在这里。" />
      ) : (
        <View id="mine-records" className="vol-list">
          {mine.records.map((r, index) => (
            <RecordRow key={r.shiftId} record={r} index={index} onCorrect={() => setCorrecting(r)} />
          ))}
        </View>
      )}
      <PromptModal
        visible={correcting !== null}
        title="申请更正这条记录"
        message={correcting ? `「${correcting.project}」${correcting.date}：请说明哪里不对，组织者会答复你。` : ''}
        placeholder="如：我 9:00 到 11:00 都在岗，签退时手机没电"
        confirmText="提交"
        multiline
        maxLength={500}
        validate={(v) => (v.length < 5 ? '请说清楚哪里不对（至少 5 个字）' : null)}
        busy={correct.loading}
        onConfirm={(request) => correcting && void correct.run({ shiftId: correcting.shiftId, request })}
        onCancel={() => setCorrecting(null)}
      />
    </>
  )
}

function RecordRow({ record: r, index, onCorrect }: { record: ServiceRecord; index: number; onCorrect: () => void }) {
  const pending = r.correction?.status === 'pending'
  return (
    <View id={`record-${index}`} className="vol-row">
      <View className="vol-row__body">
        <View className="vol-row__head">
          <Tag tone={statusTone(r.status)}>{recordStatusLabel(r.status)}</Tag>
          <Text className="vol-row__title">{r.project}</Text>
        </View>
        <Text className="vol-meta">{formatDay(r.startAt)} {formatTime(r.startAt)}–{formatTime(r.endAt)} · {r.place}</Text>
        <Text className="vol-meta">服务内容：{r.content}</Text>
        {r.checkedInAt && (
          <Text className="vol-meta">
            {formatTime(r.checkedInAt)} 签到{r.checkedOutAt ? `，${formatTime(r.checkedOutAt)} 签退` : '，未签退（待队长结算）'}
          </Text>
        )}
        {r.honourStatus && (
          <Text className="vol-meta">荣誉时长：{r.honourStatus === 'confirmed' ? hoursText(r.honourMinutes / 60) : honourStatusLabel(r.honourStatus)}</Text>
        )}
        {r.correction && (
          <Text id={`record-correction-${index}`} className="vol-meta">
            更正申请：{correctionStatusLabel(r.correction.status)}
            {r.correction.answer ? `，答复：${r.correction.answer}` : ''}
          </Text>
        )}
        <Text className="vol-meta">{r.final ? '记录已定稿' : `${finalDay(r.finalAt)}后定稿，之前队长可以结算和补记`}</Text>
        {!pending && (
          <View className="vol-actions">
            <Button id={`record-correct-${index}`} size="compact" variant="secondary" onClick={onCorrect}>申请更正</Button>
          </View>
        )}
      </View>
      <View className="vol-row__side">
        <Text id={`record-hours-${index}`} className="vol-row__hours">{hoursText(r.creditedHours)}</Text>
      </View>
    </View>
  )
}

/** Opens the PDF: WeChat downloads it and shows it in its document viewer; a browser opens the link. */
async function openPdf(url: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  const file = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true })
}

function Certificate({ canIssue }: { canIssue: boolean }) {
  const [issued, setIssued] = useState<Issued | null>(null)
  const issue = useAction('volunteer.certificate', { done: '证明已生成', onDone: (res) => setIssued(res) })
  const open = (url: string | null) => {
    if (!url) return toastError({ message: '证明文件暂时打不开，请稍后再试' })
    openPdf(url).catch(() => toastError({ message: '证明文件打开失败，请稍后再试' }))
  }
  return (
    <Card id="mine-certificate" title="志愿服务记录证明">
      <Text className="vol-meta">
        按民政部《志愿服务记录与证明出具办法》，由社区居委会出具，免费。载明姓名、打码的身份证号、志愿者编号、服务时长和每条服务记录，附证明编号和查验码，可供学校、单位查验。
      </Text>
      {issued ? (
        <View id="certificate-issued" className="vol-cert">
          <Text className="vol-cert__text">证明编号</Text>
          <Text id="certificate-number" className="vol-cert__code">{issued.number}</Text>
          <Text className="vol-cert__text">查验码</Text>
          <Text id="certificate-code" className="vol-cert__code">{issued.code}</Text>
          <Text className="vol-cert__text">{formatDateTime(issued.issuedAt)} 出具 · 服务时长 {hoursText(issued.creditedHours)} · {issued.records} 条记录</Text>
          {issued.url && <Text id="certificate-url" className="vol-hidden">{issued.url}</Text>}
          <Button id="certificate-open" block onClick={() => open(issued.url)}>打开证明（PDF）</Button>
        </View>
      ) : canIssue ? (
        <View className="vol-actions">
          <Button id="certificate-issue" block disabled={issue.loading} onClick={() => void issue.run({})}>
            {issue.loading ? '正在生成…' : '生成并下载证明'}
          </Button>
        </View>
      ) : (
        <Text id="certificate-volunteer-first" className="vol-meta">登记为志愿者（实名信息用于证明）并通过审核后可以出具。</Text>
      )}
      <View className="vol-actions">
        <Button id="certificate-verify" variant="text" onClick={() => openPage('volunteerVerify')}>查验一份证明</Button>
      </View>
    </Card>
  )
}
