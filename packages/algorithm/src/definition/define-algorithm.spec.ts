import { defineAlgorithm, toAlgorithm } from './define-algorithm';

describe('defineAlgorithm', () => {
  const fn = () => 1;

  it('collects the methods of the partial and central groups', () => {
    expect(
      Object.keys(defineAlgorithm({ partial: { a: fn, b: fn }, central: { c: fn } }).methods),
    ).toEqual(['a', 'b', 'c']);
  });

  it('names a group given as one function after the group', () => {
    expect(Object.keys(defineAlgorithm({ partial: { p: fn }, central: fn }).methods)).toEqual([
      'p',
      'central',
    ]);
    expect(Object.keys(defineAlgorithm({ partial: fn, central: fn }).methods)).toEqual([
      'partial',
      'central',
    ]);
  });

  it('takes a plain map of functions', () => {
    expect(Object.keys(toAlgorithm({ one: fn, two: fn }).methods)).toEqual(['one', 'two']);
  });

  it('rejects duplicate names, non-functions and empty algorithms', () => {
    expect(() => defineAlgorithm({ partial: { a: fn }, central: { a: fn } })).toThrow(
      '"a" is defined twice',
    );
    expect(() => defineAlgorithm({ a: 3 as unknown as () => 1 })).toThrow('"a" is not a function');
    expect(() => defineAlgorithm({})).toThrow('at least one method');
  });
});
