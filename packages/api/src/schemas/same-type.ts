/**
 * `true` when A and B are assignable to each other: used to check at compile time that a zod
 * schema written for the OpenAPI document describes exactly a TypeScript type of the store.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Compiles only when given `true`. */
export type Assert<T extends true> = T;
