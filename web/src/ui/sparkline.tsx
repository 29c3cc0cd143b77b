/**
 * A small line chart of recent values, drawn as SVG (no chart library for one line). The scale
 * runs from 0 to a little above the highest value, at least `floor`.
 */
export function Sparkline ({ values, floor, label }: { values: number[], floor: number, label: string }) {
  const width = 240
  const height = 48
  if (values.length < 2) {
    return (
      <svg class='sparkline' viewBox={`0 0 ${width} ${height}`} role='img' aria-label={`${label}: collecting…`}>
        <text x={width / 2} y={height / 2 + 4} text-anchor='middle' class='sparkline-note'>collecting samples…</text>
      </svg>
    )
  }
  const top = Math.max(floor, ...values) * 1.2
  const step = width / (values.length - 1)
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(height - (value / top) * (height - 4) - 2).toFixed(1)}`).join(' ')
  return (
    <svg
      class='sparkline' viewBox={`0 0 ${width} ${height}`} preserveAspectRatio='none' role='img'
      aria-label={`${label}: ${values.length} samples, latest ${values.at(-1)!.toFixed(1)}`}
    >
      <polyline points={points} fill='none' stroke-width='2' vector-effect='non-scaling-stroke' />
    </svg>
  )
}
