/**
 * What an <Image src> needs to show a stored file. WeChat's Image understands a
 * cloud:// fileID itself; in H5 the local gateway redirects /dev/file to the file.
 * Anything else (an https URL, a temp path just chosen) is shown as it is.
 */
export const fileUrl: (fileID: string) => string =
  process.env.TARO_ENV === 'h5'
    ? (fileID) => (fileID.startsWith('cloud://') ? `/dev/file?fileID=${encodeURIComponent(fileID)}` : fileID)
    : (fileID) => fileID
