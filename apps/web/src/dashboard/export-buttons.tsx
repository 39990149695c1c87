import { type RefObject, useState } from 'react';
import { downloadChartPng } from './chart-png.ts';
import { downloadCsv } from './download.ts';

/** Props of {@link ExportButtons}. */
export interface ExportButtonsProps {
  /** File name without extension. */
  fileName: string;
  /** The CSV of the table the section shows (made on click). */
  csv(): string;
  /** Where the chart's SVG is; no PNG button without it. */
  chart?: RefObject<HTMLElement | null>;
  /** Drawn above the chart in the PNG. */
  title: string;
}

/** "Export CSV" of the section's table and "Export PNG" of its chart. */
export function ExportButtons({ fileName, csv, chart, title }: ExportButtonsProps) {
  const [problem, setProblem] = useState<string | undefined>();
  const png = async () => {
    const svg = chart?.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return setProblem('Show the chart to export it as an image.');
    setProblem(undefined);
    try {
      await downloadChartPng(svg, `${fileName}.png`, { title });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <div className="export-buttons">
      <button type="button" onClick={() => downloadCsv(`${fileName}.csv`, csv())}>
        Export CSV
      </button>
      {chart && (
        <button type="button" onClick={png}>
          Export PNG
        </button>
      )}
      {problem && (
        <span role="alert" className="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}
