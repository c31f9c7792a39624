import { parseTaskInput } from './task-input';

describe('parseTaskInput', () => {
  it('reads {method, args}, defaulting args', () => {
    expect(parseTaskInput('{"method":"partial","args":{"column":"age"}}')).toEqual({
      ok: true,
      input: { method: 'partial', args: { column: 'age' } },
    });
    expect(parseTaskInput('{"method":"central"}')).toEqual({
      ok: true,
      input: { method: 'central', args: {} },
    });
  });

  it.each([
    [null, /has no input/],
    ['', /has no input/],
    ['not json', /not JSON/],
    ['{"args":{}}', /method: Required/],
    ['{"method":"x","args":[1]}', /args: Expected object/],
  ])('refuses %p with a reason', (text, reason) => {
    const parsed = parseTaskInput(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });
});
