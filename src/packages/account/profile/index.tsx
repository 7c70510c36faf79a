import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { uploadImage } from '../../../api/upload'
import { Avatar, Button, Card, Page, QueryView, TextField } from '../../../components'
import { useAccess, useAction, useMe } from '../../../hooks'
import { toastError } from '../../../utils/feedback'
import { chooseOnePhoto } from '../../../utils/media'
import { CONTACT_REASON, contactProblem, nicknameProblem } from '../rules'
import '../account.scss'
import './index.scss'

export default function ProfilePage() {
  const me = useMe()

  return (
    <Page id="page-profile">
      <QueryView query={me} rows={3}>
        {(data) => <ProfileForm data={data} />}
      </QueryView>
    </Page>
  )
}

/**
 * Mounted once the first answer is in, so the fields start from it (later
 * refreshes must not undo typing, and H5's inputs must not be changed before
 * they have rendered).
 */
function ProfileForm({ data }: { data: ActionOutput<'me.get'> }) {
  const user = data.user
  const current = data.current
  const access = useAccess()
  const [nickname, setNickname] = useState(user?.nickname ?? '')
  const [realName, setRealName] = useState(current?.realName ?? '')
  const [phone, setPhone] = useState(current?.phone ?? '')
  const [uploading, setUploading] = useState(false)
  // me.get is asked again after each (useAction), which is what this page shows.
  const updateProfile = useAction('me.updateProfile', { done: (_, input) => (input.avatarUrl ? '头像已更新' : '昵称已保存') })
  const setContact = useAction('me.setContact', {
    onDone: (_, input) => {
      setRealName(input.realName ?? '')
      setPhone(input.phone ?? '')
    },
    done: (_, input) => (input.realName === null && input.phone === null ? '已清除' : '已保存'),
  })

  const changeAvatar = async () => {
    let avatarUrl: string
    try {
      const path = await chooseOnePhoto()
      if (!path) return
      setUploading(true)
      avatarUrl = await uploadImage(path, 'avatars')
    } catch (error) {
      setUploading(false)
      return toastError(error)
    }
    await updateProfile.run({ avatarUrl })
    setUploading(false)
  }

  const saveNickname = () => {
    const problem = nicknameProblem(nickname)
    if (problem) return toastError({ message: problem })
    void updateProfile.run({ nickname: nickname.trim() })
  }

  const saveContact = () => {
    const problem = contactProblem(realName, phone)
    if (problem) return toastError({ message: problem })
    void setContact.run({ realName: realName.trim() || null, phone: phone.trim() || null })
  }

  const clearContact = () =>
    void setContact.run(
      { realName: null, phone: null },
      {
        confirm: {
          title: '清除姓名和手机号',
          content: '清除后居委会将看不到你的真实姓名和手机号，已完成的认证不受影响。',
          confirmText: '清除',
          danger: true,
        },
      },
    )

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
        <Button id="profile-save-nickname" block disabled={updateProfile.loading} onClick={saveNickname}>
          保存昵称
        </Button>
      </Card>

      {/* 街道 accounts are not residents and have no household to verify. */}
      {access.resident && current && (
        <Card title="真实姓名和手机号（可不填）" id="profile-contact">
          <Text className="contact-reason">
            {CONTACT_REASON}。只保存在「{current.communityName}」。
          </Text>
          <TextField id="profile-realname" label="真实姓名" value={realName} onChange={setRealName} maxLength={20} placeholder="可不填" />
          <TextField id="profile-phone" label="手机号" type="number" value={phone} onChange={setPhone} maxLength={11} placeholder="可不填" />
          <View className="profile-actions">
            <Button id="profile-save-contact" disabled={setContact.loading} onClick={saveContact}>
              保存
            </Button>
            {(current.realName || current.phone) && (
              <Button id="profile-clear-contact" variant="secondary" disabled={setContact.loading} onClick={clearContact}>
                清除
              </Button>
            )}
          </View>
        </Card>
      )}
    </>
  )
}
