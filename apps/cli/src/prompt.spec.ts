import { applyKeys } from './prompt';

describe('applyKeys (hidden password entry)', () => {
  it('collects characters until Enter, pasted or typed', () => {
    expect(applyKeys('', 'Secret!1\r')).toEqual({ kind: 'done', value: 'Secret!1' });
    expect(applyKeys('Sec', 'r')).toEqual({ kind: 'typing', value: 'Secr' });
  });
  it('handles backspace, Ctrl-U and Ctrl-C', () => {
    expect(applyKeys('abc', '\u007f\u007fx\n')).toEqual({ kind: 'done', value: 'ax' });
    expect(applyKeys('abc', '\u0015z\r')).toEqual({ kind: 'done', value: 'z' });
    expect(applyKeys('abc', '\u0003')).toEqual({ kind: 'cancelled' });
  });
});
