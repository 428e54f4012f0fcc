/** A meeting's photos: files in the data folder locally, CloudBase storage in the WeChat world. */
export interface StoredPhoto {
  id: string
  activityId: string
  mime: string
  bytes: Uint8Array
  uploadedBy: string
  uploadedAt: string
}

export interface PhotoStore {
  /** Keep a photo under a new id (the adapter's), checked and size-limited by the caller. */
  putPhoto(p: Omit<StoredPhoto, 'id'>): Promise<{ id: string }>
  getPhoto(id: string): Promise<StoredPhoto | null>
}
