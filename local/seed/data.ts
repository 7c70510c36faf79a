/**
 * The demo community: 鹭江社区 with five buildings, forty households, a persona for
 * every role, and enough content that a newcomer sees a living hall. Deterministic,
 * so tests and screenshots can name things.
 */
import { householdGrid } from '../../cloudfunctions/api/src/modules/community/model'

export const DEMO_COMMUNITY = {
  _id: 'c_lujiang',
  name: '鹭江社区',
  street: '鹭江街道',
  district: '思明区',
  inviteCode: 'LJ2026',
}

export interface Persona {
  openid: string
  name: string
  /** the role as DOMAIN.md names it; `visitor` has no membership yet */
  role: 'resident' | 'volunteer' | 'buildingLead' | 'committee' | 'admin' | 'street' | 'visitor'
  /** the community they belong to, when not the demo community */
  communityId?: string
  label: string
  description: string
  verified: boolean
  household?: string
  buildings?: string[]
}

export const BUILDINGS = [1, 2, 3, 4, 5].map((n) => ({
  _id: `${DEMO_COMMUNITY._id}:b${n}`,
  name: `${n}号楼`,
  units: 2,
  floors: 4,
  roomsPerFloor: 1,
  order: n,
}))

/** 5 buildings × 2 units × 4 floors × 1 flat = 40 households, ids like c_lujiang:b1-1-101 */
export const HOUSEHOLDS = BUILDINGS.flatMap((b) => householdGrid(b))

const hh = (building: number, unit: number, room: string) => `${DEMO_COMMUNITY._id}:b${building}-${unit}-${room}`

/** A second community, so isolation between communities is visible in the demo and tested. */
export const OTHER_COMMUNITY = {
  _id: 'c_haiyun',
  name: '海韵社区',
  street: '鹭江街道',
  district: '思明区',
  inviteCode: 'HY2026',
}
export const OTHER_BUILDINGS = [{ _id: `${OTHER_COMMUNITY._id}:b1`, name: '海韵楼', units: 1, floors: 3, roomsPerFloor: 2, order: 1 }]
export const OTHER_HOUSEHOLDS = OTHER_BUILDINGS.flatMap((b) => householdGrid(b))

export const PERSONAS: Persona[] = [
  {
    openid: 'demo-resident',
    name: '林秀华',
    role: 'resident',
    label: '居民（已认证）',
    description: '1号楼的老住户，常在议事厅说事、附议',
    verified: true,
    household: hh(1, 1, '101'),
  },
  {
    openid: 'demo-newcomer',
    name: '陈小雨',
    role: 'resident',
    label: '居民（待认证）',
    description: '刚搬来 3 号楼，住户信息等待确认',
    verified: false,
    household: hh(3, 2, '301'),
  },
  {
    openid: 'demo-volunteer',
    name: '黄志明',
    role: 'volunteer',
    label: '志愿者',
    description: '退休教师，社区志愿服务队队员',
    verified: true,
    household: hh(2, 1, '201'),
  },
  {
    openid: 'demo-lead',
    name: '吴丽娟',
    role: 'buildingLead',
    label: '楼栋长',
    description: '1号楼、2号楼的楼栋长（网格员）',
    verified: true,
    household: hh(2, 2, '401'),
    buildings: [`${DEMO_COMMUNITY._id}:b1`, `${DEMO_COMMUNITY._id}:b2`],
  },
  {
    openid: 'demo-committee',
    name: '郑建国',
    role: 'committee',
    label: '居委会成员',
    description: '居委会委员，负责议事会和公示',
    verified: true,
    household: hh(4, 1, '101'),
  },
  {
    openid: 'demo-admin',
    name: '王海燕',
    role: 'admin',
    label: '管理员',
    description: '社区书记，配置社区、分配角色',
    verified: true,
    household: hh(5, 1, '201'),
  },
  {
    openid: 'demo-street',
    name: '鹭江街道办',
    role: 'street',
    label: '街道',
    description: '查看辖区社区的汇总数据（只读，无个人信息）',
    verified: false,
  },
  {
    openid: 'demo-lead3',
    name: '许文彬',
    role: 'buildingLead',
    label: '楼栋长',
    description: '3号楼的楼栋长，负责确认 3 号楼新住户',
    verified: true,
    household: hh(3, 1, '201'),
    buildings: [`${DEMO_COMMUNITY._id}:b3`],
  },
  {
    openid: 'demo-other',
    name: '蔡雅琴',
    role: 'resident',
    label: '海韵社区居民',
    description: '另一个社区（海韵社区）的居民，看不到鹭江社区的任何内容',
    verified: true,
    communityId: OTHER_COMMUNITY._id,
    household: `${OTHER_COMMUNITY._id}:b1-1-101`,
  },
  {
    openid: 'demo-visitor',
    name: '新朋友',
    role: 'visitor',
    label: '新用户（未加入社区）',
    description: '第一次打开小程序，还没有加入任何社区',
    verified: false,
  },
]

const SURNAMES = '李张刘杨赵周徐孙马朱胡郭何高罗梁宋谢韩唐冯许邓曹彭曾萧田董袁潘'
const GIVEN = ['丽', '伟', '芳', '敏', '静', '强', '磊', '洁', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂英', '玉兰']

/** Other verified neighbours: one in each household no persona lives in (minus a few empty flats). */
export function neighbours(): Array<{ openid: string; name: string; household: string }> {
  const taken = new Set(PERSONAS.map((p) => p.household).filter(Boolean))
  return HOUSEHOLDS.filter((h) => !taken.has(h._id))
    .filter((_, i) => i % 9 !== 8)
    .map((h, i) => ({
      openid: `demo-neighbour-${String(i + 1).padStart(2, '0')}`,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i % 3 === 0 ? GIVEN[(i * 3 + 1) % GIVEN.length] : ''}`,
      household: h._id,
    }))
}

/** 「11 月 15 日」 of a moment, in China time: seeded texts name the seeded dates, whenever the demo is seeded. */
function chinaMonthDay(at: Date): { month: number; day: number } {
  const china = new Date(at.getTime() + 8 * 3_600_000)
  return { month: china.getUTCMonth() + 1, day: china.getUTCDate() }
}

/**
 * The notices, dated from the seed's `now`: the elevator result names the past
 * 议事会's day (seed/council: 8 days ago, 11 hours later in the day), the exchange
 * notice the month it was published in.
 */
export const seedNotices = (now: Date) => {
  const meeting = chinaMonthDay(new Date(now.getTime() - 8 * 86_400_000 + 11 * 3_600_000))
  const exchange = chinaMonthDay(new Date(now.getTime() - 6 * 86_400_000))
  return [
  {
    key: 'n1',
    title: '关于 3 号楼电梯加装的议事结果公示',
    body: `经 ${meeting.month} 月 ${meeting.day} 日议事会表决，3 号楼加装电梯方案获 2/3 以上住户同意，现予公示。公示期内如有异议，可在议事厅提出。`,
    category: 'decision',
    daysAgo: 2,
    publicDays: 7,
  },
  {
    key: 'n2',
    title: '民生小实事：小区西门照明改造进度',
    body: '西门照明改造已完成 60%，新装路灯 8 盏，已支出 1.2 万元（预算 2 万元），明细见办事进度。',
    category: 'progress',
    daysAgo: 4,
    publicDays: 0,
  },
  {
    key: 'n3',
    title: `${exchange.month} 月志愿服务积分兑换开放`,
    body: '爱心超市本月开放兑换，志愿者可凭积分兑换生活用品，每周六上午 9:00—11:00。',
    category: 'announcement',
    daysAgo: 6,
    publicDays: 0,
  },
  {
    key: 'n4',
    title: '第三季度社区公共收益收支公示',
    body: '第三季度公共收益收入 3.6 万元，支出 2.1 万元（绿化养护、消防设施维护），结余转入下季度。',
    category: 'spending',
    daysAgo: 12,
    publicDays: 10,
  },
  ] as const
}
