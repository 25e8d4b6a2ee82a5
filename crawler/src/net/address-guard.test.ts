import { describe, expect, it } from 'vitest';
import { checkUrlAddress, isPrivateAddress } from './address-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.2.3.4',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('checkUrlAddress', () => {
  it('refuses a host when any of its addresses is private', async () => {
    const check = await checkUrlAddress('https://mixed.example', {
      lookup: async () => ['8.8.8.8', '10.0.0.1'],
    });
    expect(check).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
  });

  it('refuses non-http schemes even when private addresses are allowed', async () => {
    const check = await checkUrlAddress('file:///etc/passwd', { allowPrivateAddresses: true });
    expect(check).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
  });

  it('reports an unresolvable host as CONNECT_FAILED, not as refused', async () => {
    const lookup = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await checkUrlAddress('https://nowhere.example', { lookup })).toMatchObject({
      ok: false,
      code: 'CONNECT_FAILED',
    });
  });

  it('allows loopback only when asked', async () => {
    expect(await checkUrlAddress('http://[::1]:8080/', { allowPrivateAddresses: true })).toEqual({
      ok: true,
    });
    expect((await checkUrlAddress('http://[::1]:8080/')).ok).toBe(false);
  });
});
