// Reads a PDF on stdin and prints { pages, text } as JSON: unpdf's PDF.js is an ES module
// that jest's CommonJS sandbox cannot import, so tests run this in a plain node process.
import { extractText, getDocumentProxy } from 'unpdf'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const doc = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)))
const { text } = await extractText(doc, { mergePages: true })
process.stdout.write(JSON.stringify({ pages: doc.numPages, text }))
