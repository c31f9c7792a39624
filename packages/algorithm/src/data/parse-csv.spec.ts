import { parseCsv } from './parse-csv';

describe('parseCsv', () => {
  it('splits plain records', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads CRLF, CR and a missing final line break alike', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
    ];
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual(expected);
    expect(parseCsv('a,b\r1,2')).toEqual(expected);
    expect(parseCsv('a,b\n1,2')).toEqual(expected);
  });

  it('keeps delimiters, line breaks and doubled quotes inside quoted fields', () => {
    const text = 'name,note\r\n"Smith, J","said ""hi""\r\nthen left"\r\n"",x\r\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'note'],
      ['Smith, J', 'said "hi"\r\nthen left'],
      ['', 'x'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,b,c\n,,\n1,,\n')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['1', '', ''],
    ]);
  });

  it('skips blank lines and a byte order mark', () => {
    expect(parseCsv('\uFEFFa\n\n1\r\n\r\n2\n\n')).toEqual([['a'], ['1'], ['2']]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('a\n5"7\n')).toEqual([['a'], ['5"7']]);
  });

  it('takes another delimiter', () => {
    expect(parseCsv('a;b\n"1;2";3\n', { delimiter: ';' })).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
  });

  it('reports an unterminated quote with the line it opened on', () => {
    expect(() => parseCsv('a\n1\n"open\nstill open')).toThrow(
      'the quote opened on line 3 is never closed',
    );
  });

  it('reports text after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x"y,1\n')).toThrow('malformed CSV on line 2');
  });

  it('returns nothing for empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\r\n')).toEqual([]);
  });
});
