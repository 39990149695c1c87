import { ControlField } from '../ui/control-field.tsx';
import type { SavedDefinition } from './api-types.ts';
import { type DashboardDefinition, fromDefinitionInput, sameDefinition } from './dashboard-definition.ts';

/** Props of {@link SavedDefinitionField}. */
export interface SavedDefinitionFieldProps {
  id: string;
  definition: DashboardDefinition;
  saved: readonly SavedDefinition[];
  /** A saved definition was picked: its fields replace the definition. */
  onChange(definition: DashboardDefinition): void;
}

/** The saved definitions to fill the controls from, showing the one the controls match, if any. */
export function SavedDefinitionField({ id, definition, saved, onChange }: SavedDefinitionFieldProps) {
  const current = saved.find((s) => sameDefinition(fromDefinitionInput(s.definition), definition));
  return (
    <ControlField id={id} label="Saved definition">
      <select
        id={id}
        value={current?.id ?? ''}
        onChange={(event) => {
          const pick = saved.find((s) => s.id === event.target.value);
          if (pick) onChange(fromDefinitionInput(pick.definition));
        }}
      >
        <option value="">{current ? '' : 'Custom (not saved)'}</option>
        {saved.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </ControlField>
  );
}
