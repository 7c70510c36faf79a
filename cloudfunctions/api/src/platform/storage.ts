/**
 * Cloud storage as the function uses it: temporary download links, a file the
 * function makes itself (a QR code), and removing a file taken down. Handlers get
 * this capability, never the CloudBase app.
 */
import type { CloudBase } from '@cloudbase/node-sdk'

export interface Storage {
  /** Temporary download URLs by file id (storage's default lifetime unless given); a file missing from storage has none. */
  downloadUrls(fileIds: readonly string[], maxAgeSeconds?: number): Promise<Map<string, string>>
  /** Stores bytes at a path and returns the file id. */
  upload(cloudPath: string, content: Buffer): Promise<string>
  remove(fileId: string): Promise<void>
}

export function cloudStorage(app: CloudBase): Storage {
  return {
    async downloadUrls(fileIds, maxAge) {
      const urls = new Map<string, string>()
      if (fileIds.length === 0) return urls
      const fileList = fileIds.map((fileID) => (maxAge === undefined ? fileID : { fileID, maxAge }))
      const res = await app.getTempFileURL({ fileList })
      for (const f of (res?.fileList ?? []) as Array<{ fileID?: string; tempFileURL?: string; code?: string }>) {
        if (f.fileID && f.tempFileURL && (!f.code || f.code === 'SUCCESS')) urls.set(f.fileID, f.tempFileURL)
      }
      return urls
    },
    async upload(cloudPath, content) {
      return (await app.uploadFile({ cloudPath, fileContent: content })).fileID
    },
    async remove(fileId) {
      await app.deleteFile({ fileList: [fileId] })
    },
  }
}
