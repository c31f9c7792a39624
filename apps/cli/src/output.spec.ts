import { formatTable } from './output';

describe('formatTable', () => {
  it('aligns columns under upper-case headers', () => {
    const rows = [
      { id: 1, name: 'alpha' },
      { id: 12, name: null },
    ];
    expect(
      formatTable(rows, [
        { header: 'id', value: (r) => r.id },
        { header: 'name', value: (r) => r.name },
      ]),
    ).toBe('ID  NAME\n1   alpha\n12  -');
  });
});
