import { describe, expect, it } from 'vitest';
import { SPECIAL_FORMS } from '../../test/helpers/special-forms';
import { webhookTargetProblem, webhookUrlProblem } from './webhook-url';

describe('webhook URL policy', () => {
  it('accepts https to public hosts everywhere', () => {
    expect(webhookUrlProblem('https://hooks.example.com/relais', 'public-https')).toBeNull();
    expect(webhookUrlProblem('https://93.184.216.34/x', 'public-https')).toBeNull();
  });
  it.each([
    ['http://hooks.example.com/x', 'must be https'],
    ['https://127.0.0.1/x', 'must point to a public host'],
    ['https://localhost/x', 'must point to a public host'],
    ['https://10.1.2.3/x', 'must point to a public host'],
    ['https://192.168.1.10/x', 'must point to a public host'],
    ['https://172.20.0.1/x', 'must point to a public host'],
    ['https://169.254.169.254/latest/meta-data', 'must point to a public host'],
    ['https://[fd00::1]/x', 'must point to a public host'],
    ['https://[::ffff:127.0.0.1]/x', 'must point to a public host'],
    ['https://printer.local/x', 'must point to a public host'],
    ['https://intranet/x', 'must point to a public host'],
    ['https://user:pw@hooks.example.com/x', 'must not carry credentials'],
    ['ftp://hooks.example.com/x', 'must be https'],
    ['not a url', 'must be an absolute URL'],
  ])('refuses %s on Workers', (url, reason) => {
    expect(webhookUrlProblem(url, 'public-https')).toBe(reason);
  });
  it('allows loopback http on the local default only', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9000/hook', 'allow-loopback')).toBeNull();
    expect(webhookUrlProblem('http://localhost:9000/hook', 'allow-loopback')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:9000/hook', 'public-https')).toBe('must be https');
    expect(webhookUrlProblem('http://192.168.1.2/hook', 'allow-loopback')).toBe('must be https (http only to 127.0.0.1 or localhost)');
  });
});


describe('special-purpose addresses', () => {
  it.each(SPECIAL_FORMS)('refuses https://%s/ on both policies', (host) => {
    expect(webhookUrlProblem(`https://${host}/x`, 'public-https')).toBe('must point to a public host');
    if (!/^(127\.|2130706433|0x7f|0177|017700000001|\[::1\]|\[0:0:0:0:0:0:0:1\]|\[::ffff:(127|7f))/.test(host) || host.includes('ffff')) {
      expect(webhookUrlProblem(`https://${host}/x`, 'allow-loopback')).toBe('must point to a public host');
    }
  });
  it.each(['localhost.', 'LOCALHOST..', 'printer.local.', 'intranet.', 'foo.internal', 'x.home.arpa', 'a.onion'])('refuses the name %s', (host) => {
    expect(webhookUrlProblem(`https://${host}/x`, 'public-https')).toBe('must point to a public host');
  });
  it('refuses zone ids (the URL parser rejects them) and keeps public forms', () => {
    expect(webhookUrlProblem('https://[fe80::1%25eth0]/x', 'public-https')).not.toBeNull();
    expect(webhookUrlProblem('https://[2606:4700::1111]/x', 'public-https')).toBeNull();
    expect(webhookUrlProblem('https://[2002:808:808::1]/x', 'public-https')).toBeNull(); // 6to4 of 8.8.8.8
    expect(webhookUrlProblem('https://134744072/x', 'public-https')).toBeNull(); // 8.8.8.8 in decimal
    expect(webhookUrlProblem('https://hooks.example.com./x', 'public-https')).toBeNull();
  });
  it('keeps the local default for loopback only where it was: 127.0.0.0/8, [::1] and localhost, trailing dot included', () => {
    for (const u of ['http://127.0.0.1:9/h', 'http://127.1.2.3/h', 'http://[::1]:9/h', 'http://localhost:9/h', 'http://localhost.:9/h']) {
      expect(webhookUrlProblem(u, 'allow-loopback'), u).toBeNull();
      expect(webhookUrlProblem(u, 'public-https'), u).not.toBeNull();
    }
    expect(webhookUrlProblem('http://[::ffff:127.0.0.1]/h', 'allow-loopback')).not.toBeNull();
    expect(webhookUrlProblem('http://10.0.0.1/h', 'allow-loopback')).not.toBeNull();
  });
});

describe('resolved addresses', () => {
  const resolveTo = (addresses: string[]) => async () => addresses;
  it('refuses a public-looking name when any of its addresses is special', async () => {
    for (const a of ['127.0.0.1', '10.1.1.1', '::1', '::ffff:169.254.169.254', 'fd00::5', '64:ff9b::a00:1', '2002:a00:1::']) {
      expect(await webhookTargetProblem('https://hooks.relais-example.com/x', 'public-https', resolveTo(['93.184.216.34', a])), a)
        .toMatch(/^must point to a public host \(hooks\.relais-example\.com resolves to /);
    }
    expect(await webhookTargetProblem('https://hooks.relais-example.com/x', 'public-https', resolveTo(['93.184.216.34', '2606:4700::1']))).toBeNull();
  });
  it('lets localhost through on the local default only when every address is loopback', async () => {
    expect(await webhookTargetProblem('http://localhost/x', 'allow-loopback', resolveTo(['127.0.0.1', '::1']))).toBeNull();
    expect(await webhookTargetProblem('http://localhost/x', 'allow-loopback', resolveTo(['127.0.0.1', '192.168.1.4']))).toMatch(/resolves to 192\.168\.1\.4/);
    expect(await webhookTargetProblem('https://rebind.relais-example.com/x', 'allow-loopback', resolveTo(['127.0.0.1']))).toMatch(/resolves to 127/);
  });
  it('keeps the textual answer when the name does not resolve now (the connection checks again)', async () => {
    const fails = async () => { throw new Error('ENOTFOUND'); };
    expect(await webhookTargetProblem('https://hooks.relais-example.com/x', 'public-https', fails)).toBeNull();
  });
});
