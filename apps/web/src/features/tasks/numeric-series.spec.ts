import { numericSeries, parseResult } from './numeric-series';

describe('numericSeries', () => {
  it('charts a number, a list of numbers and an object of numbers', () => {
    expect(numericSeries(4.5)).toEqual([{ label: 'value', value: 4.5 }]);
    expect(numericSeries([1, 2])).toEqual([
      { label: '0', value: 1 },
      { label: '1', value: 2 },
    ]);
    expect(numericSeries({ mean: 3, n: 10, name: 'age', stats: { min: 1, max: 9, tag: 'x' } })).toEqual([
      { label: 'mean', value: 3 },
      { label: 'n', value: 10 },
      { label: 'stats.min', value: 1 },
      { label: 'stats.max', value: 9 },
    ]);
  });

  it('has nothing to chart for text, mixed lists, empty or huge results', () => {
    expect(numericSeries('text')).toBeNull();
    expect(numericSeries([1, 'a'])).toBeNull();
    expect(numericSeries([])).toBeNull();
    expect(numericSeries({ a: 'b' })).toBeNull();
    expect(numericSeries(null)).toBeNull();
    expect(numericSeries(Number.NaN)).toBeNull();
    expect(numericSeries(Array.from({ length: 41 }, (_, i) => i))).toBeNull();
  });
});

describe('parseResult', () => {
  it('parses JSON and keeps other text as it is', () => {
    expect(parseResult('{"a":1}')).toEqual({ json: true, value: { a: 1 } });
    expect(parseResult('not json')).toEqual({ json: false, text: 'not json' });
    expect(parseResult(null)).toEqual({ json: false, text: '' });
  });
});
