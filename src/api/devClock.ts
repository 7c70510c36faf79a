// H5 only (required behind a TARO_ENV check, so the mini-program never carries it):
// the local gateway's clock at /dev/clock, read at launch, every half minute and
// whenever the page comes back into view, and reset by the banner's 「恢复」.
import { setClockState } from './clock'

const CLOCK_PATH = '/dev/clock'
const POLL_MS = 30_000

interface GatewayClock {
  now: string
  offsetMs: number
}

function adopt(answer: GatewayClock, sentAt: number, receivedAt: number): void {
  const serverNow = Date.parse(answer.now)
  if (Number.isNaN(serverNow) || typeof answer.offsetMs !== 'number') return
  // The answer was true about halfway through the round trip.
  setClockState({ offsetMs: serverNow - (sentAt + receivedAt) / 2, shiftMs: answer.offsetMs })
}

async function ask(init?: RequestInit): Promise<void> {
  const sentAt = Date.now()
  const res = await fetch(CLOCK_PATH, init)
  if (res.ok) adopt((await res.json()) as GatewayClock, sentAt, Date.now())
}

export async function syncClock(): Promise<void> {
  try {
    await ask()
  } catch {
    // A gateway that is restarting answers at the next poll; the device's time serves meanwhile.
  }
}

let started = false

export function startClockSync(): void {
  if (started) return
  started = true
  void syncClock()
  setInterval(() => void syncClock(), POLL_MS)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void syncClock()
  })
}

/** Back to real time, for everyone using this gateway. */
export async function resetClock(): Promise<void> {
  await ask({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true }) })
}
