/**
 * Meeting photos: the bytes in CloudBase storage (云存储), a `photos` record beside them saying whose
 * meeting they belong to. The file is uploaded first: a crash before the record leaves a file no
 * record names, which nobody can be shown, rather than a record whose file is missing.
 */
import { newId } from '../ids'
import type { StoredPhoto } from '../ports/PhotoStore'
import type { Db } from './access'
import { COL } from './collections'
import { str } from './documents'
import type { CloudStorage } from './sdk'

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

export class Photos {
  constructor(
    private readonly db: Db,
    private readonly storage: CloudStorage | null,
  ) {}

  private files(): CloudStorage {
    if (!this.storage) throw new Error('CloudBaseStore was made without storage (options.storage): meeting photos need cloud.uploadFile')
    return this.storage
  }

  async putPhoto(p: Omit<StoredPhoto, 'id'>): Promise<{ id: string }> {
    const id = newId()
    const cloudPath = `meeting-photos/${p.activityId}/${id}.${EXTENSION[p.mime] ?? 'bin'}`
    const { fileID } = await this.files().uploadFile({ cloudPath, fileContent: Buffer.from(p.bytes) })
    await this.db.coll(COL.photos).add({ data: { _id: id, activityId: p.activityId, mime: p.mime, fileID, size: p.bytes.byteLength, uploadedBy: p.uploadedBy, uploadedAt: p.uploadedAt } })
    return { id }
  }

  async getPhoto(id: string): Promise<StoredPhoto | null> {
    const d = await this.db.read(COL.photos, id)
    if (!d) return null
    const { fileContent } = await this.files().downloadFile({ fileID: str(d.fileID) })
    return {
      id,
      activityId: str(d.activityId),
      mime: str(d.mime),
      bytes: new Uint8Array(fileContent.buffer, fileContent.byteOffset, fileContent.byteLength),
      uploadedBy: str(d.uploadedBy),
      uploadedAt: str(d.uploadedAt),
    }
  }
}
