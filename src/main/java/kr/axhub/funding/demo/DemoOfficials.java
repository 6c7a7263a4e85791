package kr.axhub.funding.demo;

import java.util.ArrayList;
import java.util.List;
import kr.axhub.funding.identity.OfficialGroups;
import kr.axhub.funding.identity.Regions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo officials: one user per national body and one planner and one director per region, each a member of
 * the candidate group their role acts as; a regional official also of their region's tenant. Creating them twice
 * changes nothing.
 */
class DemoOfficials {

  static final String DEMO_PASSWORD = "demo";
  static final List<String> REGIONS = Regions.ALL;

  private static final Logger LOG = LoggerFactory.getLogger(DemoOfficials.class);

  record Official(String id, String firstName, String lastName, String group, String password) {}

  static List<Official> officials() {
    List<Official> officials = new ArrayList<>();
    officials.add(new Official("admin", "관리자", "Admin", "camunda-admin", "admin"));
    for (String region : REGIONS) {
      officials.add(new Official(region + "-planner", "기획 담당", regionName(region), "region-planners", DEMO_PASSWORD));
      officials.add(new Official(region + "-director", "국장", regionName(region), "region-directors", DEMO_PASSWORD));
    }
    officials.add(new Official("msit-officer", "사무관", "과기정통부", "msit-officers", DEMO_PASSWORD));
    officials.add(new Official("moef-reviewer", "사무관", "기재부", "moef-reviewers", DEMO_PASSWORD));
    officials.add(new Official("cabinet-secretary", "서기", "국무회의", "cabinet-secretariat", DEMO_PASSWORD));
    officials.add(new Official("kistep-reviewer", "연구위원", "KISTEP", "kistep-reviewers", DEMO_PASSWORD));
    officials.add(new Official("agency-officer", "책임", "전문기관", "agency-officers", DEMO_PASSWORD));
    officials.add(new Official("evaluator", "평가위원", "패널", "evaluation-panel", DEMO_PASSWORD));
    officials.add(new Official("lead-institution", "연구책임", "주관기관", "lead-institutions", DEMO_PASSWORD));
    officials.add(new Official("pipeline-manager", "관리자", "사업관리", "pipeline-managers", DEMO_PASSWORD));
    return officials;
  }

  /**
   * A region's official belongs to that region's tenant; national bodies need none of their own, their group is a
   * member of every region's tenant.
   */
  static List<String> tenantsOf(Official official) {
    if (OfficialGroups.isRegional(official.group())) {
      return List.of(official.id().substring(0, official.id().indexOf('-')));
    }
    return List.of();
  }

  static String regionName(String region) {
    return switch (region) {
      case "daegu" -> "대구";
      case "gwangju" -> "광주";
      case "jeonbuk" -> "전북";
      case "gyeongnam" -> "경남";
      default -> region;
    };
  }

  /** Creates the officials missing so far; the groups and tenants exist already (IdentitySetup). */
  static void create(IdentityService identity) {
    int created = 0;
    for (Official official : officials()) {
      if (identity.createUserQuery().userId(official.id()).count() > 0) {
        continue;
      }
      User user = identity.newUser(official.id());
      user.setFirstName(official.firstName());
      user.setLastName(official.lastName());
      user.setEmail(official.id() + "@axhub.example.kr");
      user.setPassword(official.password());
      identity.saveUser(user);
      identity.createMembership(official.id(), official.group());
      for (String tenant : tenantsOf(official)) {
        identity.createTenantUserMembership(tenant, official.id());
      }
      created++;
    }
    if (created > 0) {
      LOG.info("Demo officials created: {} (password '{}', admin 'admin')", created, DEMO_PASSWORD);
    }
  }
}
