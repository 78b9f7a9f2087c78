/**
 * Spike detection: a bar whose range is far beyond the median range of the bars accepted
 * just before it, and large in absolute terms, is a bad print, not a market move. The
 * thresholds are set so real news bars pass: on the 2024–2025 NQ 1-minute files, CPI,
 * payrolls and FOMC minutes reach 1.0–1.4% ranges at 40–50× the quiet median before them,
 * so a spike must exceed both 50× the median and 3% of the price. Ring buffer + a scratch
 * array for the median: no allocation per bar.
 */
export class SpikeFilter {
  private readonly ring: Float64Array;
  private readonly scratch: Float64Array;
  private n = 0;
  private next = 0;

  constructor(
    /** Range must exceed this multiple of the median… */
    private readonly factor = 50,
    /** …and this fraction of the price. */
    private readonly minFraction = 0.03,
    window = 64,
    private readonly warmup = 20,
  ) {
    this.ring = new Float64Array(window);
    this.scratch = new Float64Array(window);
  }

  /** True when a bar with this range at this price is a spike (relative to accepted bars). */
  isSpike(range: number, price: number): boolean {
    if (this.n < this.warmup || range <= price * this.minFraction) return false;
    return range > this.factor * this.median();
  }

  /** Records the range of an accepted bar. */
  accept(range: number): void {
    this.ring[this.next] = range;
    this.next = (this.next + 1) % this.ring.length;
    if (this.n < this.ring.length) this.n++;
  }

  private median(): number {
    const m = this.n;
    this.scratch.set(this.ring.subarray(0, m));
    const view = this.scratch.subarray(0, m);
    view.sort();
    return m % 2 === 1
      ? (view[(m - 1) >> 1] as number)
      : ((view[m / 2 - 1] as number) + (view[m / 2] as number)) / 2;
  }
}
