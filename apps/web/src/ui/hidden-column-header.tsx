/**
 * A column header read by screen readers only, for a column of buttons or links whose own words
 * say what they do ("Actions", "Drill-down").
 *
 * @example
 * <tr><th scope="col">Name</th><HiddenColumnHeader label="Actions" /></tr>
 */
export function HiddenColumnHeader({ label }: { label: string }) {
  return (
    <th scope="col">
      <span className="visually-hidden">{label}</span>
    </th>
  );
}
