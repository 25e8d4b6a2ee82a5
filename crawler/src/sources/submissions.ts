// Servers submitted through the API (server_submissions): each crawled from where it names, then marked done or failed.
import {
  type Database,
  emptyCounts,
  finishRun,
  finishSubmission,
  pendingSubmissions,
  rootMessage,
  type ServerSubmissionRow,
  serverIdOfRegistryName,
  startRun,
} from '@toolrisk/db';
import { introspectServer } from '../introspect/introspect.js';
import type { IntrospectOptions, ServerTarget } from '../introspect/limits.js';
import { storeResult } from './explicit.js';
import { defaultServerId } from './explicit-file.js';
import { crawlRegistry, type RegistryCrawlOptions } from './registry/crawl.js';

/** How to work through the queue. */
export interface SubmissionsOptions {
  /** The registry that `registry` submissions are looked up in. */
  registry: Omit<RegistryCrawlOptions, 'search' | 'full'>;
  /** Limits of introspection; `allowExec` decides whether `package` submissions may run (`npx -y <package>`). */
  introspect?: Partial<IntrospectOptions> | undefined;
  /** At most this many submissions per call, oldest first. */
  limit?: number | undefined;
  now?: Date | undefined;
}

/** What became of one submission. */
export interface SubmissionOutcome {
  id: number;
  kind: string;
  value: string;
  /** done and failed are final; pending means it was left for a run that may execute commands. */
  status: 'done' | 'failed' | 'pending';
  serverId: string | null;
  message: string;
}

/** Crawls pending submissions, oldest first; each ends done (with its server id) or failed (with the reason). */
export async function processSubmissions(
  db: Database,
  options: SubmissionsOptions,
): Promise<SubmissionOutcome[]> {
  const pending = await pendingSubmissions(db, options.limit ?? 100);
  const outcomes: SubmissionOutcome[] = [];
  for (const submission of pending) {
    const outcome = await processOne(db, submission, options);
    if (outcome.status !== 'pending') {
      await finishSubmission(
        db,
        submission.id,
        { status: outcome.status, serverId: outcome.serverId, message: outcome.message },
        options.now ?? new Date(),
      );
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

async function processOne(
  db: Database,
  submission: ServerSubmissionRow,
  options: SubmissionsOptions,
): Promise<SubmissionOutcome> {
  const base = { id: submission.id, kind: submission.kind, value: submission.value };
  if (submission.kind === 'registry')
    return { ...base, ...(await fromRegistry(db, submission.value, options)) };
  if (submission.kind === 'url') {
    return { ...base, ...(await introspectAndStore(db, { kind: 'http', url: submission.value }, options)) };
  }
  if (submission.kind === 'package') {
    // A package runs code on this machine: only an operator's --allow-exec may start it, never the submitter.
    if (!options.introspect?.allowExec) {
      return {
        ...base,
        status: 'pending',
        serverId: null,
        message: 'left pending: running a package needs --allow-exec',
      };
    }
    const target: ServerTarget = { kind: 'stdio', command: 'npx', args: ['-y', submission.value] };
    return { ...base, ...(await introspectAndStore(db, target, options)) };
  }
  return {
    ...base,
    status: 'failed',
    serverId: null,
    message: `unknown submission kind "${submission.kind}"`,
  };
}

type Verdict = Pick<SubmissionOutcome, 'status' | 'serverId' | 'message'>;

async function fromRegistry(db: Database, name: string, options: SubmissionsOptions): Promise<Verdict> {
  const report = await crawlRegistry(db, { ...options.registry, search: name, now: options.now });
  if (report.status === 'failed') {
    return {
      status: 'failed',
      serverId: null,
      message: `registry crawl ${report.runId} failed; see its crawl errors`,
    };
  }
  const serverId = await serverIdOfRegistryName(db, name);
  return serverId
    ? { status: 'done', serverId, message: `stored from the registry (run ${report.runId})` }
    : { status: 'failed', serverId: null, message: `the registry lists no server named "${name}"` };
}

async function introspectAndStore(
  db: Database,
  target: ServerTarget,
  options: SubmissionsOptions,
): Promise<Verdict> {
  const value = target.kind === 'http' ? target.url : (target.args ?? []).join(' ');
  const runId = await startRun(db, 'submission', value, options.now);
  const counts = emptyCounts();
  const server = { id: defaultServerId(target, undefined), target };
  try {
    const result = await introspectServer(target, options.introspect);
    const crawl = await storeResult(db, runId, server, result, options.now ?? new Date(), counts);
    await finishRun(db, runId, counts, { now: options.now });
    if (!crawl.result.ok)
      return { status: 'failed', serverId: null, message: `${crawl.result.code}: ${crawl.result.message}` };
    if (counts.serversSeen === 0)
      return { status: 'failed', serverId: null, message: `nothing stored (run ${runId})` };
    return {
      status: 'done',
      serverId: server.id,
      message: `${crawl.toolsStored} tools stored (run ${runId})`,
    };
  } catch (error) {
    await finishRun(db, runId, counts, { status: 'failed', now: options.now });
    return { status: 'failed', serverId: null, message: rootMessage(error) };
  }
}
