/** Collects a statement's values and hands out their placeholders (`$1`, `$2`, ...). */
export interface ParamList {
  /** The placeholder of a value, reusing the one of an equal value. */
  add(value: string | number): number;
  readonly values: (string | number)[];
}

/**
 * A fresh list of parameters.
 *
 * @example
 * const params = createParamList();
 * params.add('Europe/Paris') // 1
 */
export function createParamList(): ParamList {
  const values: (string | number)[] = [];
  return {
    values,
    add(value) {
      const at = values.indexOf(value);
      if (at >= 0) return at + 1;
      values.push(value);
      return values.length;
    },
  };
}
