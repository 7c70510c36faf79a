import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'

// 长辈模式 is one app-wide flag. A module-level store (not a React context) so
// every page, each mounted under its own root by Taro, reads the same value and
// re-renders when it changes.

const STORAGE_KEY = 'elderMode'
// WeChat's fontSizeSetting is the body size in px the user chose under
// 我 → 设置 → 通用 → 字体大小; the standard size is 16–17, the larger steps
// start at 20.
const LARGE_WECHAT_FONT = 20

let elder: boolean | null = null
const listeners = new Set<() => void>()

function wechatUsesLargeFont(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    // getAppBaseInfo replaces the deprecated getSystemInfoSync on newer base
    // libraries and reports fontSizeSetting too, though Taro's types omit it.
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as {
      fontSizeSetting?: number
    }
    return (info.fontSizeSetting ?? 0) >= LARGE_WECHAT_FONT
  } catch {
    return false
  }
}

// H5 only: the tab bar Taro draws lives outside every page root, so the mode is
// also marked on <html> for its larger labels (app.scss). In WeChat the tab bar
// is ours (custom-tab-bar) and reads the mode through useElderMode.
function markDocument(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('is-elder', on)
}

function read(): boolean {
  if (elder === null) {
    // A choice made on 我的 wins; until then follow WeChat's own font size.
    const saved: unknown = Taro.getStorageSync(STORAGE_KEY)
    elder = typeof saved === 'boolean' ? saved : wechatUsesLargeFont()
    markDocument(elder)
  }
  return elder
}

export function setElderMode(on: boolean): void {
  elder = on
  markDocument(on)
  Taro.setStorageSync(STORAGE_KEY, on)
  listeners.forEach((listener) => listener())
}

/**
 * The choice saved with the account (me.get's user.elderMode), taken over on a
 * device where the person has not chosen yet, e.g. a new phone.
 */
export function adoptElderMode(saved: boolean | null | undefined): void {
  if (typeof saved !== 'boolean') return
  if (typeof Taro.getStorageSync(STORAGE_KEY) === 'boolean') return
  if (read() !== saved) setElderMode(saved)
  else Taro.setStorageSync(STORAGE_KEY, saved)
}

/** After the account is deleted: back to following WeChat's font size. */
export function forgetElderMode(): void {
  Taro.removeStorageSync(STORAGE_KEY)
  elder = null
  markDocument(read())
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useElderMode(): { elder: boolean; setElder: (on: boolean) => void } {
  const on = useSyncExternalStore(subscribe, read, read)
  return { elder: on, setElder: setElderMode }
}
