/**
 * The values an input suggests as one types (a `<datalist>`); the input names it with `list={id}`.
 *
 * @example
 * <input list="zones" /><Suggestions id="zones" values={['UTC', 'Europe/Paris']} />
 */
export function Suggestions({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
  );
}
