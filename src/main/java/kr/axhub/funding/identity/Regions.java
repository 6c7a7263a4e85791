package kr.axhub.funding.identity;

import java.util.List;

/** The regions designated as AX hubs. Each is a Camunda tenant: its programmes, tasks and history belong to it. */
public final class Regions {

  public static final List<String> ALL = List.of("daegu", "gwangju", "jeonbuk", "gyeongnam");

  private Regions() {}

  public static String koreanName(String region) {
    return switch (region) {
      case "daegu" -> "대구광역시";
      case "gwangju" -> "광주광역시";
      case "jeonbuk" -> "전북특별자치도";
      case "gyeongnam" -> "경상남도";
      default -> region;
    };
  }

  public static boolean isRegion(Object value) {
    return value instanceof String region && ALL.contains(region);
  }
}
