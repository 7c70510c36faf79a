import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Page, Tag, TextField } from '../../../components'
import { useAction, useMe } from '../../../hooks'
import { formatDateTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { hoursText } from '../labels'
import '../volunteers.scss'

type Verdict = ActionOutput<'volunteer.certificate.verify'> | { valid: false; message: string }

/** 证明查验: anyone types the code printed on a 志愿服务记录证明 and sees what the community issued. */
export default function VerifyPage() {
  const me = useMe()
  const mine = me.data?.current?.communityId ?? ''
  const [code, setCode] = useState('')
  const [community, setCommunity] = useState<string | null>(null)
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  // A check that finds nothing (or a code of the wrong form) is an answer to show, not a failure to toast.
  const verify = useAction('volunteer.certificate.verify', {
    onDone: setVerdict,
    onError: (error) => (error.code === 'NOT_FOUND' || error.code === 'INVALID_ARGUMENT' ? setVerdict({ valid: false, message: error.message }) : toastError(error)),
  })
  const communityId = community ?? mine

  const submit = () => {
    const typed = code.replace(/[\s-]/g, '')
    if (typed.length !== 12) return toastError({ message: '查验码是 12 位字母和数字，见证明右下方' })
    if (!communityId.trim()) return toastError({ message: '请填写证明上印的社区编号' })
    setVerdict(null)
    void verify.run({ code: code.trim(), communityId: communityId.trim() })
  }

  return (
    <Page id="page-volunteer-verify">
      <Card title="查验志愿服务记录证明">
        <Text className="vol-meta">证明上印有证明编号、查验码和出具社区的编号。输入查验码，核对下面显示的内容与证明是否一致。</Text>
        <TextField id="verify-code" label="查验码" value={code} onChange={setCode} maxLength={20} placeholder="如 ABCD-EFGH-JKMN" />
        <TextField
          id="verify-community"
          label="社区编号"
          value={communityId}
          onChange={setCommunity}
          maxLength={40}
          hint="默认是你所在的社区；查验其他社区出具的证明，请填写证明上印的社区编号。"
        />
        <Button id="verify-submit" block disabled={verify.loading} onClick={submit}>
          {verify.loading ? '正在查验…' : '查验'}
        </Button>
      </Card>
      {verdict && (verdict.valid ? <Valid certificate={verdict.certificate} /> : (
        <Card id="verify-invalid" title="查验未通过" extra={<Tag tone="danger">未找到</Tag>}>
          <Text className="vol-body">{verdict.message}</Text>
        </Card>
      ))}
    </Page>
  )
}

function Valid({ certificate: c }: { certificate: ActionOutput<'volunteer.certificate.verify'>['certificate'] }) {
  return (
    <Card id="verify-valid" title="证明真实有效" extra={<Tag tone="brand">已核验</Tag>}>
      <View>
        <Text className="vol-body">证明编号：{c.number}</Text>
        <Text className="vol-meta">志愿者：{c.name}（身份证 {c.idMasked}，编号 {c.volunteerNumber}）</Text>
        <Text id="verify-hours" className="vol-meta">服务时长：{hoursText(c.creditedHours)}，共 {c.records} 条记录{c.honourHours > 0 ? `；荣誉时长另计 ${hoursText(c.honourHours)}` : ''}</Text>
        <Text className="vol-meta">记录单位：{c.organisation}</Text>
        <Text className="vol-meta">出具时间：{formatDateTime(c.issuedAt)}</Text>
      </View>
    </Card>
  )
}
