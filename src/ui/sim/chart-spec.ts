/** What a live chart draws: one metric over the 600-sample window, a line per selected volume. */

export interface ChartLine {
  /** Stable per volume and metric (`<ldevId>:<metric>`). */
  key: string;
  label: string;
  color: string;
  dashed: boolean;
  /** One value per sample time; NaN where the sample has no value (drawn as a gap). */
  values: Float64Array;
}

export interface ChartSpec {
  title: string;
  unit: string;
  /** Sample times (simulated seconds), oldest first; every line's values align with them. */
  t: Float64Array;
  lines: ChartLine[];
  /** Fixed y range (e.g. 0–100 for percentages); otherwise 0 … max. */
  yMax?: number;
}
