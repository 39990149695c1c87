import { TableScroll } from '../ui/table-scroll.tsx';
import type { FilePreview } from './read-preview.ts';

/** The first rows of a file as read in the browser, with their line numbers. */
export function RowsPreview({ preview }: { preview: FilePreview }) {
  return (
    <TableScroll label="First rows of the file">
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">Line</th>
            {preview.header.map((name, index) => (
              <th key={index} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line}>
              <td className="num">{row.line}</td>
              {preview.header.map((_, index) => (
                <td key={index}>{row.fields[index] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
