import { Picker, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { CONSENT_METHODS, CONSENT_METHOD_LABELS, WISH_CATEGORIES, WISH_CATEGORY_LABELS, type ConsentMethod, type WishCategory } from '../../../../cloudfunctions/api/src/platform/labels'
import { Button, Card, ChipGroup, Empty, Page, TextField } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { pageParam, replacePage } from '../../../routes'
import { toastError } from '../../../utils/feedback'
import '../mall.scss'

const DAY = 86_400_000
const chinaDate = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10)

/** 发布微心愿: for oneself, or — a building lead or the committee — for a neighbour who agreed. */
/** Who may post for a neighbour (wish.create checks it again): a building lead for their buildings, the committee for any. */
const FOR_OTHERS = ['buildingLead', 'committee', 'admin']

export default function WishNewPage() {
  const access = useAccess()
  const me = useMe()
  const forOthers = (me.data?.current?.roles ?? []).some((r) => FOR_OTHERS.includes(r))
  if (access.known && !access.canPostWish) {
    return (
      <Page id="page-wish-new" className="mall-page">
        <Empty id="wish-new-unverified" title="认证后就能发布心愿" hint="居委会或楼栋长核实住户信息后，就可以发布微心愿；也可以请楼栋长代为发布。" />
      </Page>
    )
  }
  return (
    <Page id="page-wish-new" className="mall-page">
      <WishForm forOthers={forOthers} forSelf={access.verified} />
    </Page>
  )
}

function WishForm({ forOthers, forSelf }: { forOthers: boolean; forSelf: boolean }) {
  const structure = useQuery('community.structure', {}, [], { enabled: forOthers })
  const create = useAction('wish.create', { done: '已提交，等待居委会审核', onDone: (res) => replacePage('wish', { id: res.wishId }) })
  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [category, setCategory] = useState<WishCategory | null>(null)
  const [byDate, setByDate] = useState(chinaDate(Date.now() + 14 * DAY))
  // A building lead's 代办 page opens this form as ?for=other.
  const [onBehalf, setOnBehalf] = useState(() => forOthers && (!forSelf || pageParam('for') === 'other'))
  const [name, setName] = useState('')
  const [building, setBuilding] = useState<string | null>(null)
  const [consent, setConsent] = useState<ConsentMethod | null>(null)

  const submit = () => {
    if (title.trim().length < 2) return toastError({ message: '心愿至少 2 个字' })
    if (content.trim().length < 4) return toastError({ message: '请说说情况，至少 4 个字' })
    if (!category) return toastError({ message: '请选择类别' })
    if (onBehalf && (!name.trim() || !building || !consent)) return toastError({ message: '代为发布须填写受助人称呼、楼栋和同意方式' })
    void create.run({
      title: title.trim(),
      content: content.trim(),
      category,
      byDate,
      ...(onBehalf ? { onBehalf: { name: name.trim(), buildingId: building!, consent: consent! } } : {}),
    })
  }

  return (
    <>
      {forOthers && (
        <Card>
          <ChipGroup
            id="wish-for"
            options={[
              ...(forSelf ? [{ value: 'self', label: '为自己', id: 'wish-for-self' }] : []),
              { value: 'other', label: '代邻居发布', id: 'wish-for-other' },
            ]}
            selected={[onBehalf ? 'other' : 'self']}
            onSelect={(v) => setOnBehalf(v === 'other')}
          />
        </Card>
      )}
      <Card>
        <TextField id="wish-title" label="心愿" value={title} onChange={setTitle} maxLength={30} placeholder="一句话，如：想配一副老花镜" />
        <View className="mall-field">
          <Text className="mall-field__label">情况说明</Text>
          <Textarea id="wish-content" className="mall-textarea" value={content} maxlength={300} placeholder="为什么需要、有什么要求" onInput={(e) => setContent(e.detail.value)} />
        </View>
        <View className="mall-field">
          <Text className="mall-field__label">类别</Text>
          <ChipGroup
            id="wish-category"
            options={WISH_CATEGORIES.map((c) => ({ value: c, label: WISH_CATEGORY_LABELS[c], id: `wish-category-${c}` }))}
            selected={category ? [category] : []}
            onSelect={(v) => setCategory(v as WishCategory)}
          />
        </View>
        <View className="mall-field">
          <Text className="mall-field__label">希望在哪天前实现</Text>
          <Picker mode="date" value={byDate} start={chinaDate(Date.now() + DAY)} end={chinaDate(Date.now() + 90 * DAY)} onChange={(e) => setByDate(String(e.detail.value))}>
            <View id="wish-by-date" className="mall-picker">
              {byDate}
            </View>
          </Picker>
        </View>
      </Card>

      {onBehalf && (
        <Card title="受助人">
          <TextField id="wish-beneficiary" label="称呼" value={name} onChange={setName} maxLength={20} placeholder="如：陈阿婆（心愿墙上只显示打码后的称呼）" />
          <View className="mall-field">
            <Text className="mall-field__label">住在</Text>
            <ChipGroup
              id="wish-building"
              options={(structure.data?.buildings ?? []).map((b, i) => ({ value: b.id, label: b.name, id: `wish-building-${i}` }))}
              selected={building ? [building] : []}
              onSelect={setBuilding}
            />
          </View>
          <View className="mall-field">
            <Text className="mall-field__label">本人同意方式</Text>
            <ChipGroup
              id="wish-consent"
              options={CONSENT_METHODS.map((c) => ({ value: c, label: CONSENT_METHOD_LABELS[c], id: `wish-consent-${c}` }))}
              selected={consent ? [consent] : []}
              onSelect={(v) => setConsent(v as ConsentMethod)}
            />
          </View>
        </Card>
      )}

      <Text className="mall-page-note">提交后由居委会审核，通过后上心愿墙；心愿墙上的姓名会打码。内容会先经过安全检测。</Text>
      <View className="mall-actions">
        <Button id="wish-submit" block disabled={create.loading} onClick={submit}>
          {create.loading ? '正在提交…' : '提交审核'}
        </Button>
      </View>
    </>
  )
}
