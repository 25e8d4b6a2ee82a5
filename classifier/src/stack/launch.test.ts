import { describe, expect, it } from 'vitest';
import { identityOfCommand } from './launch.js';

describe('identityOfCommand', () => {
  it('reads the package a runner fetches, past its flags, with an exact version and not a dist-tag', () => {
    expect(identityOfCommand('npx', ['-y', '@scope/server@1.2.3', '/tmp'])).toEqual({
      kind: 'npm',
      identifier: '@scope/server',
      version: '1.2.3',
    });
    expect(identityOfCommand('npx', ['--yes', 'server@latest'])).toEqual({
      kind: 'npm',
      identifier: 'server',
    });
    expect(identityOfCommand('npx', ['-p', '@scope/pkg', 'bin-name'])).toEqual({
      kind: 'npm',
      identifier: '@scope/pkg',
    });
    expect(identityOfCommand('C:\\Program Files\\nodejs\\npx.cmd', ['-y', 'x'])).toEqual({
      kind: 'npm',
      identifier: 'x',
    });
    expect(identityOfCommand('pnpm', ['dlx', 'pkg@2.0.0'])).toEqual({
      kind: 'npm',
      identifier: 'pkg',
      version: '2.0.0',
    });
    expect(identityOfCommand('uvx', ['mcp-server-fetch==2025.4.7'])).toEqual({
      kind: 'pypi',
      identifier: 'mcp-server-fetch',
      version: '2025.4.7',
    });
    expect(identityOfCommand('uvx', ['--from', 'git-pkg', 'cmd'])).toEqual({
      kind: 'pypi',
      identifier: 'git-pkg',
    });
    expect(
      identityOfCommand('docker', [
        'run',
        '-i',
        '--rm',
        '-e',
        'TOKEN',
        'ghcr.io/github/github-mcp-server:v1.0',
      ]),
    ).toEqual({ kind: 'oci', identifier: 'ghcr.io/github/github-mcp-server', version: 'v1.0' });
  });

  it('a command no runner fetches is local', () => {
    expect(identityOfCommand('node', ['/srv/server.js'])).toEqual({
      kind: 'local',
      command: 'node /srv/server.js',
    });
    expect(identityOfCommand('npx', ['-y'])).toEqual({ kind: 'local', command: 'npx -y' });
  });
});
