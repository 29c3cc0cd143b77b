/** One line of the final table: what was measured, against what, and whether it meets its target. */
export interface Verdict {
  name: string
  figure: string
  /** The same-bytes ceiling (or another baseline), when the row has one. */
  ceiling?: string
  ratio?: number
  /** The target as written in the issue, e.g. "≥ 0.9" or "≤ 2 ms"; none for rows only reported. */
  target?: string
  met?: boolean
  /** Anything else worth a column: the hello-world reference, bytes, cold figures. */
  note?: string
}

/** A figure judged by a ratio against its ceiling. */
export function ratioVerdict (name: string, figure: string, ceiling: string, ratio: number, target: number | undefined, note?: string): Verdict {
  return { name, figure, ceiling, ratio, note, ...(target === undefined ? {} : { target: `≥ ${target}`, met: ratio >= target }) }
}

/** A figure judged against an absolute bound (at most, or at least). */
export function boundVerdict (name: string, value: number, unit: string, bound: { atMost?: number, atLeast?: number }, note?: string): Verdict {
  const figure = `${value.toFixed(value >= 100 ? 0 : 2)} ${unit}`
  if (bound.atMost !== undefined) return { name, figure, target: `≤ ${bound.atMost} ${unit}`, met: value <= bound.atMost, note }
  if (bound.atLeast !== undefined) return { name, figure, target: `≥ ${bound.atLeast} ${unit}`, met: value >= bound.atLeast, note }
  return { name, figure, note }
}

/** The table the README shows, in Markdown. */
export function table (verdicts: Verdict[]): string {
  const lines = ['| row | figure | ceiling | ratio | target | met | notes |', '|---|---|---|---|---|---|---|']
  for (const verdict of verdicts) {
    const met = verdict.met === undefined ? 'reported' : verdict.met ? 'yes' : '**no**'
    lines.push(`| ${verdict.name} | ${verdict.figure} | ${verdict.ceiling ?? '—'} | ${verdict.ratio === undefined ? '—' : verdict.ratio.toFixed(2)} | ${verdict.target ?? '—'} | ${met} | ${verdict.note ?? ''} |`)
  }
  return lines.join('\n')
}

export function percentile (sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]
}
