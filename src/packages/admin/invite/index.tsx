import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { fileUrl } from '../../../api/fileUrl'
import { Button, Card, Page, QueryView } from '../../../components'
import { useAccess, useAction, useQuery } from '../../../hooks'
import { toastError } from '../../../utils/feedback'
import '../admin.scss'
import './index.scss'

/** The community's invite code and mini-program code, to show or share with a new resident. */
export default function InvitePage() {
  const invite = useQuery('community.inviteQr', {})
  const access = useAccess()
  // A code that got around (posted in a public group, say) is replaced; the old one and its picture stop working.
  const reset = useAction('community.invite.reset', {
    confirm: { title: '更换邀请码', content: '将生成新的邀请码和小程序码，旧的立即失效；已加入的居民不受影响。', confirmText: '更换', danger: true },
    done: '已更换',
    refresh: invite.refresh,
  })
  // The stored code itself: WeChat shows a cloud:// file directly and the temp URL expires.
  const qr = invite.data?.fileID ? fileUrl(invite.data.fileID) : ''

  const copyCode = async () => {
    if (!invite.data) return
    try {
      await Taro.setClipboardData({ data: invite.data.inviteCode })
    } catch {
      toastError({ message: '复制没有成功，请稍后重试' })
    }
  }

  // WeChat's image viewer lets the person save the code or send it to a chat by long-press.
  const enlarge = () => {
    if (qr) void Taro.previewImage({ urls: [qr], current: qr })
  }

  return (
    <Page id="page-invite">
      <QueryView query={invite} rows={4} loadingText="正在生成小程序码…">
        {(data) => (
          <>
            <Card className="invite-card">
              <Text className="invite-card__label">社区邀请码</Text>
              <Text id="invite-code" className="invite-card__code" selectable userSelect>
                {data.inviteCode}
              </Text>
              <Button id="invite-copy" variant="secondary" size="compact" onClick={() => void copyCode()}>
                复制邀请码
              </Button>
              {access.canEditCommunity && (
                <Button id="invite-reset" variant="text" size="compact" disabled={reset.loading} onClick={() => void reset.run({})}>
                  更换邀请码
                </Button>
              )}
            </Card>

            <Card className="invite-card">
              <Text className="invite-card__label">社区小程序码</Text>
              {qr ? (
                <View className="invite-card__qr-box" onClick={enlarge}>
                  <Image id="invite-qr" className="invite-card__qr" src={qr} mode="scaleToFill" showMenuByLongpress />
                </View>
              ) : (
                <Text className="invite-card__hint">小程序码暂时无法显示，请先使用邀请码。</Text>
              )}
              <Text className="invite-card__hint">点按可放大，长按可保存或发给居民。</Text>
            </Card>

            <Text className="admin-note">
              居民用微信扫一扫小程序码，会直接打开「加入社区」并填好邀请码；也可以在首页点「加入社区」输入邀请码。加入后出现在「待认证住户」里，核实楼栋和房号后确认。
            </Text>
          </>
        )}
      </QueryView>
    </Page>
  )
}
