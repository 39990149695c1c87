import { createContext, type ReactNode, useContext } from 'react';

/** Who is signed in: their token's name and role decide what is shown and allowed. */
export interface Session {
  token: string;
  /** The token's id, as the token list shows it. */
  tokenId: string;
  name: string;
  role: 'admin' | 'analyst' | 'viewer';
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session (inside the signed-in part of the app). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession: not inside a signed-in view');
  return session;
}

const RANK = { viewer: 0, analyst: 1, admin: 2 } as const;

/** Whether the session's role is at least `role` (admin > analyst > viewer). */
export function useCan(role: Session['role']): boolean {
  return RANK[useSession().role] >= RANK[role];
}
