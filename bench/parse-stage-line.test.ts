import { describe, expect, it } from 'vitest';
import { parseStageLine } from './parse-stage-line.ts';

describe('parseStageLine', () => {
  it('reads a route stage, its peak RSS from KiB to MiB (153,600 KiB = 150 MiB)', () => {
    const stdout =
      '{"stage":"route","seconds":0.5,"maxRssKiB":153600,"bytes":900,"rows":10,"shardRows":[4,6]}\n';
    expect(parseStageLine(stdout, 'route')).toEqual({
      stage: 'route',
      seconds: 0.5,
      peakRssMiB: 150,
      bytes: 900,
      rows: 10,
      shardRows: [4, 6],
    });
  });

  it("keeps the build stage's printed JSON as it came, and reads only the last line", () => {
    const stdout =
      'a warning\n{"stage":"build","seconds":2,"maxRssKiB":2048,"bytes":9,"rows":1,"output":"{\\n  \\"rows\\": []\\n}\\n"}\n';
    expect(parseStageLine(stdout, 'build')).toMatchObject({ peakRssMiB: 2, output: '{\n  "rows": []\n}\n' });
  });

  it('refuses the figures of another stage than the one started', () => {
    const stdout = '{"stage":"read","seconds":0.1,"maxRssKiB":1024,"bytes":9}';
    expect(() => parseStageLine(stdout, 'tokenize')).toThrow(
      /tokenize stage printed the figures of stage "read"/,
    );
  });

  it('refuses a line without a time, a peak RSS or a byte count', () => {
    expect(() => parseStageLine('{"stage":"read","maxRssKiB":1024,"bytes":9}', 'read')).toThrow(/no time/);
    expect(() => parseStageLine('{"stage":"read","seconds":1,"maxRssKiB":0,"bytes":9}', 'read')).toThrow(
      /no peak RSS/,
    );
    expect(() => parseStageLine('{"stage":"read","seconds":1,"maxRssKiB":9}', 'read')).toThrow(
      /no byte count/,
    );
  });

  it('refuses shard counts that are not whole numbers, and output that is not text', () => {
    const base = '"stage":"route","seconds":1,"maxRssKiB":9,"bytes":9';
    expect(() => parseStageLine(`{${base},"shardRows":[1.5,2]}`, 'route')).toThrow(/bad shard counts/);
    expect(() => parseStageLine(`{${base},"output":{}}`, 'route')).toThrow(/no text output/);
  });

  it('says when the child printed nothing readable', () => {
    expect(() => parseStageLine('', 'read')).toThrow(/read stage printed no JSON line/);
  });
});
