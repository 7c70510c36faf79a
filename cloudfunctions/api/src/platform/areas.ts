/**
 * Areas (modules/<area>) load on first use (registry.ts), and as they load they fill
 * a few registries here in platform: check-in kinds, personal data sources. Whatever
 * reads such a registry whole, or misses in it, first asks for every area; the
 * registry answers (until it is loaded, as in a unit test of one module, nothing does).
 */
let loadEveryArea: () => void = () => {}
let rank = Number.MAX_SAFE_INTEGER

export function answerEveryArea(load: () => void) {
  loadEveryArea = load
}

export function needEveryArea() {
  loadEveryArea()
}

/** Loads an area as the one at this place in the registry's order (see loadingAreaRank). */
export function loadingArea<T>(at: number, load: () => T): T {
  const outer = rank
  rank = at
  try {
    return load()
  } finally {
    rank = outer
  }
}

/**
 * The registry's place of the area loading now: a registration keeps it, so the
 * registry's order holds whichever area happened to load first.
 */
export function loadingAreaRank(): number {
  return rank
}
