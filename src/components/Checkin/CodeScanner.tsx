import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { localDevTools } from '../../api/persona'
import { Button } from '../Button'
import { TextField } from '../TextField'
import './index.scss'

export interface CodeScannerProps {
  /** Prefix of the ids: `${id}-scan` (WeChat), `${id}-paste` and `${id}-paste-submit` (the local H5 demo). */
  id: string
  /** The button, e.g. 扫码签到. */
  buttonText: string
  busy?: boolean
  busyText?: string
  variant?: 'primary' | 'secondary'
  /** H5 stand-in's label and placeholder. */
  pasteLabel?: string
  pastePlaceholder?: string
  /** Receives the scanned text; resolves true when it was accepted (the pasted text is then cleared). */
  onCode: (text: string) => Promise<boolean>
  /** Told when the camera cannot be opened. */
  onCameraError: (message: string) => void
}

/**
 * Reads a check-in code with the camera only: an album image could be a photo
 * of a code sent from afar. H5 has no camera scanner, so there a field where the
 * code's text is pasted stands in (for development and tests).
 */
export function CodeScanner({ id, buttonText, busy, busyText = '请稍候…', variant = 'primary', pasteLabel = '开发替代：粘贴二维码内容', pastePlaceholder = '本地网页版不能扫码，请粘贴二维码的文字', onCode, onCameraError }: CodeScannerProps) {
  const [pasted, setPasted] = useState('')

  const scanWithCamera = async () => {
    let result: string
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch (error) {
      if (((error as { errMsg?: string } | null)?.errMsg ?? '').includes('cancel')) return
      return onCameraError('无法打开相机，请检查相机权限')
    }
    await onCode(result.trim())
  }

  const submitPasted = async () => {
    if (await onCode(pasted.trim())) setPasted('')
  }

  if (!localDevTools()) {
    return (
      <Button id={`${id}-scan`} block variant={variant} className="code-scanner__button" disabled={busy} onClick={() => void scanWithCamera()}>
        {busy ? busyText : buttonText}
      </Button>
    )
  }
  return (
    <View className="code-scanner__paste">
      <TextField id={`${id}-paste`} label={pasteLabel} value={pasted} onChange={setPasted} maxLength={400} placeholder={pastePlaceholder} />
      <Button id={`${id}-paste-submit`} block variant={variant} disabled={busy || !pasted.trim()} onClick={() => void submitPasted()}>
        {busy ? busyText : buttonText}
      </Button>
    </View>
  )
}
