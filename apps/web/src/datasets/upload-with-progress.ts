import type { RouterOutputs } from '@upsell/client';
import { TRPCClientError } from '@upsell/client';

/** What `dataset.upload` answers: where the bytes are kept, for `dataset.import`. */
export type Upload = RouterOutputs['dataset']['upload'];

/** Options of {@link uploadWithProgress}. */
export interface UploadOptions {
  /** The API token, sent as a bearer token. */
  token: string;
  /** Bytes sent so far, of the file's size. */
  onProgress?: (sent: number, total: number) => void;
  /** Aborts the upload; the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** The server's origin. Default: the page's. */
  origin?: string;
}

/**
 * Sends a file to `dataset.upload` as the request body, reporting progress as it goes. It uses
 * XMLHttpRequest because fetch reports no upload progress. A failure rejects with the same error
 * the tRPC client gives (`isUpsellClientError`), so it is shown like any other.
 *
 * @example
 * const { uploadId } = await uploadWithProgress(file, { token, onProgress: (sent, total) => setShare(sent / total) });
 */
export function uploadWithProgress(file: Blob, options: UploadOptions): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const origin = options.origin ?? window.location.origin;
    xhr.open('POST', `${origin}/trpc/dataset.upload`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Authorization', `Bearer ${options.token}`);
    xhr.upload.onprogress = (event) => {
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    xhr.onload = () => {
      let body: { result?: { data?: Upload }; error?: unknown } | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      const data = body?.result?.data;
      if (xhr.status >= 200 && xhr.status < 300 && data !== undefined) resolve(data);
      else if (body?.error !== undefined)
        reject(TRPCClientError.from(body as Parameters<typeof TRPCClientError.from>[0]));
      else reject(TRPCClientError.from(new Error(`The upload failed (HTTP ${xhr.status})`)));
    };
    xhr.onerror = () => reject(TRPCClientError.from(new Error('The upload could not reach the server')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
