import type { ReactNode } from 'react';

/** Props of {@link DefinitionSummary}. */
export interface DefinitionSummaryProps {
  /** The definition in words ({@link definitionSentence}). */
  sentence: string;
  editing: boolean;
  onToggle(): void;
  /** The id of the element that holds the form, which the Edit button controls. */
  formId: string;
  /** The form, shown while editing. */
  children: ReactNode;
}

/**
 * The definition behind every number, as one line of words with an Edit control that opens the
 * full form below it (and closes it again): the numbers come first, the form only when asked.
 */
export function DefinitionSummary({ sentence, editing, onToggle, formId, children }: DefinitionSummaryProps) {
  return (
    <div className="definition-summary">
      <p className="definition-line">
        <span className="definition-words">{sentence}</span>{' '}
        <button
          type="button"
          className="small-button definition-edit"
          aria-expanded={editing}
          aria-controls={formId}
          aria-label={editing ? 'Done editing the definition' : 'Edit the definition'}
          onClick={onToggle}
        >
          {editing ? 'Done' : 'Edit'}
        </button>
      </p>
      <div id={formId}>{editing && children}</div>
    </div>
  );
}
