import { emptyTaskForm, parseTaskInput, taskErrorsFromIssues, validateTaskForm } from './task-form.validation';

const filled = {
  ...emptyTaskForm('3'),
  name: 'mean age',
  image: 'federa/summary:1',
  organizationIds: [1, 2],
};

describe('parseTaskInput', () => {
  it('accepts nothing, an object and a JSON string', () => {
    expect(parseTaskInput('   ')).toEqual({ ok: true, value: undefined });
    expect(parseTaskInput('{"method": "mean"}')).toEqual({ ok: true, value: { method: 'mean' } });
    expect(parseTaskInput('"some input"')).toEqual({ ok: true, value: 'some input' });
  });

  it('refuses broken JSON with the parser message, and non-object values', () => {
    const broken = parseTaskInput('{"method": ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^Input is not valid JSON/);
    for (const text of ['[1, 2]', '42', 'null', 'true']) {
      const result = parseTaskInput(text);
      expect(!result.ok && result.error).toMatch(/must be a JSON object/);
    }
  });
});

describe('validateTaskForm', () => {
  it('builds the POST /task body', () => {
    const result = validateTaskForm({
      ...filled,
      description: '  about ages ',
      input: '{"column": "age"}',
      databases: [
        { label: 'default', query: '' },
        { label: ' sql ', query: 'SELECT 1' },
        { label: '', query: '' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        collaboration_id: 3,
        name: 'mean age',
        image: 'federa/summary:1',
        description: 'about ages',
        organization_ids: [1, 2],
        input: { column: 'age' },
        databases: [{ label: 'default' }, { label: 'sql', query: 'SELECT 1' }],
      },
    });
  });

  it('leaves out empty optional fields', () => {
    const result = validateTaskForm(filled);
    expect(result.ok && result.value).toEqual({
      collaboration_id: 3,
      name: 'mean age',
      image: 'federa/summary:1',
      organization_ids: [1, 2],
      databases: [],
    });
  });

  it('reports every missing field at once', () => {
    const result = validateTaskForm({ ...emptyTaskForm(), input: '{oops' });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(
      ['collaborationId', 'image', 'input', 'name', 'organizationIds'].sort(),
    );
  });

  it('needs a label on every database with a query', () => {
    const result = validateTaskForm({ ...filled, databases: [{ label: ' ', query: 'SELECT 1' }] });
    expect(!result.ok && result.errors.databases).toBe('Every database needs a label.');
  });

  it('applies the contract limits (name length)', () => {
    const result = validateTaskForm({ ...filled, name: 'x'.repeat(201) });
    expect(!result.ok && result.errors.name).toBeDefined();
  });
});

describe('taskErrorsFromIssues', () => {
  it("maps the server's body.* issue paths to form fields", () => {
    expect(
      taskErrorsFromIssues([
        { path: 'body.name', message: 'too long' },
        { path: 'body.organization_ids.0', message: 'not a member' },
        { path: 'body.something', message: 'odd' },
      ]),
    ).toEqual({ name: 'too long', organizationIds: 'not a member', form: 'odd' });
  });
});
