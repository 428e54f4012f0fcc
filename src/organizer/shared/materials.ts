/** 学习材料 as the forms add them: the same checks the server makes, said before it does. */
import type { ActivityMaterial } from '@cloud/contract/model'
import { MATERIAL_URL, MATERIALS } from '@cloud/contract/limits'

/** What is wrong with one material about to be added to `count` others, or null. */
export function materialProblem(title: string, url: string, count: number): string | null {
  if (count >= MATERIALS.max) return `学习材料最多 ${MATERIALS.max} 项，请先删除一项`
  if (!title.trim()) return '请填写材料标题，如：学习贯彻党的二十届四中全会精神'
  if (title.trim().length > MATERIALS.titleMax) return `材料标题不超过 ${MATERIALS.titleMax} 字`
  if (!url.trim()) return '请粘贴材料链接'
  if (url.trim().length > MATERIALS.urlMax) return `材料链接不超过 ${MATERIALS.urlMax} 个字符`
  if (!MATERIAL_URL.test(url.trim())) return '链接应以 http:// 或 https:// 开头，请复制文章的网页地址'
  return null
}

/** The material as it is sent: trimmed. */
export const materialOf = (title: string, url: string): ActivityMaterial => ({ title: title.trim(), url: url.trim() })

/**
 * A title or link typed but never added would be lost without a word on saving: the form says so.
 */
export function pendingProblem(title: string, url: string): string | null {
  return title.trim() || url.trim() ? '学习材料还有一项未添加：请点“添加”，或清空标题和链接' : null
}
