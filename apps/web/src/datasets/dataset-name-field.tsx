import { Link } from '../layout/link.tsx';

/** Props of {@link DatasetNameField}. */
export interface DatasetNameFieldProps {
  id: string;
  name: string;
  /** From `datasetNameProblem`: words, `'exists'`, or undefined. */
  problem: string | undefined;
  onChange(name: string): void;
}

/**
 * The new dataset's name, with what is wrong with it, or, when another dataset has it, a link to
 * append the file to that one; otherwise where the name appears.
 */
export function DatasetNameField({ id, name, problem, onChange }: DatasetNameFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>Dataset name</label>
      <input
        id={id}
        value={name}
        onChange={(event) => onChange(event.target.value.trim())}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
      />
      {problem === 'exists' ? (
        <p id={`${id}-hint`} className="field-error">
          A dataset named {name} exists: choose another name, or{' '}
          <Link to={`/datasets/${encodeURIComponent(name)}/append`}>append this file to it</Link>.
        </p>
      ) : problem ? (
        <p id={`${id}-hint`} className="field-error">
          {problem}
        </p>
      ) : (
        <p id={`${id}-hint`} className="hint">
          It appears in links and on the command line (<code>--server … --dataset {name || 'name'}</code>).
        </p>
      )}
    </div>
  );
}
