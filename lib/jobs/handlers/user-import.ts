import 'server-only';
import { commitImport } from '@/lib/import/session/commit-import';
import { parseImport } from '@/lib/import/session/parse-import';
import type { QueuePayload } from '../queues';

/** F-IMP: reads an uploaded file into the preview, or creates its valid rows as users. */
export function runUserImport({ importId, phase }: QueuePayload<'user-import'>): Promise<void> {
  return phase === 'parse' ? parseImport(importId) : commitImport(importId);
}
