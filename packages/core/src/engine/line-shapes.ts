import type { Purchase } from '../input/purchase.ts';

/** What many lines share: all of a purchase but its customer, order, time, place, amount and quantity. */
export interface LineShape {
  readonly productId: string;
  readonly family: string;
  readonly tier: number;
  readonly kind: Purchase['kind'];
  readonly file: number;
  readonly segment: readonly string[];
}

/** Numbers the shapes of lines; see {@link createLineShapes}. */
export interface LineShapes {
  /** The number of the purchase's shape (0, 1, 2, ... as first met). */
  shapeOf(purchase: Purchase): number;
  /** Shapes by number. */
  readonly shapes: readonly LineShape[];
}

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/**
 * Numbers the shapes of lines: a product with its family and tier, a kind, a file and the
 * segment values. An input has a few hundred of them (products times channels, say) for
 * millions of lines, so a replay keeps one number a line (a byte or two) for six fields, and
 * reads one column rather than six when it gives the lines back. Texts are numbered first
 * (a map each, of the few distinct values), then the shape by those numbers in a small table.
 * Numbers compare as `Object.is` does: NaN is one tier, -0 and 0 are two.
 *
 * @example
 * const shapes = createLineShapes();
 * const shape = shapes.shapeOf(purchase);
 * shapes.shapes[shape].productId // purchase.productId
 */
export function createLineShapes(): LineShapes {
  const shapes: LineShape[] = [];
  // The shapes' text numbers: product, family, kind (0 for none) and each segment value.
  const shapeCodes: Int32Array[] = [];
  const textCodes = (): Map<string, number> => new Map();
  const products = textCodes();
  const families = textCodes();
  const kinds = textCodes();
  const segmentValues: Map<string, number>[] = [];
  const codeOf = (texts: Map<string, number>, text: string): number => {
    let code = texts.get(text);
    if (code === undefined) {
      code = texts.size;
      texts.set(text, code);
    }
    return code;
  };
  let codes = new Int32Array(8);
  // Pairs of (hash, shape + 1), 0 for a free slot.
  let slots = new Int32Array(2 * 256);
  let mask = 255;

  const mix = (h: number, value: number): number => Math.imul(h ^ value, 0x01000193);
  const mixNumber = (h: number, value: number): number => {
    scratch[0] = value;
    return mix(mix(h, words[0]!), words[1]!);
  };
  const grow = () => {
    const old = slots;
    slots = new Int32Array(old.length * 2);
    mask = (slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[s]!;
      slots[2 * slot + 1] = old[s + 1]!;
    }
  };
  const sameShape = (shape: number, size: number, tier: number, file: number): boolean => {
    const held = shapeCodes[shape]!;
    const s = shapes[shape]!;
    if (held.length !== size || !Object.is(s.tier, tier) || !Object.is(s.file, file)) return false;
    for (let k = 0; k < size; k++) if (held[k] !== codes[k]) return false;
    return true;
  };

  return {
    shapes,
    shapeOf(p) {
      const segment = p.segment;
      const size = 3 + segment.length;
      if (codes.length < size) codes = new Int32Array(size * 2);
      codes[0] = codeOf(products, p.productId);
      codes[1] = codeOf(families, p.family);
      codes[2] = p.kind === undefined ? 0 : codeOf(kinds, p.kind) + 1;
      while (segmentValues.length < segment.length) segmentValues.push(textCodes());
      for (let s = 0; s < segment.length; s++) codes[3 + s] = codeOf(segmentValues[s]!, segment[s]!);
      let hash = mixNumber(mixNumber(0x811c9dc5, p.tier), p.file);
      for (let k = 0; k < size; k++) hash = mix(hash, codes[k]!);
      hash ^= hash >>> 15;
      let slot = hash & mask;
      for (let held = slots[2 * slot + 1]!; held !== 0; held = slots[2 * slot + 1]!) {
        if (slots[2 * slot] === hash && sameShape(held - 1, size, p.tier, p.file)) return held - 1;
        slot = (slot + 1) & mask;
      }
      const shape = shapes.length;
      shapes.push({
        productId: p.productId,
        family: p.family,
        tier: p.tier,
        kind: p.kind,
        file: p.file,
        segment: [...segment],
      });
      shapeCodes.push(codes.slice(0, size));
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = shape + 1;
      if (shapes.length * 4 > (mask + 1) * 3) grow();
      return shape;
    },
  };
}
