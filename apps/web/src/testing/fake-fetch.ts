import { answer, type FakeCall, type FakeResponses } from './fake-responses.ts';

function parseJson(text: string | null): unknown {
  return text === null || text === '' ? undefined : JSON.parse(text);
}

/**
 * A `fetch` that answers tRPC's HTTP calls (batched or not, GET or POST) from `responses`,
 * recording each call in `calls`.
 */
export function fakeFetch(responses: FakeResponses, calls: FakeCall[]): typeof globalThis.fetch {
  return async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const paths = decodeURIComponent(url.pathname.replace(/^.*\/trpc\//, '')).split(',');
    const batched = url.searchParams.has('batch');
    const body = init?.body;
    const raw =
      init?.method === 'POST'
        ? typeof body === 'string'
          ? parseJson(body)
          : body
        : parseJson(url.searchParams.get('input'));
    const inputs = paths.map((_, index) =>
      batched ? (raw as Record<string, unknown> | undefined)?.[String(index)] : raw,
    );
    const answers = await Promise.all(
      paths.map((path, index) => {
        calls.push({ path, input: inputs[index] });
        return answer(responses, path, inputs[index]);
      }),
    );
    const status = batched
      ? answers.every((a) => a.status === 200)
        ? 200
        : 207
      : (answers[0]?.status ?? 500);
    const json = batched ? answers.map((a) => a.body) : answers[0]?.body;
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  };
}
