import { evidenceFile } from '../../services/obligations'
import { saveFile } from '../../utils/download'
import { toastError, toastInfo } from '../../utils/feedback'

/** An evidence file behind a met item: fetched base64 and handed to the person (download or open). */
export async function openEvidenceFile(id: string): Promise<void> {
  try {
    const f = await evidenceFile(id)
    toastInfo(await saveFile({ filename: f.name, mimeType: f.mime, base64: f.data }))
  } catch (e) {
    toastError(e)
  }
}
