/** How a section shows its data: a chart or, for everyone who prefers it, the table. */
export type View = 'chart' | 'table';

/** Two toggle buttons, chart and table; the pressed one is the current view. */
export function ViewSwitch({
  view,
  onChange,
  label,
}: {
  view: View;
  onChange(view: View): void;
  label: string;
}) {
  return (
    <fieldset className="view-switch">
      <legend className="visually-hidden">{label}</legend>
      {(['chart', 'table'] as const).map((option) => (
        <button key={option} type="button" aria-pressed={view === option} onClick={() => onChange(option)}>
          {option === 'chart' ? 'Chart' : 'Table'}
        </button>
      ))}
    </fieldset>
  );
}
