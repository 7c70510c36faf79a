import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionInput, ActionOutput } from '../../../api'
import { rememberCommunity } from '../../../api/community'
import { uploadImage } from '../../../api/upload'
import {
  Avatar,
  Button,
  Card,
  Checkbox,
  ErrorState,
  HouseholdPicker,
  Loading,
  Page,
  Tag,
  TextField,
} from '../../../components'
import { useAction, useMe, useQuery, useRefreshOnShow } from '../../../hooks'
import { openPage, pageParam, TAB_PAGES } from '../../../routes'
import { toastDone, toastError } from '../../../utils/feedback'
import { chooseOnePhoto } from '../../../utils/media'
import {
  CONTACT_REASON,
  contactProblem,
  inviteFromOptions,
  inviteFromText,
  inviteProblem,
  nicknameProblem,
} from '../rules'
import '../account.scss'
import './index.scss'

type Joined = ActionOutput<'community.join'> & { household: string }

export default function JoinPage() {
  const { params } = useRouter()
  const [code, setCode] = useState(() => inviteFromOptions(params))
  // The code whose community is shown; a QR code or shared link looks it up at once.
  const [lookedUp, setLookedUp] = useState<string | null>(() => inviteFromOptions(params) || null)
  const me = useMe()
  const lookup = useQuery('community.lookup', { inviteCode: lookedUp ?? '' }, [lookedUp], { enabled: lookedUp !== null })
  // Back from the privacy page, where the person may have agreed already.
  useRefreshOnShow(me.refresh)

  const [householdId, setHouseholdId] = useState<string | null>(null)
  // null until typed: until then the nickname the person already has (another
  // community, an earlier visit) stands in, without an effect rewriting the field.
  const [typedNickname, setNickname] = useState<string | null>(null)
  const [avatarPath, setAvatarPath] = useState<string | null>(null)
  const [realName, setRealName] = useState('')
  const [phone, setPhone] = useState('')
  const [consented, setConsented] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [joined, setJoined] = useState<Joined | null>(null)
  // A page of this app only (a shared matter, meeting…), never another address.
  const [back] = useState(() => {
    const target = pageParam('back')
    return /^\/(packages|pages)\/[\w/-]+(\?.*)?$/.test(target) ? target : null
  })

  // The community of the page a neighbour shared (its `c=`): the one to propose joining.
  const sharedFrom = back ? (/[?&]c=([A-Za-z0-9_-]{1,64})(?:&|$)/.exec(back)?.[1] ?? null) : null
  const shared = useQuery('share.community', { communityId: sharedFrom ?? '' }, [sharedFrom], { enabled: !!sharedFrom })
  const sharedName = shared.data?.name ?? null

  const consent = useAction('me.consent')
  // Remembered before me.get is asked again (useAction does), so it answers for the community just joined.
  const join = useAction('community.join', { onDone: (res) => rememberCommunity(res.communityId) })
  // Joined all the same when these fail; the photo and the contact can be added later on 我的.
  const avatarNotSaved = (message: string) => toastError({ message: `已加入，但头像未保存：${message}` })
  const updateProfile = useAction('me.updateProfile', { onError: (error) => avatarNotSaved(error.message) })
  const setContact = useAction('me.setContact', {
    onError: (error) => toastError({ message: `已加入，但姓名电话未保存：${error.message}` }),
  })

  const nickname = typedNickname ?? me.data?.user?.nickname ?? ''

  const privacy = me.data?.privacy
  const needsConsent = !!privacy && privacy.consentedVersion !== privacy.currentVersion
  // Only the answer for the code shown counts: none while another is asked or refused.
  const community = lookedUp !== null && !lookup.loading && !lookup.error ? lookup.data : undefined
  const alreadyMember = !!community && !!me.data?.communities.some((c) => c.communityId === community.communityId)

  const showCommunity = () => {
    const problem = inviteProblem(code)
    if (problem) return toastError({ message: problem })
    const next = code.trim().toUpperCase()
    setHouseholdId(null)
    if (next === lookedUp) void lookup.refresh()
    else setLookedUp(next)
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true })
      const found = inviteFromText(res.path) || inviteFromText(res.result)
      if (!found) return toastError({ message: '没有识别到社区邀请码' })
      setCode(found)
      setHouseholdId(null)
      setLookedUp(found)
    } catch {
      // Closing the camera is not an error.
    }
  }

  const pickAvatar = async () => {
    try {
      const path = await chooseOnePhoto()
      if (path) setAvatarPath(path)
    } catch (error) {
      toastError(error)
    }
  }

  // Friendlier messages before the round trip; the server checks all of it again.
  const formProblem = (): string | null => {
    if (!community || lookedUp === null) return '请先填写邀请码并查看社区'
    if (!householdId) return '请选择楼栋、单元和房号'
    const problem = nicknameProblem(nickname) ?? contactProblem(realName, phone)
    if (problem) return problem
    if (needsConsent && !consented) return '请先阅读并同意《隐私保护指引》'
    return null
  }

  const submit = async () => {
    const problem = formProblem()
    if (problem) return toastError({ message: problem })
    if (!community || lookedUp === null || !householdId || !privacy) return
    setSubmitting(true)
    const result = await joinWith(lookedUp, householdId, privacy.currentVersion)
    setSubmitting(false)
    if (!result) return
    const household = community.buildings.flatMap((b) => b.households).find((h) => h.id === householdId)?.label ?? ''
    // Opened from a neighbour's share: back to what they shared, now as a member.
    if (back) {
      if (result.extrasSaved) toastDone(result.joined.alreadyMember ? '你已是成员' : '已加入')
      void Taro.redirectTo({ url: back })
      return
    }
    setJoined({ ...result.joined, household })
    if (result.extrasSaved) toastDone(result.joined.alreadyMember ? '你已是成员' : '已提交')
  }

  /** Consent, joining, then the optional photo and contact: each step says itself what went wrong. */
  const joinWith = async (inviteCode: string, householdId: string, policyVersion: string) => {
    // The version me.get names is the one the server accepts (it checks again).
    if (needsConsent && !(await consent.run({ version: policyVersion as ActionInput<'me.consent'>['version'] }))) return null
    const joined = await join.run({ inviteCode, householdId, nickname: nickname.trim() })
    if (!joined) return null
    return { joined, extrasSaved: (await saveAvatar()) && (await saveContact()) }
  }

  // The photo leaves the phone only after consent, as a fileID, and into the new
  // member's own place in storage, which exists only once they have joined.
  const saveAvatar = async () => {
    if (!avatarPath) return true
    let avatarUrl: string
    try {
      avatarUrl = await uploadImage(avatarPath, 'avatars')
    } catch (error) {
      avatarNotSaved((error as Error).message)
      return false
    }
    return (await updateProfile.run({ avatarUrl })) !== undefined
  }

  const saveContact = async () => {
    if (!realName.trim() && !phone.trim()) return true
    return (await setContact.run({ realName: realName.trim() || null, phone: phone.trim() || null })) !== undefined
  }

  if (joined) {
    return (
      <Page id="page-join">
        <Card id="join-done" className="join-done">
          <Text className="join-done__title">{joined.alreadyMember ? '你已经是社区成员' : '加入申请已提交'}</Text>
          <Text className="join-done__line">
            {joined.communityName}
            {joined.household ? ` · ${joined.household}` : ''}
          </Text>
          {joined.status === 'verified' ? (
            <Tag tone="brand">已认证</Tag>
          ) : (
            <Text className="join-done__hint">
              居委会或楼栋长核实住户信息后即为已认证，认证后可以参加表决和评选。在「我的」可以看到认证进度。
            </Text>
          )}
        </Card>
        <View className="join-actions">
          <Button id="join-done-home" block onClick={() => void Taro.switchTab({ url: TAB_PAGES.home })}>
            回到首页
          </Button>
          <Button id="join-done-me" block variant="secondary" onClick={() => void Taro.switchTab({ url: TAB_PAGES.me })}>
            查看我的认证进度
          </Button>
        </View>
      </Page>
    )
  }

  return (
    <Page id="page-join">
      <Card title="邀请码">
        {sharedName ? (
          <Text id="join-shared" className="join-intro">
            邻居分享给你的是「{sharedName}」的内容。加入「{sharedName}」需要它的邀请码：问问分享给你的邻居、楼栋长或居委会，填好后加入，就回到刚才那一页。
          </Text>
        ) : (
          <Text className="join-intro">
            向居委会或楼栋长要社区邀请码，或用微信扫一扫社区的小程序码，就能加入社区。
          </Text>
        )}
        <TextField
          id="join-code"
          label="社区邀请码"
          value={code}
          onChange={setCode}
          placeholder="例如 LJ2026"
          maxLength={16}
          onConfirm={showCommunity}
        />
        <View className="join-code-actions">
          <Button id="join-lookup" onClick={showCommunity} disabled={lookup.loading && lookedUp !== null}>
            查看社区
          </Button>
          {process.env.TARO_ENV === 'weapp' && (
            <Button id="join-scan" variant="secondary" onClick={() => void scan()}>
              扫码加入
            </Button>
          )}
        </View>
      </Card>

      {lookedUp !== null &&
        (lookup.loading || (me.loading && !me.data) ? (
          <Loading rows={2} text="正在查找社区…" />
        ) : lookup.error ? (
          <ErrorState id="join-lookup-error" error={lookup.error} />
        ) : community ? (
          <>
            <Card id="join-community">
              <Text id="join-community-name" className="join-community__name">{community.name}</Text>
              {community.street && <Text className="join-community__street">{community.street}</Text>}
              {sharedName && community.communityId !== sharedFrom && (
                <Text id="join-not-shared" className="join-community__note">
                  这个邀请码属于「{community.name}」，不是邻居分享的「{sharedName}」；加入后看不到刚才分享的内容。
                </Text>
              )}
              {alreadyMember && (
                <Text className="join-community__note">你已经加入了这个社区。重新提交会保留你原来的登记。</Text>
              )}
            </Card>

            <Card title="选择你的住处">
              <HouseholdPicker idPrefix="join" buildings={community.buildings} value={householdId} onChange={setHouseholdId} />
            </Card>

            <Card title="你的资料">
              <View id="join-avatar" className="avatar-choice" hoverClass="is-pressed" onClick={() => void pickAvatar()}>
                <Avatar src={avatarPath} name={nickname} size="lg" />
                <View className="avatar-choice__text">
                  <Text className="avatar-choice__title">{avatarPath ? '更换头像' : '选择头像'}</Text>
                  <Text className="avatar-choice__hint">可不选，邻居会看到你的头像</Text>
                </View>
              </View>
              <TextField
                id="join-nickname"
                label="昵称"
                type="nickname"
                value={nickname}
                onChange={setNickname}
                placeholder="邻居怎么称呼你"
                maxLength={20}
                hint="邻居在议事厅里看到的是你的昵称。"
              />
            </Card>

            <Card title="真实姓名和手机号（可不填）">
              <Text id="join-contact-reason" className="contact-reason">{CONTACT_REASON}。</Text>
              <TextField id="join-realname" label="真实姓名" value={realName} onChange={setRealName} placeholder="可不填" maxLength={20} />
              <TextField id="join-phone" label="手机号" type="number" value={phone} onChange={setPhone} placeholder="可不填" maxLength={11} />
            </Card>

            {needsConsent ? (
              <View className="join-consent">
                <Checkbox id="join-consent" checked={consented} onChange={setConsented}>
                  <Text>我已阅读并同意《隐私保护指引》</Text>
                </Checkbox>
                <Text id="join-privacy" className="join-link" onClick={() => openPage('privacy')}>
                  阅读《隐私保护指引》：收集什么、谁能看到、保存多久
                </Text>
              </View>
            ) : (
              <Text className="join-consented">你已同意《隐私保护指引》。</Text>
            )}

            <Button id="join-submit" block className="join-submit" disabled={submitting} onClick={() => void submit()}>
              {submitting ? '正在提交…' : '提交加入申请'}
            </Button>
          </>
        ) : null)}
    </Page>
  )
}
