import {
  decrypt,
  encrypt,
  ENVELOPE_PREFIX,
  ENVELOPE_VERSION,
  importPrivateKeyPem,
  importPublicKeyPem,
  inspectEnvelope,
  isEnvelope,
  keyId,
  looksLikeEnvelope,
  type WebCryptoKey,
} from '../src';
import {
  b64u,
  encodeHeader,
  expectCode,
  expectCodeSync,
  fixture,
  join5,
  segments,
  withHeader,
} from './helpers';

let pub: WebCryptoKey;
let priv: WebCryptoKey;
let env: string;

beforeAll(async () => {
  pub = await importPublicKeyPem(fixture('kat-a-public.pem'));
  priv = await importPrivateKeyPem(fixture('kat-a-private.pem'));
  env = await encrypt('format tests', [pub]);
});

function replaceSegment(index: 1 | 2 | 3 | 4, value: string): string {
  const parts = segments(env);
  parts[index] = value;
  return join5(parts);
}

describe('constants', () => {
  it('version 1 with prefix fed1.', () => {
    expect(ENVELOPE_VERSION).toBe(1);
    expect(ENVELOPE_PREFIX).toBe('fed1.');
  });
});

describe('isEnvelope', () => {
  it('accepts envelopes produced by encrypt', async () => {
    expect(isEnvelope(env)).toBe(true);
    expect(isEnvelope(await encrypt(new Uint8Array(0), [pub]))).toBe(true);
    expect(isEnvelope(fixture('kat-envelope.txt').trim())).toBe(true);
  });

  it.each([
    ['empty string', ''],
    ['plain text', 'hello world'],
    ['JSON input', '{"method":"average","kwargs":{"column":"age"}}'],
    ['a number', '42'],
    ['just the prefix', 'fed1.'],
    ['prefix and prose', 'fed1. is our envelope prefix'],
    ['five empty segments', 'fed1....'],
    ['five junk segments', 'fed1.a.b.c.d'],
    ['base64 of a clear text', `fed1.${Buffer.from('clear').toString('base64url')}`],
  ])('rejects %s', (_label, value) => {
    expect(isEnvelope(value)).toBe(false);
  });

  it('rejects near-misses of a real envelope', () => {
    expect(isEnvelope(` ${env}`)).toBe(false);
    expect(isEnvelope(`${env}\n`)).toBe(false);
    expect(isEnvelope(`${env}.`)).toBe(false);
    expect(isEnvelope(env.toUpperCase())).toBe(false);
    expect(isEnvelope(env.replace(/^fed1/, 'FED1'))).toBe(false);
    expect(isEnvelope(`${env}==`)).toBe(false);
    expect(isEnvelope(env.slice(0, -1))).toBe(false);
    expect(isEnvelope(env.replace(/^fed1/, 'fed2'))).toBe(false); // not decryptable by this version
  });

  it('rejects non-strings without throwing', () => {
    for (const v of [undefined, null, 1, {}, [], new Uint8Array(3)])
      expect(isEnvelope(v as never)).toBe(false);
  });
});

describe('looksLikeEnvelope', () => {
  it('recognises the prefix of any version, for refusing ciphertext in clear collaborations', () => {
    expect(looksLikeEnvelope(env)).toBe(true);
    expect(looksLikeEnvelope('fed2.anything')).toBe(true);
    expect(looksLikeEnvelope('fed17.x')).toBe(true);
    expect(looksLikeEnvelope(env.slice(0, 40))).toBe(true); // truncated ciphertext is still ciphertext
    expect(looksLikeEnvelope('fed0.x')).toBe(false);
    expect(looksLikeEnvelope('fed.x')).toBe(false);
    expect(looksLikeEnvelope('federated analysis')).toBe(false);
    expect(looksLikeEnvelope('{"fed1.":1}')).toBe(false);
    expect(looksLikeEnvelope(5 as never)).toBe(false);
  });
});

describe('inspectEnvelope', () => {
  it('reports public metadata without keys', async () => {
    expect(inspectEnvelope(env)).toEqual({
      version: 1,
      algorithm: 'RSA-OAEP-256',
      encryption: 'A256GCM',
      recipients: [await keyId(pub)],
      plaintextLength: 'format tests'.length,
    });
  });

  it('throws the same errors as decrypt', () => {
    expectCodeSync(() => inspectEnvelope('nope'), 'MALFORMED');
    expectCodeSync(() => inspectEnvelope('fed9.abc'), 'UNSUPPORTED_VERSION');
  });
});

describe('unsupported versions', () => {
  it.each(['fed2.', 'fed2.x.y.z.w', 'fed10.abc', 'fed999999.'])(
    '%s is UNSUPPORTED_VERSION',
    async (v) => {
      const err = await expectCode(decrypt(v, priv), 'UNSUPPORTED_VERSION');
      expect(err.message).toMatch(/version \d+ is not supported/);
    },
  );

  it('a real envelope relabelled as a future version is UNSUPPORTED_VERSION', async () => {
    await expectCode(decrypt(env.replace(/^fed1\./, 'fed2.'), priv), 'UNSUPPORTED_VERSION');
  });
});

describe('malformed input', () => {
  const cases: [string, () => string][] = [
    ['empty', () => ''],
    ['clear text', () => 'hello'],
    ['no version number', () => 'fed.abc'],
    ['version zero', () => env.replace(/^fed1/, 'fed0')],
    ['leading zero version', () => env.replace(/^fed1/, 'fed01')],
    ['too few segments', () => segments(env).slice(0, 4).join('.')],
    ['too many segments', () => `${env}.AAAA`],
    ['whitespace', () => `${env} `],
    ['padding', () => replaceSegment(4, `${segments(env)[4]}==`)],
    [
      'standard base64 characters',
      () => replaceSegment(2, segments(env)[2].replace(/[-_]/g, '+') + '+'),
    ],
    [
      'non-canonical trailing bits in the tag',
      () => {
        const tag = segments(env)[4]; // 16 bytes -> 22 chars, last char carries 4 unused bits
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
        const last = alphabet.indexOf(tag[21]!);
        return replaceSegment(4, tag.slice(0, 21) + alphabet[last | 1]);
      },
    ],
    ['short iv', () => replaceSegment(2, b64u.encode(new Uint8Array(8)))],
    ['long iv', () => replaceSegment(2, b64u.encode(new Uint8Array(16)))],
    ['short tag', () => replaceSegment(4, b64u.encode(new Uint8Array(12)))],
    ['header not base64url', () => replaceSegment(1, '***')],
    ['header not UTF-8', () => replaceSegment(1, b64u.encode(new Uint8Array([0xc3, 0x28])))],
    ['header not JSON', () => replaceSegment(1, b64u.encode(Buffer.from('{alg:')))],
    ['header is an array', () => replaceSegment(1, encodeHeader([]))],
    ['header with an unknown field', () => withHeader(env, (h) => ({ ...h, x: 1 }))],
    [
      'header with whitespace',
      () =>
        replaceSegment(
          1,
          b64u.encode(
            Buffer.from(
              JSON.stringify(JSON.parse(b64u.decode(segments(env)[1]).toString()), null, 1),
            ),
          ),
        ),
    ],
    [
      'header with keys reordered',
      () => withHeader(env, (h) => ({ enc: h.enc, alg: h.alg, rcp: h.rcp })),
    ],
    ['other key algorithm', () => withHeader(env, (h) => ({ ...h, alg: 'RSA-OAEP' }))],
    ['other content algorithm', () => withHeader(env, (h) => ({ ...h, enc: 'A128GCM' }))],
    ['no recipients', () => withHeader(env, (h) => ({ ...h, rcp: [] }))],
    ['recipients not an array', () => withHeader(env, (h) => ({ ...h, rcp: h.rcp[0] }))],
    [
      'recipient without ek',
      () => withHeader(env, (h) => ({ ...h, rcp: [{ kid: h.rcp[0]!.kid }] })),
    ],
    [
      'recipient with numeric kid',
      () => withHeader(env, (h) => ({ ...h, rcp: [{ kid: 5, ek: h.rcp[0]!.ek }] })),
    ],
    [
      'recipient with empty kid',
      () => withHeader(env, (h) => ({ ...h, rcp: [{ kid: '', ek: h.rcp[0]!.ek }] })),
    ],
    [
      'recipient with extra field',
      () => withHeader(env, (h) => ({ ...h, rcp: [{ ...h.rcp[0]!, x: 1 }] })),
    ],
    ['duplicate key ids', () => withHeader(env, (h) => ({ ...h, rcp: [h.rcp[0], h.rcp[0]] }))],
    [
      'wrapped key too short',
      () =>
        withHeader(env, (h) => ({
          ...h,
          rcp: [{ kid: h.rcp[0]!.kid, ek: b64u.encode(new Uint8Array(256)) }],
        })),
    ],
    [
      'wrapped key not base64url',
      () =>
        withHeader(env, (h) => ({ ...h, rcp: [{ kid: h.rcp[0]!.kid, ek: `${h.rcp[0]!.ek}=` }] })),
    ],
  ];

  it.each(cases)('%s is MALFORMED', async (_label, make) => {
    const bad = make();
    expect(bad).not.toBe(env);
    expect(isEnvelope(bad)).toBe(false);
    await expectCode(decrypt(bad, priv), 'MALFORMED');
  });

  it('non-string input is MALFORMED', async () => {
    await expectCode(decrypt(undefined as never, priv), 'MALFORMED');
    await expectCode(decrypt(new Uint8Array(4) as never, priv), 'MALFORMED');
  });

  it('structure is checked before the key (MALFORMED even with a bad key)', async () => {
    await expectCode(decrypt('hello', pub), 'MALFORMED');
  });
});
