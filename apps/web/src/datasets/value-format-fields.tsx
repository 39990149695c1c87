import {
  DATE_FORMAT_WORDS,
  type DateFormat,
  type FileValueFormats,
  NUMBER_FORMAT_WORDS,
  type NumberFormat,
} from '@upsell/core';
import { useId } from 'react';
import { type Choice, ChoiceField } from '../ui/choice-field.tsx';
import type { FormatAmbiguity } from './check-values.ts';

/** The formats chosen in the form: `auto` is detected from the file, as the server does. */
export interface FormatChoices {
  date: DateFormat | 'auto';
  number: NumberFormat | 'auto';
}

/** Props of {@link ValueFormatFields}. */
export interface ValueFormatFieldsProps {
  choices: FormatChoices;
  /** What the file's first rows are read with, to name what `auto` found. */
  read: FileValueFormats | undefined;
  ambiguity: FormatAmbiguity | undefined;
  onChange(choices: FormatChoices): void;
}

const DATE_EXAMPLES: Record<DateFormat, string> = {
  iso: '2024-03-07',
  dmy: '07/03/2024',
  mdy: '03/07/2024',
  ymd: '2024/03/07',
  serial: '45358',
};

const NUMBER_EXAMPLES: Record<NumberFormat, string> = { point: '1,234.50', comma: '1.234,50' };

const capital = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

function dateOptions(found: DateFormat | undefined): Choice<FormatChoices['date']>[] {
  return [
    { value: 'auto', label: `Detect from the file${found ? ` (${DATE_FORMAT_WORDS[found]})` : ''}` },
    ...(Object.keys(DATE_EXAMPLES) as DateFormat[]).map((format) => ({
      value: format,
      label: `${capital(DATE_FORMAT_WORDS[format])}: ${DATE_EXAMPLES[format]}`,
    })),
  ];
}

function numberOptions(found: NumberFormat | undefined): Choice<FormatChoices['number']>[] {
  return [
    { value: 'auto', label: `Detect from the file${found ? ` (${NUMBER_FORMAT_WORDS[found]})` : ''}` },
    ...(Object.keys(NUMBER_EXAMPLES) as NumberFormat[]).map((format) => ({
      value: format,
      label: `${capital(NUMBER_FORMAT_WORDS[format])}: ${NUMBER_EXAMPLES[format]}`,
    })),
  ];
}

/**
 * How the file writes dates and amounts: detected from its first rows unless chosen. When the
 * rows read two ways (every day 12 or less, say), the form says so with the values in question
 * and waits for a choice: a date is never guessed.
 */
export function ValueFormatFields({ choices, read, ambiguity, onChange }: ValueFormatFieldsProps) {
  const id = useId();
  const dateAmbiguous = ambiguity?.field === 'purchased_at';
  return (
    <div className="value-formats">
      {ambiguity && (
        <p className="field-error" role="alert">
          The {dateAmbiguous ? 'dates' : 'numbers'} in “{ambiguity.column}” can be read as{' '}
          {ambiguity.choices
            .map((choice) =>
              dateAmbiguous
                ? DATE_FORMAT_WORDS[choice as DateFormat]
                : NUMBER_FORMAT_WORDS[choice as NumberFormat],
            )
            .join(' or ')}{' '}
          (e.g. {ambiguity.examples.join(', ')}): choose which one the file means.
        </p>
      )}
      <ChoiceField
        id={`${id}-date`}
        label="Dates"
        options={dateOptions(choices.date === 'auto' ? read?.date : undefined)}
        value={choices.date}
        onChange={(date) => onChange({ ...choices, date })}
      />
      <ChoiceField
        id={`${id}-number`}
        label="Amounts"
        options={numberOptions(choices.number === 'auto' ? read?.number : undefined)}
        value={choices.number}
        onChange={(number) => onChange({ ...choices, number })}
        hint={read?.currency ? `In ${read.currency}, as the amounts say.` : undefined}
      />
    </div>
  );
}
