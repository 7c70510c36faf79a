import Taro from '@tarojs/taro'
import type { ConfirmSpec } from '../hooks/actionFlow'

/** A short success note after an action (WeChat shows at most 7 characters with the tick). */
export function toastDone(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 })
}

/** The server's Chinese message (an ApiError) or any message fit to show, in full. */
export function toastError(error: unknown): void {
  const message = (error as { message?: unknown } | null)?.message
  void Taro.showToast({ title: typeof message === 'string' && message ? message : '操作没有成功，请稍后重试', icon: 'none', duration: 2500 })
}

/** WeChat's own dialog; resolves true when the person confirms. useAction asks it before an action. */
export async function confirmModal({ title, content, confirmText = '确定', danger }: ConfirmSpec): Promise<boolean> {
  const res = await Taro.showModal({
    title,
    content,
    confirmText,
    cancelText: '取消',
    // Taro.showModal wants literal colours; these are the theme's brand and danger.
    confirmColor: danger ? '#fa5151' : '#07c160',
  })
  return res.confirm
}
