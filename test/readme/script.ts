/** One line of a README shell block, with where it stands in README.md (1-based). */
export interface ReadmeLine {
  readmeLine: number
  text: string
}

/** Every line of every ```sh block, in order. */
export function shellLines (markdown: string): ReadmeLine[] {
  const lines: ReadmeLine[] = []
  let inBlock = false
  markdown.split('\n').forEach((text, index) => {
    if (/^```sh\s*$/.test(text)) inBlock = true
    else if (inBlock && /^```\s*$/.test(text)) inBlock = false
    else if (inBlock) lines.push({ readmeLine: index + 1, text })
  })
  return lines
}

/** A command as bash reads it: physical lines joined where one ends in a backslash. */
export interface Command {
  lines: ReadmeLine[]
  /** The status a `# expect NNN` comment says the command's curl answers, instead of a 2xx. */
  expect?: number
  usesCurl: boolean
}

export function commands (lines: ReadmeLine[]): Command[] {
  const result: Command[] = []
  let current: ReadmeLine[] = []
  for (const line of lines) {
    current.push(line)
    if (line.text.endsWith('\\')) continue
    const text = current.map((part) => part.text).join('\n')
    const expect = /#\s*expect\s+(\d{3})\b/.exec(text)?.[1]
    result.push({ lines: current, usesCurl: /(^|[\s$(|;&])curl\s/.test(text), ...(expect ? { expect: Number(expect) } : {}) })
    current = []
  }
  return result
}

/**
 * The project's own npm scripts are not replayed: the server the test starts is the README's
 * `npm start`, and CI itself runs `npm ci` and `npm test`.
 */
export function isNpmScript (text: string): boolean {
  return /^\s*npm (ci|start|test|run)\b/.test(text)
}

/**
 * Records every curl's final HTTP status (from the headers it dumps, leaving its output alone) and
 * every other failing command, by script line, on descriptor 9.
 */
const PREAMBLE = `set -o pipefail
exec 9>>"$README_STATUS_LOG"
curl () {
  local headers code status
  headers=$(mktemp)
  command curl -sS -D "$headers" "$@"
  code=$?
  status=$(grep -a "^HTTP/" "$headers" | tail -n 1 | cut -d" " -f2)
  rm -f "$headers"
  echo "curl \${BASH_LINENO[0]} \${status:-000} $code" >&9
  return $code
}
trap 'echo "fail $LINENO $?" >&9' ERR`.split('\n')

export interface Script {
  text: string
  /** The README line each script line comes from. */
  readmeLineOf: (scriptLine: number) => number | undefined
  commands: Command[]
}

/** The README's shell blocks as one bash script, with each substitution applied to every line. */
export function readmeScript (markdown: string, substitutions: Array<[string, string]>): Script {
  const lines = shellLines(markdown)
  const body = lines.map(({ text }) => {
    if (isNpmScript(text)) return `# played by the test: ${text}`
    return substitutions.reduce((line, [from, to]) => line.split(from).join(to), text)
  })
  const offset = PREAMBLE.length
  return {
    text: [...PREAMBLE, ...body, ''].join('\n'),
    readmeLineOf: (scriptLine) => lines[scriptLine - offset - 1]?.readmeLine,
    commands: commands(lines)
  }
}
