import { repositoryKey } from '@toolrisk/db';
import { describe, expect, it } from 'vitest';
import { readFlags } from './flags.js';

describe('repositoryKey', () => {
  it.each([
    ['https://github.com/Owner/Repo', 'github.com/owner/repo'],
    ['https://github.com/owner/repo.git', 'github.com/owner/repo'],
    ['https://github.com/owner/repo/', 'github.com/owner/repo'],
    ['https://github.com/owner/repo/tree/main/src/server', 'github.com/owner/repo/src/server'],
    ['https://github.com/owner/repo/blob/main/README.md', 'github.com/owner/repo/readme.md'],
    ['https://github.com/polygon-io/mcp_polygon))', 'github.com/polygon-io/mcp_polygon'],
    ['https://gitea.com/gitea/gitea-mcp', 'gitea.com/gitea/gitea-mcp'],
  ])('%s → %s', (href, key) => {
    expect(repositoryKey(href)).toBe(key);
  });

  it('refuses links that are not http(s) repositories', () => {
    expect(repositoryKey('javascript:alert(1)')).toBeNull();
    expect(repositoryKey('https://github.com/only-owner')).toBeNull();
    expect(repositoryKey('not a url')).toBeNull();
  });
});

describe('readFlags', () => {
  it('reads glued emoji, with or without VS16, and stops at prose', () => {
    expect(readFlags('🐍🏠 Runs')).toEqual({ flags: ['python', 'local'], rest: 'Runs' });
    expect(readFlags('🎖 🏎 ☁️/🏠 x')).toEqual({ flags: ['official', 'go', 'cloud', 'local'], rest: 'x' });
    expect(readFlags('🚀 🔥 fast')).toEqual({ flags: [], rest: 'fast' });
  });
});
