// What every check-in card is about, and the words it says. Pure: no Taro, no
// React, so event.test.ts reads the same sentences residents do.

/** Kinds with a check-out (a volunteer shift) show one code for arriving and one for leaving. */
export type CheckinDirection = 'in' | 'out'

/**
 * One event of a kind the server's check-in module knows: `meeting` (议事会)
 * today; activities and volunteer shifts register their own kinds.
 */
export interface CheckinEvent {
  kind: string
  eventId: string
  /** Only for kinds with a check-out; a meeting has none. */
  direction?: CheckinDirection
}

/** Who is who at this kind of event, as the people there call each other. */
export interface CheckinRoles {
  /** Who shows the code and marks by hand: 居委会, 组织者, 队长. */
  organiser: string
  /** Who comes: 居民, 志愿者. */
  attendee: string
  /** How one gets on the list beforehand: 报名, 排班. */
  signUp: string
}

export const MEETING_ROLES: CheckinRoles = { organiser: '居委会', attendee: '居民', signUp: '报名' }

/**
 * The event as the check-in actions that act in a direction take it (the code,
 * a scanned personal code, a mark): `direction` goes along only when a page names
 * one, and the server counts in unless told out.
 */
export function eventInput(event: CheckinEvent): { kind: string; eventId: string; direction?: CheckinDirection } {
  const named = { kind: event.kind, eventId: event.eventId }
  return event.direction ? { ...named, direction: event.direction } : named
}

/** Element ids for one direction: a page with both arrival and departure cards keeps them apart. */
export function checkinId(base: string, event: Pick<CheckinEvent, 'direction'>): string {
  return event.direction === 'out' ? `${base}-out` : base
}

/** Every sentence the check-in cards show, for arriving (签到) or leaving (签退). */
export function checkinWords(direction: CheckinDirection | undefined, { organiser, attendee, signUp }: CheckinRoles) {
  const out = direction === 'out'
  const verb = out ? '签退' : '签到'
  const code = `${verb}码`
  const moment = out ? '离开前' : '到场后'
  const presence = out ? '离开' : '到场'
  const credited = (already: boolean) => (already ? `已${verb}过` : `${verb}成功`)
  return {
    verb,
    /** The tag on a person who has done it. */
    done: `已${verb}`,
    credited,
    /** Present but not credited: the server records someone not yet verified as a walk-in (a success toast shows 7 characters). */
    walkIn: `已登记${presence}`,
    busy: `正在${verb}…`,
    scan: {
      title: `扫码${verb}`,
      hint: `${moment}，用相机扫${organiser}手机上的${code}。${code}每 30 秒更换一次，请扫最新的。`,
      button: `扫码${verb}`,
      pasteLabel: `开发替代：粘贴${code}`,
      pastePlaceholder: `本地网页版不能扫码，请粘贴${code}文字`,
    },
    personal: {
      title: `我的${code}`,
      intro: `不方便扫码？出示我的${code}，请${organiser}工作人员用手机扫一下，就能${verb}。`,
      show: `出示我的${code}`,
      hide: `收起我的${code}`,
      loading: `正在生成我的${code}…`,
      note: `请把手机交给${organiser}工作人员扫一下，${verb}成功后这里会显示“已${verb}”。`,
    },
    organiserCode: {
      title: `${code}（${organiser}）`,
      intro: `把手机放在入口，请${presence}的${attendee}扫码${verb}。${code}每 30 秒更换，截图转发无效。`,
      show: `出示${code}`,
      hide: `收起${code}`,
      loading: `正在生成${code}…`,
    },
    scanAttendee: {
      title: `扫${attendee}的${code}`,
      hint: `${attendee}不方便扫码时，请他打开本页的“我的${code}”，用你的手机扫一下即为他${verb}。`,
      button: `扫${attendee}${code}`,
      pasteLabel: `开发替代：粘贴${attendee}的${code}`,
      pastePlaceholder: `本地网页版不能扫码，请粘贴${attendee}${code}文字`,
    },
    mark: {
      title: (signedUp: number | null) => `手工登记${presence}${signedUp === null ? '' : `（已${signUp} ${signedUp} 人）`}`,
      hint: `为没带手机、不会扫码的${attendee}登记。请当面核对本人后再点“登记${presence}”。`,
      noneSignedUp: `还没有${attendee}${signUp}，可以在下面查找${attendee}登记。`,
      searchLabel: `没有${signUp}的${attendee}`,
      searchPlaceholder: '输入昵称或房号，如 502',
      search: `查找${attendee}`,
      searching: '正在查找…',
      searchEmpty: '请输入昵称或房号',
      notFound: (text: string) => `没有找到“${text}”，请换个昵称或房号试试。`,
      button: `登记${presence}`,
      busy: '登记中…',
      confirm: (name: string) => `确认「${name}」已经${presence}？登记会记入${verb}名单和操作记录。`,
      marked: (already: boolean) => (already ? `已${verb}过` : `已登记${presence}`),
    },
    list: {
      title: (count: number) => `${verb}名单（${count} 人）`,
      empty: `还没有人${verb}`,
    },
  }
}

export type CheckinWords = ReturnType<typeof checkinWords>
