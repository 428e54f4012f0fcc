/**
 * An in-memory fake of wx-server-sdk's storage (`cloud.uploadFile` / `cloud.downloadFile`), for the
 * CloudBase adapter's meeting photos. As CloudBase does: upload answers a fileID
 * `cloud://<env>.<bucket>/<cloudPath>` (the same path again overwrites the file), the content is
 * handed back as a Buffer, and downloading a fileID that does not exist rejects with an
 * errCode/errMsg error (`downloadFile:fail …`). Paths follow the naming rules' basics: not empty,
 * no leading `/`, at most 850 bytes.
 * Reference: developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/uploadFile/server.uploadFile.html
 */
import type { CloudStorage } from '../../cloud/store/cloudbase/sdk'
import { FakeDbError } from './cloudbaseFakeErrors'
import { tick } from './cloudbaseFakeTxn'

export class FakeStorage implements CloudStorage {
  private readonly files = new Map<string, Buffer>()
  /** Calls made, for tests that count them. */
  readonly counters = { uploads: 0, downloads: 0 }

  constructor(
    readonly env = 'test-env-1a2b3c',
    readonly bucket = `7465-${env}-1300000000`,
  ) {}

  async uploadFile({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; statusCode: number }> {
    await tick()
    this.counters.uploads++
    if (!cloudPath || cloudPath.startsWith('/') || Buffer.byteLength(cloudPath) > 850) throw new FakeDbError(-501007, `uploadFile:fail invalid cloudPath ${JSON.stringify(cloudPath)}`)
    if (!Buffer.isBuffer(fileContent)) throw new FakeDbError(-501007, 'uploadFile:fail fileContent must be a Buffer or a ReadStream')
    const fileID = `cloud://${this.env}.${this.bucket}/${cloudPath}`
    this.files.set(fileID, Buffer.from(fileContent))
    return { fileID, statusCode: 200 }
  }

  async downloadFile({ fileID }: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number }> {
    await tick()
    this.counters.downloads++
    const content = this.files.get(fileID)
    if (!content) throw new FakeDbError(-503003, `downloadFile:fail STORAGE_FILE_NONEXIST: file ${fileID} does not exist`)
    return { fileContent: Buffer.from(content), statusCode: 200 }
  }

  /** How many files are stored, for tests. */
  get size(): number {
    return this.files.size
  }
}

export const fakeStorage = (env?: string): FakeStorage => new FakeStorage(env)
