import { BarChart } from './bar-chart';
import { numericSeries, parseResult } from './numeric-series';

/**
 * A run's result: formatted JSON and, where it holds numbers, a small chart. A result of an
 * encrypted collaboration arrives here decrypted, or `sealed` (no key loaded, or `error`: the
 * loaded key does not open it).
 */
export function ResultView(props: { result: string | null; sealed: boolean; error?: string; label: string }) {
  if (props.result === null || props.result === '') return <span className="muted">no result</span>;
  if (props.sealed) {
    return (
      <div className="sealed">
        <span className="tag">encrypted</span>
        <div className="small muted">
          {props.error ? `The loaded key cannot open it: ${props.error}` : 'Load your organization’s private key to read it.'}
        </div>
      </div>
    );
  }
  const parsed = parseResult(props.result);
  if (!parsed.json) return <pre className="result">{parsed.text}</pre>;
  const series = numericSeries(parsed.value);
  return (
    <div className="result-view">
      <pre className="result" aria-label={`Result of ${props.label}`}>
        {JSON.stringify(parsed.value, null, 2)}
      </pre>
      {series ? <BarChart points={series} title={`Result of ${props.label}`} /> : null}
    </div>
  );
}
