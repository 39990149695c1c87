const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A dataset name from a file name: `Shop export 2024.csv` -> `Shop-export-2024`. */
export function nameFromFile(fileName: string): string {
  return fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
}

/**
 * What is wrong with a new dataset's name, in words, or `'exists'` when another dataset has it;
 * undefined when it is fine (or still empty).
 */
export function datasetNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name === '') return undefined;
  if (!NAME_PATTERN.test(name) || name.length > 100)
    return 'Use letters, digits, “.”, “_” and “-” (up to 100), starting with a letter or digit.';
  if (existing.includes(name)) return 'exists';
  return undefined;
}
