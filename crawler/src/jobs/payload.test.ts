import { describe, expect, it } from 'vitest';
import { packageJob, readJobPayload } from './payload.js';

describe('package job payloads', () => {
  const entry = { registryType: 'npm', identifier: 'pkg', version: '1.0.0' };

  it('read back as they were queued, keyed by the server id', () => {
    const job = packageJob({ serverId: 's1', registryName: 'io.github.a/b', title: 'B', entry });
    expect(job).toMatchObject({ kind: 'package', key: 's1' });
    expect(readJobPayload(job.kind, job.payload)).toEqual({
      kind: 'package',
      serverId: 's1',
      registryName: 'io.github.a/b',
      title: 'B',
      entry,
      serverVersion: undefined,
    });
  });

  it.each([
    [{ registryName: 'r', entry }, 'payload.serverId: expected a server id'],
    [{ serverId: 's', entry }, 'payload.registryName: expected a registry name'],
    [
      { serverId: 's', registryName: 'r', entry: ['npm'] },
      'payload.entry: expected a registry package entry',
    ],
  ])('a stored payload missing a part names it: %j', (payload, message) => {
    expect(readJobPayload('package', payload)).toBe(message);
  });
});
