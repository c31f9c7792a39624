/** One bar of a chart. */
export interface Point {
  label: string;
  value: number;
}

const MAX_POINTS = 40;

/**
 * The numbers in a result, when it has any worth charting: a number, a list of numbers, or an
 * object whose values are numbers (one level of nested objects is flattened to "a.b" labels).
 * Null when there are none, or too many to read as a small chart.
 */
export function numericSeries(value: unknown): Point[] | null {
  const points: Point[] = [];
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (finite(value)) return [{ label: 'value', value }];
  if (Array.isArray(value)) {
    if (!value.length || !value.every(finite)) return null;
    value.forEach((v, i) => points.push({ label: String(i), value: v }));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (finite(v)) points.push({ label: key, value: v });
      else if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [inner, w] of Object.entries(v)) {
          if (finite(w)) points.push({ label: `${key}.${inner}`, value: w });
        }
      }
    }
  }
  return points.length && points.length <= MAX_POINTS ? points : null;
}

/** Result text → its JSON value, or the text itself when it is not JSON. */
export function parseResult(text: string | null): { json: true; value: unknown } | { json: false; text: string } {
  if (text === null) return { json: false, text: '' };
  try {
    return { json: true, value: JSON.parse(text) as unknown };
  } catch {
    return { json: false, text };
  }
}
