import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './detect-delimiter.ts';

describe('detectDelimiter', () => {
  it('finds commas in a plain export', () => {
    expect(detectDelimiter('order_id,customer_id,amount\nA1,C1,10.50\nA2,C2,3.00\n')).toBe(',');
  });

  it('finds semicolons in a European export with decimal commas inside quotes', () => {
    expect(detectDelimiter('order_id;customer_id;amount\nA1;C1;"10,50"\nA2;C2;"3,00"\n')).toBe(';');
  });

  it('finds semicolons when unquoted decimal commas make the comma count vary', () => {
    expect(detectDelimiter('order_id;amount;quantity\nA1;10,50;2\nA2;3;1\n')).toBe(';');
  });

  it('finds tabs even when the text holds commas', () => {
    expect(detectDelimiter('name\tnote\tamount\nAda\thello, world\t1\nBob\tx\t2\n')).toBe('\t');
  });

  it('answers a comma for a single column', () => {
    expect(detectDelimiter('order_id\nA1\nA2\n')).toBe(',');
  });

  it('answers a comma for an empty sample', () => {
    expect(detectDelimiter('')).toBe(',');
  });

  it('answers a comma when comma and semicolon are equally consistent', () => {
    expect(detectDelimiter('a,b;c\n1,2;3\n')).toBe(',');
  });

  it('ignores delimiters inside quoted fields, even across lines', () => {
    expect(detectDelimiter('a;b\n"x,\ny,z";1\n"p,q";2\n')).toBe(';');
  });

  it('accepts bytes as well as text', () => {
    expect(detectDelimiter(new TextEncoder().encode('a\tb\r\n1\t2\r\n'))).toBe('\t');
  });

  it('rejects a sample that is neither text nor bytes', () => {
    // @ts-expect-error: a number is not a sample
    expect(() => detectDelimiter(42)).toThrow(/detectDelimiter/);
  });
});
