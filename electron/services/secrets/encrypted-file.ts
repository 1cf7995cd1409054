// A blob too large for the keychain (the MSAL token cache), kept in a file encrypted with AES-256-GCM.
// The random 256-bit key lives in the keychain; the file alone is useless. Layout:
// "SDH1" | 12-byte IV | 16-byte GCM tag | ciphertext, with the file's purpose as additional data.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from './secret-store.ts';

const magic = Buffer.from('SDH1');
const ivBytes = 12;
const tagBytes = 16;

export type EncryptedFileProblem = 'key-missing' | 'unreadable';

export interface EncryptedBlobFileOptions {
  path: string;
  secrets: SecretStore;
  /** Keychain entry holding the key, e.g. "msal-cache-key:contoso". */
  keyName: string;
  /** Bound into the ciphertext so a file cannot be swapped for another purpose's. */
  purpose: string;
  /** Told when an existing file cannot be read (the caller starts afresh and logs it). */
  onProblem?: (problem: EncryptedFileProblem, detail: string) => void;
}

export class EncryptedBlobFile {
  private key: Buffer | null = null;

  constructor(private readonly options: EncryptedBlobFileOptions) {}

  /** The decrypted text, or null when there is no file or it cannot be decrypted (reported, not thrown). */
  async read(): Promise<string | null> {
    let data: Buffer;
    try {
      data = await readFile(this.options.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const key = await this.loadKey();
    if (!key) {
      this.options.onProblem?.('key-missing', 'the encryption key is not in the keychain; the file is ignored');
      return null;
    }
    try {
      if (data.length < magic.length + ivBytes + tagBytes || !data.subarray(0, magic.length).equals(magic)) throw new Error('not an SDH1 file');
      const iv = data.subarray(magic.length, magic.length + ivBytes);
      const tag = data.subarray(magic.length + ivBytes, magic.length + ivBytes + tagBytes);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(this.options.purpose));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data.subarray(magic.length + ivBytes + tagBytes)), decipher.final()]).toString('utf8');
    } catch (e) {
      this.options.onProblem?.('unreadable', e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  /** Encrypts with a fresh IV and replaces the file atomically (owner-only permissions). */
  async write(text: string): Promise<void> {
    const key = (await this.loadKey()) ?? (await this.createKey());
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(this.options.purpose));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    const out = Buffer.concat([magic, iv, cipher.getAuthTag(), body]);
    await mkdir(dirname(this.options.path), { recursive: true });
    const tmp = `${this.options.path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, out, { mode: 0o600 });
    await rename(tmp, this.options.path);
  }

  /** Deletes the file and its key (sign-out of every account). */
  async remove(): Promise<void> {
    await rm(this.options.path, { force: true });
    await this.options.secrets.delete(this.options.keyName);
    this.key = null;
  }

  private async loadKey(): Promise<Buffer | null> {
    if (this.key) return this.key;
    const stored = await this.options.secrets.get(this.options.keyName);
    if (!stored) return null;
    const key = Buffer.from(stored, 'base64');
    if (key.length !== 32) return null;
    this.key = key;
    return key;
  }

  private async createKey(): Promise<Buffer> {
    const key = randomBytes(32);
    await this.options.secrets.set(this.options.keyName, key.toString('base64'));
    this.key = key;
    return key;
  }
}
