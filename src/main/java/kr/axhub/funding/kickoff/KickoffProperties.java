package kr.axhub.funding.kickoff;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of each R&amp;D task's kickoff ({@code axhub.kickoff.*}). The minimum call period (30 days) and the
 * minimum evaluation panel (5 members) are general practice rather than figures confirmed in the law, so they are
 * configurable; the defaults apply when nothing is configured.
 *
 * @param minimumCallDays days from the call's opening to its closing date, at least
 * @param minimumPanelSize panel members left after the conflict-of-interest check, at least
 */
@ConfigurationProperties("axhub.kickoff")
public record KickoffProperties(Integer minimumCallDays, Integer minimumPanelSize) {

  public static final int DEFAULT_MINIMUM_CALL_DAYS = 30;
  public static final int DEFAULT_MINIMUM_PANEL_SIZE = 5;

  public KickoffProperties {
    minimumCallDays = minimumCallDays == null ? DEFAULT_MINIMUM_CALL_DAYS : minimumCallDays;
    minimumPanelSize = minimumPanelSize == null ? DEFAULT_MINIMUM_PANEL_SIZE : minimumPanelSize;
    if (minimumCallDays < 1 || minimumPanelSize < 1) {
      throw new IllegalArgumentException("axhub.kickoff.minimum-call-days and minimum-panel-size must be at least 1");
    }
  }

  public static KickoffProperties defaults() {
    return new KickoffProperties(null, null);
  }
}
