export { TRPCClientError } from '@trpc/client';
export * from './create-upsell-client.ts';
export * from './router-types.ts';
export * from './upsell-client-error.ts';
