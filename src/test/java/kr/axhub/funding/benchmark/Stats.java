package kr.axhub.funding.benchmark;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of a sample: nearest-rank percentiles, as the report tables print them. */
final class Stats {

  private final double[] sorted;

  private Stats(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  static Stats of(Collection<? extends Number> values) {
    return new Stats(values.stream().mapToDouble(Number::doubleValue).toArray());
  }

  static Stats of(double... values) {
    return new Stats(values);
  }

  int count() {
    return sorted.length;
  }

  /** The nearest-rank percentile: the smallest value with at least {@code p} percent of the sample at or below it. */
  double percentile(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double median() {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }
}
