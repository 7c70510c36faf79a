import { addCollection } from './addCollection'
import { aggregateDocuments } from './aggregateDocuments'
import { calculateDocument } from './calculateDocument'
import type { Action } from './context'
import { getDocument } from './getDocument'
import { insertDocument } from './insertDocument'
import { modifyAndReturnDoc } from './modifyAndReturnDoc'
import { modifyDocument } from './modifyDocument'
import { removeDocument } from './removeDocument'
import { batchDeleteFile, batchGetDownloadUrl, getUploadMetadata } from './storage'
import { abortTransaction, commitTransaction, startTransaction } from './transactions'

export type { Action, ActionContext, TcbRequest, TcbResult } from './context'

/** Every TCB action the emulator answers, by the name the SDK sends. */
export const ACTIONS: Readonly<Record<string, Action>> = {
  'database.addCollection': addCollection,
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'storage.getUploadMetadata': getUploadMetadata,
  'storage.batchGetDownloadUrl': batchGetDownloadUrl,
  'storage.batchDeleteFile': batchDeleteFile,
}
