import { Image, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { fileUrl } from '../../../api/fileUrl'
import { Button, Card, ChipGroup, Page, PromptModal, QueryView, Tag } from '../../../components'
import { SharePanel } from '../../../components/SharePanel'
import { useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow, useShare } from '../../../hooks'
import { sharePath, wishShareTitle } from '../../../utils/share'
import { goBack, pageParam } from '../../../routes'
import { formatDateTime, formatDay } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { OnePhoto } from '../OnePhoto'
import '../mall.scss'

type Wish = ActionOutput<'wish.get'>

const HOURS = ['0.5', '1', '1.5', '2', '3', '4']
const STEP_LABELS = ['审核', '上墙', '认领', '实现', '确认']
/** How many of the steps each state has behind it: a wish awaiting screening has none, one on the wall two. */
const STEPS_DONE: Record<string, number> = { pending: 0, open: 2, claimed: 3, fulfilled: 4, done: 5 }

/** One wish: where it stands, the fulfilment photo, and the one next step this person can take. */
export default function WishPage() {
  const wishId = pageParam('id')
  const wish = useQuery('wish.get', { wishId }, [wishId])
  const communityId = useMe().data?.current?.communityId
  const path = sharePath('wish', { id: wishId }, communityId)
  useShare(() => (wish.data ? { title: wishShareTitle(wish.data), path } : null))
  useRefreshOnPullDown(wish.refresh)
  useRefreshOnShow(wish.refresh)
  return (
    <Page id="page-wish" className="mall-page">
      <QueryView query={wish} rows={5}>
        {(w) => (
          <>
            <WishView wish={w} refresh={wish.refresh} />
            {w.status === 'open' && <SharePanel id="wish-share" heading="请邻居来认领" title={wishShareTitle(w)} path={path} target={{ page: 'wish', id: wishId }} />}
          </>
        )}
      </QueryView>
    </Page>
  )
}

function WishView({ wish: w, refresh }: { wish: Wish; refresh: () => Promise<void> }) {
  const [rejecting, setRejecting] = useState(false)
  const claim = useAction('wish.claim', {
    confirm: { title: '认领这个心愿', content: '认领后请在 7 天内帮忙实现并上传照片；做不到可以放弃，心愿会回到心愿墙。', confirmText: '认领' },
    done: '已认领',
    refresh,
  })
  const drop = useAction('wish.drop', { confirm: { title: '放弃认领', content: '心愿会优先回到心愿墙，由其他志愿者认领。', confirmText: '放弃', danger: true }, done: '已放弃', refresh })
  const confirm = useAction('wish.confirm', {
    confirm: { title: '确认心愿已实现', content: '确认后为志愿者记录服务时长和积分。', confirmText: '确认' },
    done: (res) => (res.points ? `已确认，志愿者获得 ${res.points} 积分` : '已确认'),
    refresh,
  })
  const review = useAction('wish.review', { onDone: () => setRejecting(false), done: (res) => (res.status === 'open' ? '已通过，上心愿墙' : '已退回'), refresh })
  const withdraw = useAction('wish.withdraw', { confirm: { title: '撤回心愿', content: '撤回后心愿不再显示在心愿墙上。', confirmText: '撤回', danger: true }, done: '已撤回', onDone: goBack })
  const done = STEPS_DONE[w.status] ?? -1

  return (
    <>
      <Card id="wish-detail">
        <View className="mall-balance">
          <Text className="mall-row__title">{w.title}</Text>
          <Tag tone={w.status === 'rejected' ? 'danger' : w.status === 'done' ? 'neutral' : 'brand'}>{w.statusLabel}</Tag>
        </View>
        <Text className="wish-content">{w.content}</Text>
        <Text className="wish-facts">
          受助人 {w.beneficiary} · {w.categoryLabel} · 希望 {formatDay(`${w.byDate}T12:00:00+08:00`)}前实现
        </Text>
        {w.consent && <Text className="wish-facts">代为发布：{w.consent.label}{w.consent.note ? `（${w.consent.note}）` : ''}</Text>}
        {w.priority && <Text className="wish-facts">曾被认领后回到心愿墙，优先显示</Text>}
        {w.rejectReason && <Text className="wish-facts">未通过原因：{w.rejectReason}</Text>}
      </Card>

      {done >= 0 && (
        <Card title="进展">
          <View id="wish-steps" className="wish-tags">
            {STEP_LABELS.map((label, i) => (
              <Tag key={label} tone={i < done ? 'brand' : 'neutral'}>
                {i < done ? `✓ ${label}` : label}
              </Tag>
            ))}
          </View>
          {w.claimer && (
            <Text className="wish-facts">
              认领志愿者 {w.claimer}
              {w.status === 'claimed' && w.claimDueAt ? `，请在 ${formatDateTime(w.claimDueAt)} 前实现` : ''}
            </Text>
          )}
        </Card>
      )}

      {w.fulfilledAt && (
        <Card title="实现情况" id="wish-fulfilment">
          <Text className="wish-content">{w.fulfilNote}</Text>
          <Text className="wish-facts">
            服务 {w.hours} 小时 · {formatDateTime(w.fulfilledAt)}
            {w.points !== null && w.points !== undefined && w.status === 'done' ? ` · 志愿者获得 ${w.points} 积分` : ''}
          </Text>
          {w.photos.map((p) => (
            <Image key={p} className="wish-photo" src={fileUrl(p)} mode="aspectFill" aria-label="实现心愿的照片" />
          ))}
          {w.pendingPhotos.length > 0 && <Text className="wish-facts">照片正在安全检测，通过后邻居可见</Text>}
        </Card>
      )}

      {w.can.fulfil && <FulfilForm wishId={w.id} refresh={refresh} />}

      <View className="mall-actions">
        {w.can.claim && (
          <Button id="wish-claim" block disabled={claim.loading} onClick={() => void claim.run({ wishId: w.id })}>
            认领这个心愿
          </Button>
        )}
        {w.can.confirm && (
          <Button id="wish-confirm" block disabled={confirm.loading} onClick={() => void confirm.run({ wishId: w.id })}>
            确认已实现
          </Button>
        )}
        {w.can.review && (
          <>
            <Button id="wish-approve" block disabled={review.loading} onClick={() => void review.run({ wishId: w.id, approve: true })}>
              审核通过，上心愿墙
            </Button>
            <Button id="wish-reject" block variant="secondary" onClick={() => setRejecting(true)}>
              不通过
            </Button>
          </>
        )}
        {w.can.drop && (
          <Button id="wish-drop" block variant="secondary" disabled={drop.loading} onClick={() => void drop.run({ wishId: w.id })}>
            放弃认领
          </Button>
        )}
        {w.can.withdraw && (
          <Button id="wish-withdraw" block variant="text" disabled={withdraw.loading} onClick={() => void withdraw.run({ wishId: w.id })}>
            撤回心愿
          </Button>
        )}
        {w.status === 'open' && !w.can.claim && <Text className="mall-row__why">志愿者可以认领心愿；想参加志愿服务，请到「志愿服务」报名。</Text>}
      </View>

      <PromptModal
        visible={rejecting}
        title="不通过审核"
        message="发布人会收到通知和原因。"
        placeholder="原因，如：超出微心愿范围，建议申请临时救助"
        confirmText="不通过"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.trim().length < 2 ? '请写明原因' : null)}
        busy={review.loading}
        onConfirm={(reason) => void review.run({ wishId: w.id, approve: false, reason: reason.trim() })}
        onCancel={() => setRejecting(false)}
      />
    </>
  )
}

function FulfilForm({ wishId, refresh }: { wishId: string; refresh: () => Promise<void> }) {
  const [note, setNote] = useState('')
  const [hours, setHours] = useState('1')
  const [photo, setPhoto] = useState<{ fileID: string | null; preview: string | null }>({ fileID: null, preview: null })
  const [uploading, setUploading] = useState(false)
  const fulfil = useAction('wish.fulfil', { done: '已提交，等待确认', refresh })
  const submit = () => {
    if (note.trim().length < 4) return toastError({ message: '请写几句实现情况，至少 4 个字' })
    if (!photo.fileID) return toastError({ message: '请上传一张实现心愿的照片' })
    void fulfil.run({ wishId, note: note.trim(), photos: [photo.fileID], hours: Number(hours) })
  }
  return (
    <Card title="提交实现情况" id="wish-fulfil">
      <View className="mall-field">
        <Text className="mall-field__label">做了什么</Text>
        <Textarea id="wish-fulfil-note" className="mall-textarea" value={note} maxlength={300} placeholder="如：已送去一床棉被，帮老人铺好了" onInput={(e) => setNote(e.detail.value)} />
      </View>
      <View className="mall-field">
        <Text className="mall-field__label">服务时长（小时）</Text>
        <ChipGroup id="wish-fulfil-hours" options={HOURS.map((h) => ({ value: h, label: h, id: `wish-hours-${h.replace('.', '-')}` }))} selected={[hours]} onSelect={setHours} />
      </View>
      <View className="mall-field">
        <Text className="mall-field__label">照片</Text>
        <OnePhoto id="wish-fulfil-photo" folder="wishes" fileID={photo.fileID} preview={photo.preview} onChange={(fileID, preview) => setPhoto({ fileID, preview })} onUploading={setUploading} label="上传照片" />
      </View>
      <Button id="wish-fulfil-submit" block disabled={fulfil.loading || uploading} onClick={submit}>
        {fulfil.loading ? '正在提交…' : '提交，请受助人确认'}
      </Button>
    </Card>
  )
}
