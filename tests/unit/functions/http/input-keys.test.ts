/**
 * Two checks every read makes, rewritten for speed, pinned to what they must answer: an indicator key
 * in a path or query may hold "/" (LAIT keys do) but never an empty, "." or ".." part, a backslash or a
 * control character; the rate limiter keys a client by the last X-Forwarded-For hop, without its port (an IPv6 client by its /64).
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { IndicatorKeyParam } from '../../../../functions/src/http/input';
import { clientKey } from '../../../../functions/src/http/rate-limit';

const ok = (s: string): boolean => z.safeParse(IndicatorKeyParam, s).success;

describe('IndicatorKeyParam', () => {
  it.each(['LACStable_2016on', 'NEW_KS2_RWM_Sen_W/Osta', 'NEW_KS2_RWM_Sen_W%2FOsta', '...', 'a.b', 'a/.b', 'a/b.', '..a', 'Hosp_Adm_Alc_<18yrs'])(
    'accepts %j',
    (s) => expect(ok(s)).toBe(true),
  );
  it.each(['', '/a', 'a/', 'a//b', '.', '..', 'a/./b', 'a/../b', './a', 'a/..', '..%2Fetc', 'a\\b', 'a\u0000b', 'a\u001fb', 'a\u007fb', 'K'.repeat(201)])(
    'refuses %j',
    (s) => expect(ok(s)).toBe(false),
  );
  it('turns an encoded slash back into the slash the key holds', () => {
    expect(z.parse(IndicatorKeyParam, 'NEW_KS2_RWM_Sen_W%2fOsta')).toBe('NEW_KS2_RWM_Sen_W/Osta');
  });
});

describe('clientKey', () => {
  it.each([
    [null, 'unknown'],
    ['', 'unknown'],
    [' , ', 'unknown'],
    ['127.0.0.1', '127.0.0.1'],
    ['10.0.0.1, 203.0.113.9', '203.0.113.9'],
    ['10.0.0.1, 203.0.113.9:5678', '203.0.113.9'],
    // IPv6 counts by its /64 (one subscriber's network); an IPv4-mapped address is its IPv4 client.
    ['[::1]:5678', '0:0:0:0::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['[2001:0db8:0001:0002:0003:0004:0005:0006]:443', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['not:an:address', 'not:an:address'],
    ['spoofed, 198.51.100.7 ', '198.51.100.7'],
  ])('%j → %j', (header, key) => expect(clientKey(header)).toBe(key));
});
