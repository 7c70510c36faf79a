/** The text of a PDF as a reader's PDF.js sees it (unpdf, run in a child node process: see pdf-text.mjs). */
import { execFile } from 'node:child_process'
import { join } from 'node:path'

export function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text.mjs')], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`))
      else resolve(JSON.parse(stdout) as { pages: number; text: string })
    })
    child.stdin!.end(pdf)
  })
}
