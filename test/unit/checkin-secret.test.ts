import { checkinSecret } from '../../cloudfunctions/api/src/platform/checkin'

it('the check-in signing secret: shorter than 32 bytes is refused, locally as in CloudBase, like a missing one there; bytes, not characters, count', () => {
  for (const env of [{}, { TENCENTCLOUD_RUNENV: 'SCF' }]) {
    for (const short of ['prod', 'x'.repeat(31), '密钥'.repeat(5)]) {
      expect(() => checkinSecret({ ...env, CHECKIN_SECRET: short })).toThrow(expect.objectContaining({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('32') }))
    }
  }
  expect(checkinSecret({ CHECKIN_SECRET: 'x'.repeat(32) })).toBe('x'.repeat(32))
  // 11 CJK characters are 33 bytes in UTF-8
  expect(checkinSecret({ TENCENTCLOUD_RUNENV: 'SCF', CHECKIN_SECRET: '签'.repeat(11) })).toBe('签'.repeat(11))
})
