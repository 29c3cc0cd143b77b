import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const ALGORITHM = 'aes-256-gcm'
const VERSION = 'v1'
const KEY_FILE = 'secret.key'
const HEX_KEY = /^[0-9a-fA-F]{64}$/

/**
 * Seals install secrets with AES-256-GCM. Each value gets a fresh 96-bit nonce, and the context
 * (user and server) is bound in as associated data, so a sealed value copied to another user's
 * row fails to open instead of decrypting there.
 */
export class SecretBox {
  private constructor (private readonly key: Buffer) {}

  /** With a configured key (64 hex digits) or the one in `<dataDir>/secret.key`, generated (0600) on first start. */
  static async open (options: { secretKey?: string, dataDir: string }): Promise<SecretBox> {
    if (options.secretKey) return new SecretBox(Buffer.from(options.secretKey, 'hex'))
    return new SecretBox(await loadOrCreateKey(join(options.dataDir, KEY_FILE)))
  }

  seal (plaintext: string, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv(ALGORITHM, this.key, iv)
    cipher.setAAD(Buffer.from(context))
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.')
  }

  /** Throws when the value was sealed with another key or context, or was tampered with. */
  open (sealed: string, context: string): string {
    const [version, iv, tag, data] = sealed.split('.')
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret')
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(context))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  }
}

async function loadOrCreateKey (file: string): Promise<Buffer> {
  try {
    const text = (await readFile(file, 'utf8')).trim()
    if (!HEX_KEY.test(text)) throw new Error(`${file} does not hold a 64-hex-digit key`)
    return Buffer.from(text, 'hex')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const key = randomBytes(32)
  await mkdir(join(file, '..'), { recursive: true })
  try {
    // 'wx': when two processes start together, the second reads the first one's key instead.
    await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return await loadOrCreateKey(file)
    throw error
  }
  await chmod(file, 0o600)
  return key
}
