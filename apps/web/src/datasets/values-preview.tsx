import { formatCount } from '../ui/format.ts';
import { TableScroll } from '../ui/table-scroll.tsx';
import type { ValueCheck } from './check-values.ts';

/** Props of {@link ValuesPreview}. */
export interface ValuesPreviewProps {
  check: ValueCheck;
  /** Rows shown in the table; all sample rows are counted. */
  shown: number;
}

/**
 * How the import would read the sample: a line saying how many rows it would take and reject
 * (and why, by column), then the first rows as read (the purchase time and amount as the import
 * understands them) with the reason for each rejection.
 */
export function ValuesPreview({ check, shown }: ValuesPreviewProps) {
  if (check.sampled === 0) return null;
  const { hasAmounts } = check;
  const taken = check.sampled - check.rejected;
  return (
    <>
      <p className={check.rejected > 0 ? 'read-summary warning' : 'read-summary'} aria-live="polite">
        Of the first {formatCount(check.sampled)} rows, {formatCount(taken)} {taken === 1 ? 'is' : 'are'} read
        and {formatCount(check.rejected)} would be rejected
        {check.rejected === 0 ? '.' : ':'}
      </p>
      {check.rejections.length > 0 && (
        <ul className="notes">
          {check.rejections.map((rejection) => (
            <li key={rejection.column}>
              “{rejection.column}”: {formatCount(rejection.rows)} {rejection.rows === 1 ? 'row' : 'rows'} (
              {rejection.example})
            </li>
          ))}
        </ul>
      )}
      <TableScroll label="How the first rows are read">
        <table className="compact values-preview">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Purchased at</th>
              {hasAmounts && <th scope="col">Amount</th>}
              <th scope="col">Read</th>
            </tr>
          </thead>
          <tbody>
            {check.rows.slice(0, shown).map((row) => (
              <tr key={row.line} className={row.issues.length > 0 ? 'invalid' : undefined}>
                <td className="num">{row.line}</td>
                <td>{row.purchasedAt ?? <span className="muted">not read</span>}</td>
                {hasAmounts && <td className="num">{row.amount ?? <span className="muted">—</span>}</td>}
                <td className="reason">
                  {row.issues.length === 0 ? 'OK' : `Rejected: ${row.issues.join('; ')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
