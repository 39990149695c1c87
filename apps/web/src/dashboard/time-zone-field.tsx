import { CommitInput } from '../ui/commit-input.tsx';
import { ControlField } from '../ui/control-field.tsx';
import { Suggestions } from '../ui/suggestions.tsx';

const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** The definition's time zone, typed with the browser's zones as suggestions; applied on Enter or blur. */
export function TimeZoneField({
  id,
  value,
  onCommit,
}: {
  id: string;
  value: string;
  onCommit(timeZone: string): void;
}) {
  return (
    <ControlField id={id} label="Time zone">
      <CommitInput
        id={id}
        value={value}
        list={`${id}-list`}
        autoComplete="off"
        spellCheck={false}
        validate={(text) =>
          text.trim() === '' ? 'Enter a time zone such as Europe/Paris or UTC.' : undefined
        }
        onCommit={(timeZone) => onCommit(timeZone.trim())}
      />
      <Suggestions id={`${id}-list`} values={TIME_ZONES} />
    </ControlField>
  );
}
