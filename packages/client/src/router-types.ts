import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@upsell/api';

/** Every procedure's input, by router and procedure: `RouterInputs['metric']['query']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Every procedure's output, by router and procedure: `RouterOutputs['dataset']['byId']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
