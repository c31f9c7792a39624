import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTaskInput } from './task-input';

describe('readTaskInput', () => {
  it('sends a JSON object as an object and anything else as text', () => {
    expect(readTaskInput('{"a":1}')).toEqual({ a: 1 });
    expect(readTaskInput('[1,2]')).toBe('[1,2]');
    expect(readTaskInput('hello')).toBe('hello');
  });
  it('reads @file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'federa-input-')), 'in.json');
    fs.writeFileSync(file, '{"columns":["age"]}');
    expect(readTaskInput(`@${file}`)).toEqual({ columns: ['age'] });
    expect(() => readTaskInput('@/no/such/file')).toThrow('cannot read --input @/no/such/file');
  });
});
