import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline } from './sparkline.tsx';

describe('Sparkline', () => {
  it('draws one point per value, the highest at the top and the last marked', () => {
    const { container } = render(<Sparkline values={[1, 3, 2]} width={100} height={20} />);
    const points = container.querySelector('polyline')?.getAttribute('points')?.split(' ');
    // x from 3 to 97 in two steps; y from 17 (lowest) to 3 (highest).
    expect(points).toEqual(['3.0,17.0', '50.0,3.0', '97.0,10.0']);
    expect(container.querySelector('circle')).toHaveAttribute('cx', '97');
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it('draws a baseline inside the range and leaves non-finite values out', () => {
    const { container } = render(
      <Sparkline values={[-1, Number.NaN, 1]} width={100} height={20} baseline={0} />,
    );
    expect(container.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect(container.querySelector('line')).toHaveAttribute('y1', '10');
  });

  describe('edge cases', () => {
    it('draws nothing for fewer than two values', () => {
      expect(render(<Sparkline values={[0.2]} />).container.firstChild).toBeNull();
      expect(render(<Sparkline values={[]} />).container.firstChild).toBeNull();
    });

    it('draws a flat line for equal values', () => {
      const { container } = render(<Sparkline values={[2, 2]} width={100} height={20} />);
      expect(container.querySelector('polyline')?.getAttribute('points')).toBe('3.0,17.0 97.0,17.0');
    });
  });
});
