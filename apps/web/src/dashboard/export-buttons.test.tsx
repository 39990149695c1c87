import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metricRowsCsv } from './csv.ts';
import { ExportButtons } from './export-buttons.tsx';
import { metricRow } from './testing/fixtures.ts';

describe('ExportButtons', () => {
  afterEach(() => vi.restoreAllMocks());

  it('downloads the table as CSV, formula-looking segment values defused', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const rows = [metricRow('2024-Q3', 12, 100, { segment: { channel: '=HYPERLINK("http://evil")' } })];
    render(
      <ExportButtons fileName="shop-by-channel" csv={() => metricRowsCsv(rows, ['channel'])} title="t" />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(clicks).toEqual(['shop-by-channel.csv']);
    // jsdom's Blob has no text(); keep the BOM to check it is there.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blobs[0]!.arrayBuffer());
    expect(text.startsWith('\uFEFFperiod,channel,')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^2024-Q3,"'=HYPERLINK\(""http:\/\/evil""\)",12,100,0\.12,/);
  });

  it('asks for the chart view before a PNG when no chart is drawn', async () => {
    const empty = { current: document.createElement('div') };
    render(<ExportButtons fileName="x" csv={() => ''} chart={empty} title="t" />);
    await userEvent.click(screen.getByRole('button', { name: 'Export PNG' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Show the chart to export it as an image.');
  });
});
