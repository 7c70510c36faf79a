/** When a wish's timer work falls due: shared by the sweep, the actions that arm its alarm, and the demo seed (which loads no area). */

const DAY = 86_400_000

/** A wish on the wall this long without a claim moves ahead of the others. */
export const WAITING_DAYS = 7

/** When a wish that went up on the wall at `openedAt` has waited long enough to move ahead. */
export const waitedUntil = (openedAt: Date | string) => new Date(new Date(openedAt).getTime() + WAITING_DAYS * DAY)
