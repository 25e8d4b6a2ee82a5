import { describe, expect, it } from 'vitest';
import { latestRecord, readRegistryPage, readRegistryRecord } from './record.js';

const official = 'io.modelcontextprotocol.registry/official';

describe('readRegistryRecord', () => {
  it('reads the current format, with meta beside the server', () => {
    const record = readRegistryRecord({
      server: {
        name: 'io.github.a/b',
        version: '1.0.0',
        description: 'd',
        repository: {},
        packages: [{ registryType: 'npm', identifier: 'b' }],
      },
      _meta: {
        [official]: {
          status: 'active',
          isLatest: true,
          publishedAt: '2025-10-01T00:00:00Z',
          updatedAt: '2025-10-02T00:00:00Z',
        },
      },
    });
    expect(record).toMatchObject({
      name: 'io.github.a/b',
      version: '1.0.0',
      isLatest: true,
      updatedAt: '2025-10-02T00:00:00Z',
      repository: undefined,
    });
  });

  it('reads the pre-2025-09-29 format, with meta inside the server in snake case', () => {
    const record = readRegistryRecord({
      server: {
        name: 'io.github.a/b',
        version: '0.1.0',
        _meta: { [official]: { is_latest: true, published_at: '2025-08-01T00:00:00Z', id: 'x' } },
      },
    });
    expect(record).toMatchObject({ isLatest: true, publishedAt: '2025-08-01T00:00:00Z', status: 'active' });
  });

  it('reads the legacy seed format and names its packages and remotes the current way', () => {
    const record = readRegistryRecord({
      id: '4e9c',
      name: 'io.github.21st-dev/magic-mcp',
      version_detail: { version: '0.0.1-seed', release_date: '2025-05-16T18:56:49Z', is_latest: true },
      packages: [{ registry_name: 'npm', name: '@21st-dev/magic', environment_variables: [] }],
      remotes: [{ transport_type: 'sse', url: 'https://x.example/sse' }],
    });
    expect(record).toMatchObject({
      version: '0.0.1-seed',
      isLatest: true,
      packages: [{ registryType: 'npm', identifier: '@21st-dev/magic' }],
      remotes: [{ type: 'sse', url: 'https://x.example/sse' }],
    });
  });

  it('says why an item is unusable', () => {
    expect(readRegistryRecord(null)).toMatch(/not an object/);
    expect(readRegistryRecord({ server: { version: '1' } })).toMatch(/no server name/);
    expect(readRegistryRecord({ server: { name: 'a/b' } })).toMatch(/no version/);
  });
});

describe('readRegistryPage', () => {
  it('accepts nextCursor and the legacy next_cursor, and ends on an empty cursor', () => {
    expect(readRegistryPage({ servers: [], metadata: { nextCursor: 'a:1' } })).toEqual({
      items: [],
      nextCursor: 'a:1',
    });
    expect(readRegistryPage({ servers: [], metadata: { next_cursor: 'b' } })).toMatchObject({
      nextCursor: 'b',
    });
    expect(readRegistryPage({ servers: [], metadata: { nextCursor: '' } })).toMatchObject({
      nextCursor: undefined,
    });
    expect(readRegistryPage({ items: [] })).toMatch(/no "servers"/);
  });
});

describe('latestRecord', () => {
  it('prefers the isLatest flag, then the newest publication', () => {
    const base = { name: 'a/b', packages: [], remotes: [], status: 'active', document: {} };
    const old = { ...base, version: '1', isLatest: false, publishedAt: '2025-01-01' };
    const newer = { ...base, version: '2', isLatest: false, publishedAt: '2025-02-01' };
    expect(latestRecord([old, newer])?.version).toBe('2');
    expect(latestRecord([{ ...old, isLatest: true }, newer])?.version).toBe('1');
  });
});
