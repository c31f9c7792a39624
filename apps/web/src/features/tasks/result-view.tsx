import { BarChart } from './bar-chart';
import { numericSeries, parseResult } from './numeric-series';

/**
 * A run's result: formatted JSON and, where it holds numbers, a small chart.
 *
 * Encrypted collaborations: the server holds only ciphertext for the requesting organization.
 * Decrypting in the browser (with @federa/crypto and a private key the user loads) belongs
 * here, in a later issue; until then such results are only marked as encrypted.
 */
export function ResultView(props: { result: string | null; encrypted: boolean; label: string }) {
  if (props.result === null || props.result === '') return <span className="muted">no result</span>;
  if (props.encrypted) {
    return (
      <span className="tag" title="Decrypting results in the browser is not available yet">
        encrypted
      </span>
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
