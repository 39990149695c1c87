const KEY = 'upsell.token';

/**
 * Where the signed-in API token lives: this tab's session storage by default (gone when the
 * tab closes), or local storage when the user asks to stay signed in.
 */
export const tokenStorage = {
  read(): string | undefined {
    return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY) ?? undefined;
  },
  write(token: string, remember: boolean) {
    (remember ? localStorage : sessionStorage).setItem(KEY, token);
  },
  clear() {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(KEY);
  },
};
