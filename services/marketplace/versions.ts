/**
 * Orders two version strings: semantic versions numerically (1.10.0 > 1.9.2), a pre-release
 * before its release (1.0.0-rc.1 < 1.0.0), anything else by text. Negative when a is older.
 */
export function compareVersions (a: string, b: string): number {
  const [mainA, preA] = splitPrerelease(a)
  const [mainB, preB] = splitPrerelease(b)
  const partsA = mainA.split('.')
  const partsB = mainB.split('.')
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const order = comparePart(partsA[i] ?? '0', partsB[i] ?? '0')
    if (order !== 0) return order
  }
  if (preA === preB) return 0
  if (preA === undefined) return 1
  if (preB === undefined) return -1
  return comparePart(preA, preB)
}

function splitPrerelease (version: string): [string, string | undefined] {
  const dash = version.indexOf('-')
  return dash === -1 ? [version, undefined] : [version.slice(0, dash), version.slice(dash + 1)]
}

function comparePart (a: string, b: string): number {
  const numeric = /^\d+$/
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(a) - Number(b))
  return a < b ? -1 : a > b ? 1 : 0
}
