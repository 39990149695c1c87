/**
 * Empty arrays already of the kind of elements they will hold. V8 makes `[]` an array of small
 * integers, and the first object (or fractional number) pushed changes its kind. Code optimized
 * while a worker's first pass filled such an array expects the changed kind, and an engine made
 * for the next pass, with new `[]`s, sends it back to the interpreter ("not a Smi") to be
 * compiled again, a few times each pass.
 *
 * @example
 * const pages = emptyObjects<Int32Array>(); // pages.push(new Int32Array(n)) keeps its kind
 */
export function emptyObjects<T>(): T[] {
  const array = [null] as unknown as T[];
  array.pop();
  return array;
}

/** An empty array of numbers that may be fractional or NaN (see {@link emptyObjects}). */
export function emptyDoubles(): number[] {
  const array = [0.5];
  array.pop();
  return array;
}
