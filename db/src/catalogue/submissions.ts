// Servers submitted for crawling through the API, queued in server_submissions.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ServerSubmissionRow } from '../rows.js';
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

/** Pending submissions, oldest first. */
export async function pendingSubmissions(db: Database, limit: number): Promise<ServerSubmissionRow[]> {
  return db
    .select()
    .from(serverSubmissions)
    .where(eq(serverSubmissions.status, 'pending'))
    .orderBy(asc(serverSubmissions.id))
    .limit(limit);
}

/** Closes a submission: done with the server it became, or failed with the reason. */
export async function finishSubmission(
  db: Database,
  id: number,
  outcome: { status: 'done' | 'failed'; serverId: string | null; message: string },
  now: Date,
): Promise<void> {
  await db
    .update(serverSubmissions)
    .set({
      status: outcome.status,
      serverId: outcome.serverId,
      error: outcome.status === 'failed' ? outcome.message : null,
      processedAt: now,
    })
    .where(eq(serverSubmissions.id, id));
}
