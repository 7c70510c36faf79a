import { Image, Button as NativeButton, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { ActionInput } from '../../api'
import { fileUrl } from '../../api/fileUrl'
import { useQuery } from '../../hooks/useQuery'
import { qrPngDataUrl } from '../../utils/qr'
import { Button } from '../Button'
import { Card } from '../Card'
import { Loading } from '../Loading'
import { Modal } from '../Modal'
import './index.scss'

export interface SharePanelProps {
  /** the card's title, with its live figure (utils/share) */
  title: string
  /** the page a neighbour opens, with the community and the item (utils/share sharePath) */
  path: string
  /** what the card asks of neighbours, e.g. 请邻居来附议 */
  heading?: string
  /**
   * The mini-program code for the poster, where the area makes one (the awards'
   * candidate code); without it the poster carries a QR code of the page's link.
   */
  code?: ReactNode
  /**
   * The page and item whose mini-program code the poster carries (share.code): scanned
   * in WeChat, it opens this page, after joining the community if need be.
   */
  target?: ActionInput<'share.code'>
  /** what the page says of sharing, where the general note is not enough (a vote: no canvassing) */
  note?: string
  id?: string
}

/** The link a neighbour opens in a browser: the H5 app's page, hash routed. */
function webLink(path: string): string {
  const { origin, pathname } = window.location
  return `${origin}${pathname}#${path}`
}

/**
 * Share to the building's group: in WeChat, WeChat's own share button sends the card
 * (the page's useShare names title and path); everywhere, 「生成海报」 draws a poster
 * with the page's code to save and post. In H5 there is no WeChat share: 「分享」
 * shows the poster and the link to copy. Sharing is never rewarded nor required.
 */
export function SharePanel({ title, path, heading = '分享给邻居', code, target, note = '转发只为让更多邻居知道，没有奖励，也不是参加的条件。', id = 'share-panel' }: SharePanelProps) {
  const [poster, setPoster] = useState(false)
  const weapp = process.env.TARO_ENV === 'weapp'
  const link = weapp ? null : webLink(path)
  return (
    <Card id={id} title={heading}>
      <View className="share-panel__actions">
        {weapp ? (
          <NativeButton id="share-wechat" className="btn btn--secondary btn--block" openType="share">
            转发到邻居群
          </NativeButton>
        ) : (
          <Button id="share-open" block variant="secondary" onClick={() => setPoster(true)}>
            分享
          </Button>
        )}
        {weapp && (
          <Button id="share-poster" block variant="secondary" onClick={() => setPoster(true)}>
            生成海报
          </Button>
        )}
      </View>
      <Text id={`${id}-note`} className="share-panel__note">{note}</Text>
      <Modal id="share-sheet" visible={poster} title="分享海报" placement="bottom" onClose={() => setPoster(false)} footer={<SheetFooter link={link} onClose={() => setPoster(false)} />}>
        <View id="share-poster-card" className="share-poster">
          <Text id="share-title" className="share-poster__title">{title}</Text>
          {code ?? (target ? <MiniProgramCode target={target} /> : link && <Image id="share-qr" className="share-poster__qr" src={qrPngDataUrl(link, 4)} mode="scaleToFill" />)}
          <Text className="share-poster__hint">{weapp || target ? '长按图片保存，发到邻居群；邻居用微信扫码直达这一页。' : '邻居用手机扫码或打开链接，直达这一页。'}</Text>
          {link && (
            <Text id="share-link" className="share-poster__link" userSelect>
              {link}
            </Text>
          )}
        </View>
      </Modal>
    </Card>
  )
}

/** Asked only once the poster opens: a page viewed without sharing makes no code. */
function MiniProgramCode({ target }: { target: ActionInput<'share.code'> }) {
  const code = useQuery('share.code', target, [target.page, target.id])
  if (!code.data) {
    return code.error ? <Text id="share-code-error" className="share-poster__hint">{code.error.message}</Text> : <Loading rows={1} text="正在生成小程序码…" />
  }
  const src = fileUrl(code.data.fileID)
  return (
    <View id="share-code" onClick={() => void Taro.previewImage({ urls: [src], current: src })}>
      <Image className="share-poster__qr" src={src} mode="scaleToFill" showMenuByLongpress />
    </View>
  )
}

function SheetFooter({ link, onClose }: { link: string | null; onClose: () => void }) {
  return (
    <>
      {link && (
        <Button id="share-copy" variant="secondary" onClick={() => void Taro.setClipboardData({ data: link })}>
          复制链接
        </Button>
      )}
      <Button id="share-close" onClick={onClose}>
        完成
      </Button>
    </>
  )
}
