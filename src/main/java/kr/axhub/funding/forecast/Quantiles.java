package kr.axhub.funding.forecast;

import java.util.List;

/**
 * The figures a forecast quotes from a sample of durations, defined as the stage statistics define them: the median
 * is the mean of the two middle values of an even count, a percentile the nearest rank (the smallest value that at
 * least that share of the sample does not exceed), so a forecast and the statistics next to it agree.
 */
final class Quantiles {

  private Quantiles() {}

  /** Of an ascending, non-empty sample. */
  static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Of an ascending, non-empty sample; {@code share} between 0 (exclusive) and 1. */
  static long percentile(List<Long> sorted, double share) {
    // The tolerance keeps 0.8 × 5 at rank 4 despite binary fractions.
    int rank = (int) Math.ceil(share * sorted.size() - 1e-9);
    return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
  }
}
