/** The field separators the reader understands. */
export type Delimiter = ',' | ';' | '\t';

/**
 * One row as byte ranges into a shared buffer, so fields nobody reads are never decoded.
 *
 * Valid only during the `onRow` callback: the buffer and the arrays are reused for the next row.
 */
export interface RowView {
  /** Bytes of the row's fields live here. */
  buf: Uint8Array;
  /** Number of fields in this row. */
  count: number;
  /** `starts[i]..ends[i]` are field i's bytes in `buf`, without the surrounding quotes. */
  starts: Int32Array;
  ends: Int32Array;
  /** `escaped[i]` is 1 when field i contains doubled quotes `""` that need unescaping. */
  escaped: Uint8Array;
  /**
   * True when the reader found every byte of the row to be ASCII and no quote in it, so each
   * field's text is its bytes as they are; false when it did not look (the tokenizer does not).
   */
  plain: boolean;
  /** 1-based physical line where the row starts; newlines inside quoted fields count as lines. */
  line: number;
  /** Byte offset of the row start in the whole input, counted after a leading UTF-8 BOM is removed. */
  byteOffset: number;
}

/** Something malformed in the input, reported without stopping the read. */
export interface CsvIssue {
  /** 1-based physical line where the problem is. */
  line: number;
  /** 1-based field number within the row. */
  column: number;
  /** What is wrong, in plain words. */
  reason: string;
}
