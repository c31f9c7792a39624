import { TaskCreateSchema } from './tasks.schema';

const base = { name: 'n', image: 'img', collaboration_id: 1 };

describe('TaskCreateSchema', () => {
  it('accepts the seed body: one string input, no organizations', () => {
    const parsed = TaskCreateSchema.parse({ ...base, input: 'some input', description: 'd' });
    expect(parsed.input).toBe('some input');
    expect(parsed.organization_ids).toBeUndefined();
    expect(parsed.databases).toEqual([]);
  });

  it("reads organization_ids given as a list, a number or the seed's string", () => {
    expect(TaskCreateSchema.parse({ ...base, organization_ids: [1, 2] }).organization_ids).toEqual([
      1, 2,
    ]);
    expect(TaskCreateSchema.parse({ ...base, organization_ids: 3 }).organization_ids).toEqual([3]);
    expect(TaskCreateSchema.parse({ ...base, organization_ids: '4, 5' }).organization_ids).toEqual([
      4, 5,
    ]);
    expect(TaskCreateSchema.safeParse({ ...base, organization_ids: 'x' }).success).toBe(false);
    expect(TaskCreateSchema.safeParse({ ...base, organization_ids: [] }).success).toBe(false);
  });

  it('accepts the per-organization shape but not mixed with the seed shape', () => {
    const ok = TaskCreateSchema.safeParse({ ...base, organizations: [{ id: 1, input: { a: 1 } }] });
    expect(ok.success).toBe(true);
    const mixed = TaskCreateSchema.safeParse({
      ...base,
      input: 'x',
      organizations: [{ id: 1, input: 'y' }],
    });
    expect(mixed.success).toBe(false);
  });

  it('refuses missing and wrong-typed required fields', () => {
    expect(TaskCreateSchema.safeParse({ image: 'i', collaboration_id: 1 }).success).toBe(false);
    expect(TaskCreateSchema.safeParse({ ...base, collaboration_id: 'abc' }).success).toBe(false);
    expect(TaskCreateSchema.safeParse({ ...base, name: '' }).success).toBe(false);
  });
});
