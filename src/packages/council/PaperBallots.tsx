import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput } from '../../api'
import { Button, Card, ChipGroup, Empty, HouseholdPicker, QueryView, SectionTitle } from '../../components'
import { useAction, useQuery } from '../../hooks'
import { formatDateTime } from '../../utils/date'
import { toastError } from '../../utils/feedback'
import { PhotoPicker, type PickedPhoto } from './PhotoPicker'
import './council.scss'

type Motion = ActionOutput<'council.motion.get'>

/**
 * 纸质票, for the committee after the meeting: pick whose ballot it is (a household,
 * or a resident by building with a masked name), the option marked on the paper, a
 * photo of the paper; then the list of what was recorded — a secret motion shows how
 * many, never whose.
 */
export function PaperBallots({ motion, refresh }: { motion: Motion; refresh: () => Promise<void> }) {
  const list = useQuery('council.paper.list', { motionId: motion.id }, [motion.id])
  const refreshAll = async () => {
    await Promise.all([refresh(), list.refresh()])
  }
  return (
    <>
      <SectionTitle title="纸质票（居委会录入）" />
      {motion.state === 'open' ? (
        <PaperForm motion={motion} refresh={refreshAll} />
      ) : (
        <Card id="paper-closed">
          <Text className="plain-line">{motion.state === 'upcoming' ? '表决开始后才能录入纸质票' : '表决已结束，不能再录入纸质票'}</Text>
        </Card>
      )}
      <QueryView query={list} rows={2}>
        {(data) => (
          <Card id="paper-list" title={`已录入 ${data.count} 张`}>
            {data.byRecorder.length > 0 && <Text className="council-meta">{data.byRecorder.map((r) => `${r.name} 录入 ${r.count} 张`).join('，')}</Text>}
            {data.secret ? (
              <Text id="paper-secret-note" className="council-meta">
                不记名表决：只记张数，不保存哪户投了什么
              </Text>
            ) : data.items && data.items.length > 0 ? (
              data.items.map((item, index) => (
                <View key={`${item.voter}-${index}`} className="paper-row divided">
                  {item.photoUrl && <Image className="paper-row__photo" src={item.photoUrl} mode="aspectFill" onClick={() => void Taro.previewImage({ urls: [item.photoUrl!] })} />}
                  <View className="paper-row__text">
                    <Text className="plain-line">
                      {item.voter}：{item.option}
                    </Text>
                    <Text className="council-meta">
                      {item.recordedBy} 录入 · {formatDateTime(item.at)}
                    </Text>
                  </View>
                </View>
              ))
            ) : (
              <Text className="council-meta">还没有录入纸质票</Text>
            )}
          </Card>
        )}
      </QueryView>
    </>
  )
}

function PaperForm({ motion, refresh }: { motion: Motion; refresh: () => Promise<void> }) {
  const structure = useQuery('community.structure', {}, [])
  const [householdId, setHouseholdId] = useState<string | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [memberId, setMemberId] = useState<string | null>(null)
  const [option, setOption] = useState<number | null>(null)
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [uploading, setUploading] = useState(false)
  const perPerson = motion.unit === 'person'
  const residents = useQuery('council.paper.voters', { motionId: motion.id, buildingId: buildingId ?? '' }, [motion.id, buildingId], { enabled: perPerson && !!buildingId })
  const record = useAction('council.paper.record', {
    confirm: ({ option: o }) => ({ title: '录入纸质票', content: `按纸上所选录入「${motion.options[o]}」。录入后计入票数，不能撤回。`, confirmText: '录入' }),
    done: '已录入',
    refresh,
  })
  const voterChosen = perPerson ? !!memberId : !!householdId
  const ready = voterChosen && option !== null && photos.length === 1 && !uploading

  const submit = async () => {
    if (!ready) return toastError({ message: !voterChosen ? (perPerson ? '请选择居民' : '请选择住户') : option === null ? '请选择纸上所选的一项' : '请拍一张纸质票的照片' })
    const res = await record.run({ motionId: motion.id, option: option!, photo: photos[0].fileID, ...(perPerson ? { memberId: memberId! } : { householdId: householdId! }) })
    if (res) {
      setHouseholdId(null)
      setMemberId(null)
      setOption(null)
      setPhotos([])
    }
  }

  return (
    <Card id="paper-form">
      <Text className="council-meta">
        {perPerson ? '每人一票：' : '每户一票：'}已在网上投过的{perPerson ? '居民' : '住户'}不能再录入。{motion.secret ? '不记名表决只拍选票本身，不要拍到投票人。' : ''}
      </Text>
      <QueryView query={structure} rows={2}>
        {(data) =>
          perPerson ? (
            <>
              <ChipGroup id="paper-building" options={data.buildings.map((b, i) => ({ value: b.id, label: b.name, id: `paper-building-${i}` }))} selected={buildingId ? [buildingId] : []} onSelect={(v) => (setBuildingId(v), setMemberId(null))} />
              {buildingId && (
                <QueryView query={residents} rows={2}>
                  {(r) =>
                    r.items.length === 0 ? (
                      <Empty title="没有可选的居民" hint={r.whyEmpty ?? undefined} />
                    ) : (
                      <ChipGroup id="paper-resident" options={r.items.map((p, i) => ({ value: p.memberId!, label: `${p.name} ${p.label}`, id: `paper-resident-${i}` }))} selected={memberId ? [memberId] : []} onSelect={setMemberId} />
                    )
                  }
                </QueryView>
              )}
            </>
          ) : (
            <HouseholdPicker idPrefix="paper" buildings={data.buildings} value={householdId} onChange={setHouseholdId} />
          )
        }
      </QueryView>
      <Text className="plain-line">纸上所选</Text>
      <ChipGroup id="paper-option" wide options={motion.options.map((label, index) => ({ value: String(index), label, id: `paper-option-${index}` }))} selected={option === null ? [] : [String(option)]} onSelect={(v) => setOption(Number(v))} />
      <Text className="plain-line">纸质票照片</Text>
      <PhotoPicker id="paper-photo" photos={photos} onChange={setPhotos} max={1} folder="ballots" onUploading={setUploading} />
      <Button id="paper-submit" block className="cosign__button" disabled={record.loading || !ready} onClick={() => void submit()}>
        {record.loading ? '正在录入…' : '录入这张纸质票'}
      </Button>
    </Card>
  )
}
