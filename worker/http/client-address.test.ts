import { describe, expect, it } from 'vitest';
import { addressScope, forwardedAddress } from './client-address';

describe('client address', () => {
  it('counts IPv4 as is and IPv6 by its /64', () => {
    expect(addressScope('203.0.113.7')).toBe('203.0.113.7');
    expect(addressScope('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressScope('2001:db8:1:2:aa::1')).toBe('2001:db8:1:2::/64');
    expect(addressScope('2001:db8:1:2:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressScope('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressScope(undefined)).toBeUndefined();
  });
  it('trusts only the last forwarded hop', () => {
    expect(forwardedAddress('1.1.1.1, 198.51.100.2')).toBe('198.51.100.2');
    expect(forwardedAddress(undefined)).toBeUndefined();
  });
});
