import { vi } from 'vitest';
import { answer, type FakeCall, type FakeResponses } from './fake-responses.ts';

type Handler = ((event: ProgressEvent) => void) | null;

function progress(loaded: number, total: number): ProgressEvent {
  return { loaded, total, lengthComputable: true } as ProgressEvent;
}

/**
 * Replaces `XMLHttpRequest` (uploads use it for their progress) for this test with one that
 * reports upload progress in two steps and answers from `responses`. The setup file restores it.
 */
export function installFakeXhr(responses: FakeResponses, calls: FakeCall[]): void {
  class FakeXhr {
    readonly upload: { onprogress: Handler } = { onprogress: null };
    onload: Handler = null;
    onerror: Handler = null;
    onabort: Handler = null;
    status = 0;
    responseText = '';
    readonly headers: Record<string, string> = {};
    private url = '';
    private aborted = false;

    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }
    abort() {
      this.aborted = true;
      this.onabort?.(progress(0, 0));
    }
    send(body: Blob) {
      const path = decodeURIComponent(
        new URL(this.url, window.location.origin).pathname.replace(/^.*\/trpc\//, ''),
      );
      calls.push({ path, input: body, headers: this.headers });
      const size = body.size;
      void (async () => {
        this.upload.onprogress?.(progress(Math.floor(size / 2), size));
        await Promise.resolve();
        if (this.aborted) return;
        this.upload.onprogress?.(progress(size, size));
        const result = await answer(responses, path, body);
        if (this.aborted) return;
        this.status = result.status;
        this.responseText = JSON.stringify(result.body);
        this.onload?.(progress(size, size));
      })();
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
}
