import { request } from 'node:http'

/** A request of a benchmark row. */
export interface RowRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

/** An answer as it went over the wire: what the ceiling server sends back byte for byte. */
export interface RecordedAnswer {
  method: RowRequest['method']
  path: string
  status: number
  headers: Record<string, string>
  /** base64 of the body exactly as sent (compressed, when it was). */
  body: string
}

/** The response headers a ceiling repeats: what the body is, and the validators and encoding a client reads. */
const repeatedHeaders = ['content-type', 'content-encoding', 'etag', 'vary']

/** Sends one request and keeps the raw answer (node:http does not decompress, unlike fetch). */
export function record (baseUrl: string, row: RowRequest): Promise<RecordedAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${baseUrl}${row.path}`, { method: row.method, headers: { ...row.headers, ...(row.body ? { 'content-type': 'application/json' } : {}) } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const headers: Record<string, string> = {}
        for (const name of repeatedHeaders) {
          const value = response.headers[name]
          if (typeof value === 'string') headers[name] = value
        }
        resolve({ method: row.method, path: row.path, status: response.statusCode as number, headers, body: Buffer.concat(chunks).toString('base64') })
      })
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(row.body)
  })
}
