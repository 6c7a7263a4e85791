package kr.axhub.funding.reporting;

/**
 * How long programmes stay in one stage, over the finished visits of the programmes selected: the median (the mean
 * of the two middle values when their number is even), the 90th percentile (nearest rank: the smallest duration
 * that at least 90% of the visits do not exceed) and the longest. {@code waitingNow} counts programmes that stand in
 * the stage at this moment, so a stage that holds programmes back shows even before anyone has left it.
 */
public record StageStatistics(Stage stage, String stageLabel, int count, int programmes, Long medianMillis,
    Long p90Millis, Long maxMillis, Double medianDays, Double p90Days, Double maxDays, int waitingNow) {}
