import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { uploadImage } from '../../../api/upload'
import { Avatar, Button, Card, Page, QueryView, TextField } from '../../../components'
import { useAction, useMe } from '../../../hooks'
import { confirmModal, toastDone, toastError } from '../../../utils/feedback'
import { chooseOnePhoto } from '../../../utils/media'
import { CONTACT_REASON, contactProblem, nicknameProblem } from '../rules'
import '../account.scss'
import './index.scss'

export default function ProfilePage() {
  const me = useMe()

  return (
    <Page id="page-profile">
      <QueryView query={me} rows={3}>
        {(data) => <ProfileForm data={data} refresh={me.refresh} />}
      </QueryView>
    </Page>
  )
}

/**
 * Mounted once the first answer is in, so the fields start from it (later
 * refreshes must not undo typing, and H5's inputs must not be changed before
 * they have rendered).
 */
function ProfileForm({ data, refresh }: { data: ActionOutput<'me.get'>; refresh: () => Promise<void> }) {
  const updateProfile = useAction('me.updateProfile')
  const setContact = useAction('me.setContact')
  const user = data.user
  const current = data.current
  const [nickname, setNickname] = useState(user?.nickname ?? '')
  const [realName, setRealName] = useState(current?.realName ?? '')
  const [phone, setPhone] = useState(current?.phone ?? '')
  const [uploading, setUploading] = useState(false)
  // 街道 accounts are not residents and have no household to verify.
  const isResident = !!current && !current.roles.includes('street')

  const changeAvatar = async () => {
    try {
      const path = await chooseOnePhoto()
      if (!path) return
      setUploading(true)
      const avatarUrl = await uploadImage(path, 'avatars')
      await updateProfile.run({ avatarUrl })
      toastDone('头像已更新')
      await refresh()
    } catch (error) {
      toastError(error)
    } finally {
      setUploading(false)
    }
  }

  const saveNickname = async () => {
    const problem = nicknameProblem(nickname)
    if (problem) return toastError({ message: problem })
    try {
      await updateProfile.run({ nickname: nickname.trim() })
      toastDone('昵称已保存')
      await refresh()
    } catch (error) {
      toastError(error)
    }
  }

  const saveContact = async () => {
    const problem = contactProblem(realName, phone)
    if (problem) return toastError({ message: problem })
    try {
      await setContact.run({ realName: realName.trim() || null, phone: phone.trim() || null })
      toastDone('已保存')
      await refresh()
    } catch (error) {
      toastError(error)
    }
  }

  const clearContact = async () => {
    const ok = await confirmModal({
      title: '清除姓名和手机号',
      content: '清除后居委会将看不到你的真实姓名和手机号，已完成的认证不受影响。',
      confirmText: '清除',
      danger: true,
    })
    if (!ok) return
    try {
      await setContact.run({ realName: null, phone: null })
      setRealName('')
      setPhone('')
      toastDone('已清除')
      await refresh()
    } catch (error) {
      toastError(error)
    }
  }

  return (
    <>
      <Card title="头像和昵称">
        <View id="profile-avatar" className="avatar-choice" hoverClass="is-pressed" onClick={() => void changeAvatar()}>
          <Avatar src={user?.avatarUrl} name={user?.nickname || nickname} size="lg" />
          <Text className="avatar-choice__title">{uploading ? '正在上传…' : '更换头像'}</Text>
        </View>
        <TextField
          id="profile-nickname"
          label="昵称"
          type="nickname"
          value={nickname}
          onChange={setNickname}
          maxLength={20}
          placeholder="邻居怎么称呼你"
        />
        <Button id="profile-save-nickname" block disabled={updateProfile.loading} onClick={() => void saveNickname()}>
          保存昵称
        </Button>
      </Card>

      {isResident && current && (
        <Card title="真实姓名和手机号（可不填）" id="profile-contact">
          <Text className="contact-reason">
            {CONTACT_REASON}。只保存在「{current.communityName}」。
          </Text>
          <TextField id="profile-realname" label="真实姓名" value={realName} onChange={setRealName} maxLength={20} placeholder="可不填" />
          <TextField id="profile-phone" label="手机号" type="number" value={phone} onChange={setPhone} maxLength={11} placeholder="可不填" />
          <View className="profile-actions">
            <Button id="profile-save-contact" disabled={setContact.loading} onClick={() => void saveContact()}>
              保存
            </Button>
            {(current.realName || current.phone) && (
              <Button id="profile-clear-contact" variant="secondary" disabled={setContact.loading} onClick={() => void clearContact()}>
                清除
              </Button>
            )}
          </View>
        </Card>
      )}
    </>
  )
}
