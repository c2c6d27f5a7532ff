import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './webhook-url';

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
