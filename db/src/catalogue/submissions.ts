// Servers submitted for crawling through the API, queued in server_submissions.
import type { Database } from '../client.js';
import { serverSubmissions } from '../schema/index.js';

/** A queued submission as stored. */
export interface SubmissionRow {
  id: number;
  kind: string;
  value: string;
  status: string;
  createdAt: Date;
}

/** Queues one server for crawling on behalf of a key. */
export async function insertSubmission(
  db: Database,
  submission: { kind: string; value: string; apiKeyId: number },
): Promise<SubmissionRow> {
  const [row] = await db.insert(serverSubmissions).values(submission).returning({
    id: serverSubmissions.id,
    kind: serverSubmissions.kind,
    value: serverSubmissions.value,
    status: serverSubmissions.status,
    createdAt: serverSubmissions.createdAt,
  });
  if (!row) throw new Error('insert into server_submissions returned no row');
  return row;
}
