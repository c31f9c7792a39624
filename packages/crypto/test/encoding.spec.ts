import {
  base64Decode,
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  fromPem,
  toPem,
  utf8Decode,
  utf8Encode,
} from '../src/encoding';

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 131 + seed * 17 + (i >> 3)) & 0xff;
  return out;
}

describe('base64url', () => {
  it('matches Buffer for every length 0..200 and round-trips', () => {
    for (let n = 0; n <= 200; n++) {
      const b = bytes(n, n);
      const enc = base64UrlEncode(b);
      expect(enc).toBe(Buffer.from(b).toString('base64url'));
      expect(Array.from(base64UrlDecode(enc)!)).toEqual(Array.from(b));
    }
  });

  it('handles large inputs (chunked encoding)', () => {
    const b = bytes(300_001, 7);
    const enc = base64UrlEncode(b);
    expect(enc).toBe(Buffer.from(b).toString('base64url'));
    expect(Buffer.from(base64UrlDecode(enc)!).equals(Buffer.from(b))).toBe(true);
  });

  it('rejects padding, foreign characters, impossible lengths and non-canonical tails', () => {
    expect(base64UrlDecode('QQ==')).toBeUndefined();
    expect(base64UrlDecode('a+b/')).toBeUndefined();
    expect(base64UrlDecode('ab c')).toBeUndefined();
    expect(base64UrlDecode('abcde')).toBeUndefined(); // length % 4 == 1
    expect(base64UrlDecode('QR')).toBeUndefined(); // 'QQ' is the canonical form of "A"
    expect(Array.from(base64UrlDecode('QQ')!)).toEqual([65]);
    expect(base64UrlDecode('é')).toBeUndefined();
    expect(base64UrlDecode('')!.length).toBe(0);
  });
});

describe('base64 (PEM bodies)', () => {
  it('matches Buffer and requires padding', () => {
    for (let n = 0; n <= 70; n++) {
      const b = bytes(n, 3);
      const enc = base64Encode(b);
      expect(enc).toBe(Buffer.from(b).toString('base64'));
      expect(Array.from(base64Decode(enc)!)).toEqual(Array.from(b));
    }
    expect(base64Decode('QQ')).toBeUndefined();
    expect(base64Decode('Q===')).toBeUndefined();
    expect(base64Decode('-_-_')).toBeUndefined();
  });
});

describe('PEM', () => {
  it('wraps at 64 columns and reads back', () => {
    const der = bytes(200, 1);
    const pem = toPem('PUBLIC KEY', der);
    const lines = pem.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN PUBLIC KEY-----');
    expect(lines.at(-1)).toBe('-----END PUBLIC KEY-----');
    expect(lines.slice(1, -1).every((l) => l.length <= 64)).toBe(true);
    expect(Array.from(fromPem('PUBLIC KEY', pem)!)).toEqual(Array.from(der));
    expect(fromPem('PRIVATE KEY', pem)).toBeUndefined();
    expect(fromPem('PUBLIC KEY', pem.replace('-----END PUBLIC KEY-----', ''))).toBeUndefined();
    expect(
      fromPem('PUBLIC KEY', '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----'),
    ).toBeUndefined();
  });
});

describe('UTF-8', () => {
  it('round-trips and rejects invalid sequences', () => {
    const s = 'añ€😀\u0000';
    expect(utf8Decode(utf8Encode(s))).toBe(s);
    expect(Buffer.from(utf8Encode(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
    expect(utf8Decode(new Uint8Array([0xc3, 0x28]))).toBeUndefined();
    expect(utf8Decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA'); // BOM kept
  });
});
