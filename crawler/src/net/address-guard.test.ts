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
    '192.0.2.1',
    '198.18.0.1',
    '240.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '2001:db8::1',
    '2001::1', // Teredo hides its IPv4 endpoint
    '64:ff9b:1::1', // local-use NAT64
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '::7f00:1',
    '[::ffff:7f00:1]',
    '127.1',
    'not-an-ip',
    '',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '172.32.0.1',
    '8.8.8.8',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('checkUrlAddress', () => {
  it.each([
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:169.254.169.254]/latest/meta-data/',
    'http://[::127.0.0.1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]:8080/mcp',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[2002:7f00:1::]/',
    'http://2130706433/', // decimal 127.0.0.1
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::]/',
    'http://0.0.0.0:3000/',
  ])('refuses %s as ADDRESS_NOT_ALLOWED without resolving anything', async (url) => {
    const lookup = async (): Promise<string[]> => {
      throw new Error('an IP literal must not be looked up');
    };
    const check = await checkUrlAddress(url, { lookup });
    expect(check).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
    expect(check.ok === false && check.reason).toMatch(/resolves to non-public address/);
  });

  it('refuses a host whose DNS answer is an IPv4-mapped loopback', async () => {
    const check = await checkUrlAddress('https://rebind.example', {
      lookup: async () => ['::ffff:127.0.0.1'],
    });
    expect(check).toEqual({
      ok: false,
      code: 'ADDRESS_NOT_ALLOWED',
      reason: 'rebind.example resolves to non-public address ::ffff:127.0.0.1',
    });
  });

  it('refuses a host when any of its addresses is private', async () => {
    const check = await checkUrlAddress('https://mixed.example', {
      lookup: async () => ['8.8.8.8', '10.0.0.1'],
    });
    expect(check).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
  });

  it('allows a host whose every address is public', async () => {
    const check = await checkUrlAddress('https://public.example', {
      lookup: async () => ['8.8.8.8', '2606:4700::1111'],
    });
    expect(check).toEqual({ ok: true });
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
