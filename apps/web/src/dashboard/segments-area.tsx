import type { ReactNode } from 'react';
import { ErrorPanel } from '../ui/error-panel.tsx';
import type { DatasetDimension } from './api-types.ts';
import { ComputingNotice } from './computing-notice.tsx';
import { SegmentPrompt } from './segment-section.tsx';

/** The state of the segmented numbers' query, as TanStack Query gives it. */
export interface SegmentsQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch(): unknown;
}

/** Props of {@link SegmentsArea}. */
export interface SegmentsAreaProps<T> {
  /** The dimensions segmented by; none: the prompt to choose one. */
  by: readonly string[];
  dimensions: readonly DatasetDimension[];
  onChoose(dimension: string): void;
  query: SegmentsQuery<T>;
  /** The segments' section once their numbers have come. */
  children(data: T): ReactNode;
}

/**
 * A dashboard's segments, purchase or subscription: before a dimension is chosen, the dataset's
 * dimensions one click each; then the computing notice, the failure with its retry, or the section.
 *
 * @example
 * <SegmentsArea by={by} dimensions={dims} onChoose={choose} query={segmented}>{(data) => <SegmentSection ... />}</SegmentsArea>
 */
export function SegmentsArea<T>({ by, dimensions, onChoose, query, children }: SegmentsAreaProps<T>) {
  if (by.length === 0) return <SegmentPrompt dimensions={dimensions} onChoose={onChoose} />;
  if (query.isPending) return <ComputingNotice blocks={1} />;
  if (query.isError || query.data === undefined)
    return (
      <ErrorPanel
        title={`Could not compute the segments by ${by.join(' and ')}`}
        error={query.error}
        onRetry={() => query.refetch()}
      />
    );
  return children(query.data);
}
