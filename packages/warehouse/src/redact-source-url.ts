/**
 * A source's address safe to print or return: a URL's password (in the userinfo, or a
 * `password` query parameter) replaced by `***`. A URL that does not parse is returned with
 * everything between `://` and `@` hidden, so a malformed address with a password in it is not
 * printed either.
 *
 * @example
 * redactSourceUrl('postgres://app:s3cret@db:5432/shop') // 'postgres://app:***@db:5432/shop'
 * redactSourceUrl('duckdb:/data/shop.duckdb') // 'duckdb:/data/shop.duckdb'
 */
export function redactSourceUrl(address: string): string {
  if (!address.includes('://')) return address;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return address.replace(/:\/\/[^/]*@/, '://***@');
  }
  if (url.password !== '') url.password = '***';
  for (const key of [...url.searchParams.keys()]) {
    if (key.toLowerCase() === 'password') url.searchParams.set(key, '***');
  }
  // URL escapes the stars it was given; they are meant to be read.
  return url.href.replaceAll('%2A%2A%2A', '***');
}
