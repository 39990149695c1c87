import { octetInputParser } from '@trpc/server/http';

/**
 * tRPC's `octetInputParser` (over HTTP the body arrives as a stream), which also takes a `Blob` or
 * bytes as they are, so `createCaller` can upload without HTTP in between.
 *
 * @example
 * analystProcedure.input(uploadInput).mutation(({ input }) => store.receiveUpload(input));
 */
export const uploadInput: typeof octetInputParser = {
  ...octetInputParser,
  parse(input) {
    if (input instanceof Blob) return input.stream();
    if (input instanceof Uint8Array) return new Blob([input.slice()]).stream();
    return octetInputParser.parse(input);
  },
};
