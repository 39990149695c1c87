/**
 * The tRPC 11 URL of a non-batched query over GET: `/trpc/<path>?input=<JSON of the input>` (no
 * transformer, so the input is plain JSON).
 *
 * @example
 * trpcQueryUrl('http://localhost:3000', 'metric.query', { dataset: 'bench' });
 * // 'http://localhost:3000/trpc/metric.query?input=%7B%22dataset%22%3A%22bench%22%7D'
 */
export function trpcQueryUrl(baseUrl: string, path: string, input: unknown): string {
  return `${baseUrl.replace(/\/+$/, '')}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}
