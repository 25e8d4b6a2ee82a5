import { describe, expect, it } from 'vitest';
import { parsePackageSpec } from './package-spec.js';
import { packageTargetFromRegistry, SECRET_PLACEHOLDER } from './registry-package.js';

describe('package specs', () => {
  it('reads pinned npm specs, scoped or not, and tarball paths', () => {
    expect(parsePackageSpec('@scope/server@1.2.3', '/work')).toEqual({
      kind: 'npm',
      name: '@scope/server',
      version: '1.2.3',
    });
    expect(parsePackageSpec('server@0.1.0-beta.2', '/work')).toMatchObject({ version: '0.1.0-beta.2' });
    expect(parsePackageSpec('./pkg.tgz', '/work')).toEqual({ kind: 'tarball', path: '/work/pkg.tgz' });
  });

  it.each([
    ['server', /has no version/],
    ['server@latest', /not one exact version/],
    ['server@^1.0.0', /not one exact version/],
    ['--registry=http://evil@1.0.0', /not a valid npm package name/],
    ['Server@1.0.0', /not a valid npm package name/],
    ['@scope/server', /has no version/],
  ])('refuses %s before npm sees it', (spec, message) => {
    expect(parsePackageSpec(spec, '/work')).toMatch(message);
  });
});

describe('registry package entries', () => {
  it('maps arguments from values and defaults, skipping optional ones without either', () => {
    const target = packageTargetFromRegistry({
      registryType: 'npm',
      identifier: 'srv',
      version: '1.0.0',
      transport: { type: 'stdio' },
      packageArguments: [
        { type: 'positional', value: '{dir}', variables: { dir: { default: '/data' } } },
        { type: 'named', name: '--port', default: '8089', format: 'number' },
        { type: 'named', name: 'verbose', default: 'true', format: 'boolean' },
        { type: 'named', name: 'quiet', default: 'false', format: 'boolean' },
        { type: 'named', name: 'token', isRequired: true, isSecret: true },
        { type: 'named', name: 'optional' },
        { type: 'positional', isRequired: true, format: 'filepath' },
      ],
    });
    expect(target).toMatchObject({
      args: [
        '/data',
        '--port',
        '8089',
        '--verbose',
        '--token',
        SECRET_PLACEHOLDER,
        '/tmp/toolrisk-placeholder',
      ],
    });
  });

  it('gives required secrets a placeholder (never their declared default) and drops optional secrets', () => {
    const target = packageTargetFromRegistry({
      registryType: 'npm',
      identifier: 'srv',
      version: '1.0.0',
      environmentVariables: [
        { name: 'API_KEY', isSecret: true, isRequired: true, default: 'sk-live-123' },
        { name: 'OPTIONAL_KEY', isSecret: true },
        { name: 'MODE', choices: ['fast', 'slow'], isRequired: true },
        { name: 'LEVEL', default: 'info' },
        { name: 'SERVICE_BASE_URL', isRequired: true },
        { name: 'NOT AN ENV NAME', default: 'x' },
      ],
    });
    expect(target).toMatchObject({
      env: {
        API_KEY: SECRET_PLACEHOLDER,
        MODE: 'fast',
        LEVEL: 'info',
        SERVICE_BASE_URL: 'https://toolrisk-placeholder.invalid',
      },
    });
    expect('env' in target && Object.keys(target.env)).toEqual([
      'API_KEY',
      'MODE',
      'LEVEL',
      'SERVICE_BASE_URL',
    ]);
  });

  it.each([
    [{ registryType: 'pypi', identifier: 'x', version: '1.0.0' }, 'PACKAGE_UNSUPPORTED'],
    [
      { registryType: 'npm', identifier: 'x', version: '1.0.0', transport: { type: 'sse' } },
      'PACKAGE_UNSUPPORTED',
    ],
    [{ registryType: 'npm', identifier: 'x', version: 'latest' }, 'PACKAGE_INVALID'],
    [{ registryType: 'npm', identifier: '../x', version: '1.0.0' }, 'PACKAGE_INVALID'],
  ])('refuses %j with %s', (entry, code) => {
    expect(packageTargetFromRegistry(entry)).toMatchObject({ code });
  });
});
