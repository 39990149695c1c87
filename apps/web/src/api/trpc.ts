import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@upsell/api';

/** tRPC's TanStack Query integration, typed by the server's router (a type import only). */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
