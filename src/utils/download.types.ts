/** A file a cloud function produced, base64 in a JSON envelope (e.g. an attendance export). */
export interface FileToSave {
  filename: string
  mimeType: string
  base64: string
}

/**
 * Hands a file to the person: a browser download on h5, a saved and opened (or shared) document in
 * WeChat. One implementation per platform. Resolves to a short Chinese note of what happened.
 */
export type SaveFile = (file: FileToSave) => Promise<string>
