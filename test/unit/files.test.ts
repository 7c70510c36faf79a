import { memberKeyOf, ownsFile, parseFileId, uploaderOf, uploadPrefix } from '../../cloudfunctions/api/src/platform/files'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'

const C = 'c_lujiang'
const me = membershipId(C, 'demo-resident')
const neighbour = membershipId(C, 'demo-volunteer')
const elsewhere = membershipId('c_haiyun', 'demo-resident')
const BUCKET = 'cloud://prod-7g2x.7072-prod-7g2x-1300000000'

describe('where a member uploads', () => {
  it('is uploads/<communityId>/<the membership id after "<communityId>:">/', () => {
    expect(me).toMatch(/^c_lujiang:m-[0-9a-f]{20}$/)
    expect(uploadPrefix(C, me)).toBe(`uploads/c_lujiang/${me.slice('c_lujiang:'.length)}/`)
    expect(uploadPrefix(C, me)).toMatch(/^uploads\/c_lujiang\/m-[0-9a-f]{20}\/$/)
  })

  it('differs for each member and for the same person in another community', () => {
    expect(uploadPrefix(C, me)).not.toBe(uploadPrefix(C, neighbour))
    expect(uploadPrefix('c_haiyun', elsewhere)).not.toBe(uploadPrefix(C, me))
  })

  it('refuses a member id of another community or one a path cannot carry', () => {
    expect(() => uploadPrefix('c_haiyun', me)).toThrow(/no upload place/)
    expect(memberKeyOf(C, `${C}:m-a/b`)).toBeNull()
    expect(memberKeyOf(C, `${C}:m:x`)).toBeNull()
    expect(memberKeyOf('c lujiang', 'c lujiang:m-1')).toBeNull()
    expect(memberKeyOf(C, `${C}:`)).toBeNull()
  })
})

describe('fileIDs', () => {
  it('reads CloudBase’s form, the local emulator’s and the short one', () => {
    expect(parseFileId(`${BUCKET}/uploads/a/b.jpg`)).toEqual({ env: 'prod-7g2x', bucket: '7072-prod-7g2x-1300000000', path: 'uploads/a/b.jpg' })
    expect(parseFileId('cloud://local.6c6f-local-1300000000/uploads/x.png')).toEqual({ env: 'local', bucket: '6c6f-local-1300000000', path: 'uploads/x.png' })
    expect(parseFileId('cloud://env/uploads/x.png')).toEqual({ env: 'env', bucket: null, path: 'uploads/x.png' })
  })

  it('refuses anything else, and paths a backend might resolve elsewhere', () => {
    for (const bad of [
      'https://example.com/uploads/x.png',
      'cloud://env',
      'cloud://env/',
      'cloud://a.b.c/uploads/x.png',
      'cloud://env/uploads/../x.png',
      'cloud://env/uploads/./x.png',
      'cloud://env/uploads//x.png',
      'cloud://env/uploads/x.png?sign=1',
      'cloud://env/uploads/%2e%2e/x.png',
      'cloud://env/uploads/a\\b.png',
      42,
      null,
    ]) {
      expect(parseFileId(bad)).toBeNull()
    }
  })
})

describe('whose a file is', () => {
  const mine = `${BUCKET}/${uploadPrefix(C, me)}issues/k2x9.jpg`

  it('is the member whose place it lies in', () => {
    expect(uploaderOf(mine)).toEqual({ communityId: C, memberId: me })
    expect(uploaderOf(`${uploadPrefix(C, me)}avatars/a.jpg`)).toEqual({ communityId: C, memberId: me })
    expect(ownsFile(mine, C, me)).toBe(true)
  })

  it('is nobody’s outside a member’s place', () => {
    expect(uploaderOf(`${BUCKET}/uploads/issues/seed.png`)).toBeNull()
    expect(uploaderOf(`${BUCKET}/${uploadPrefix(C, me)}`.replace(/\/$/, ''))).toBeNull()
    expect(uploaderOf(`${BUCKET}/avatars/${C}/${me.split(':')[1]}/a.jpg`)).toBeNull()
    expect(uploaderOf(`${BUCKET}/${uploadPrefix(C, me)}issues/a b.jpg`)).toBeNull()
  })

  it('refuses a neighbour’s file, another community’s and a lookalike path', () => {
    expect(ownsFile(mine, C, neighbour)).toBe(false)
    expect(ownsFile(mine, 'c_haiyun', elsewhere)).toBe(false)
    expect(ownsFile(`${BUCKET}/${uploadPrefix('c_haiyun', elsewhere)}issues/a.jpg`, C, me)).toBe(false)
    expect(ownsFile(`${BUCKET}/uploads/${C}/${me.split(':')[1]}x/a.jpg`, C, me)).toBe(false)
    expect(ownsFile(`${BUCKET}/uploads/${C}/${me.split(':')[1]}/../${neighbour.split(':')[1]}/a.jpg`, C, me)).toBe(false)
    expect(ownsFile(`${uploadPrefix(C, me)}issues/a.jpg`, C, me)).toBe(false)
  })
})
