/** `npm run bench`: every budget, printed as figures. Benchmarks measure; tests assert behaviour. */
import { benchActivityRoundTrips, benchActivitySignups } from './activities'
import { benchApi } from './api'
import { benchAwards } from './awards'
import { benchBallots } from './ballots'
import { benchEmulator } from './emulator'
import { benchFirstLoad } from './firstload'
import { benchVolunteer } from './volunteer'
import { benchMall } from './mall'
import { benchWeapp } from './weapp'

async function main() {
  const sections: Array<[string, () => Promise<Record<string, string | number>>]> = [
    ['mini-program packages', () => benchWeapp({ build: process.argv.includes('--build') })],
    ['api function', benchApi],
    ['ballots through the gateway', benchBallots],
    ['活动: round trips', benchActivityRoundTrips],
    ['活动: sign-ups through the gateway', benchActivitySignups],
    ['最美邻里 votes through the gateway', benchAwards],
    ['志愿服务: scans, certificate, cold start', benchVolunteer],
    ['爱心超市 and 微心愿 round trips', benchMall],
    ['emulator throughput (real SDK over HTTP)', benchEmulator],
    ['H5 home page first load (Fast 4G)', benchFirstLoad],
  ]
  for (const [title, run] of sections) {
    console.log(`\n== ${title}`)
    console.table(await run())
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
