/** A release row of the releases table as the store's info (shared by reads and the upload claim). */
import type { StoredReleaseInfo } from './types';

export function infoFromEntity(e: Record<string, unknown>): StoredReleaseInfo {
  return {
    id: String(e.rowKey),
    title: String(e.title),
    asOf: String(e.asOf),
    attribution: String(e.attribution),
    contentHash: String(e.contentHash),
    sources: JSON.parse(String(e.sources)) as StoredReleaseInfo['sources'],
    indicators: Number(e.indicators),
    las: Number(e.las),
    status: e.status === 'complete' ? 'complete' : 'uploading',
    entities: Number(e.entities),
    uploadedAt: String(e.uploadedAt),
  };
}
