import { FileTooLargeError, wrongType, type PickFile } from './pickFile.types'

/** The hidden input stays in the page until the next pick, so a test can also set its files directly. */
const INPUT_ID = 'pick-file-input'

function readBase64(file: File, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total)
    }
    reader.onerror = () => reject(new Error('读取文件失败，请重新选择'))
    reader.onload = () => {
      const url = String(reader.result ?? '')
      // A data URL: "data:<type>;base64,<payload>".
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

/** Browser: a hidden `<input type=file>` (`data-testid="file-input"`), clicked on the person's tap. */
export const pickFile: PickFile = ({ extensions, maxBytes, onChosen, onProgress }) =>
  new Promise((resolve, reject) => {
    document.getElementById(INPUT_ID)?.remove()
    const input = document.createElement('input')
    input.type = 'file'
    input.id = INPUT_ID
    input.accept = extensions.map((e) => `.${e}`).join(',')
    input.setAttribute('data-testid', 'file-input')
    input.style.display = 'none'
    input.addEventListener('cancel', () => resolve(null))
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      const problem = wrongType(file.name, extensions)
      if (problem) return reject(new Error(problem))
      if (file.size > maxBytes) return reject(new FileTooLargeError(file.name, file.size, maxBytes))
      if (file.size === 0) return reject(new Error(`文件“${file.name}”是空的，请重新选择`))
      onChosen?.({ name: file.name, size: file.size })
      readBase64(file, onProgress).then((base64) => resolve({ name: file.name, size: file.size, base64 }), reject)
    })
    document.body.appendChild(input)
    input.click()
  })
