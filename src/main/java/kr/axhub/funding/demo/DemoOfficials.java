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

  /**
   * Tasklist shows "first last"; a Korean official reads the organisation before the role ("경남 국장"), so the
   * organisation is the first name and the role the last.
   */
  record Official(String id, String firstName, String lastName, String group, String password) {}

  static List<Official> officials() {
    List<Official> officials = new ArrayList<>();
    officials.add(new Official("admin", "Admin", "관리자", "camunda-admin", "admin"));
    for (String region : REGIONS) {
      officials.add(new Official(region + "-planner", regionName(region), "기획 담당", "region-planners", DEMO_PASSWORD));
      officials.add(new Official(region + "-director", regionName(region), "국장", "region-directors", DEMO_PASSWORD));
    }
    officials.add(new Official("msit-officer", "과기정통부", "사무관", "msit-officers", DEMO_PASSWORD));
    officials.add(new Official("moef-reviewer", "기재부", "사무관", "moef-reviewers", DEMO_PASSWORD));
    officials.add(new Official("cabinet-secretary", "국무회의", "서기", "cabinet-secretariat", DEMO_PASSWORD));
    officials.add(new Official("kistep-reviewer", "KISTEP", "연구위원", "kistep-reviewers", DEMO_PASSWORD));
    officials.add(new Official("agency-officer", "전문기관", "책임", "agency-officers", DEMO_PASSWORD));
    officials.add(new Official("evaluator", "패널", "평가위원", "evaluation-panel", DEMO_PASSWORD));
    officials.add(new Official("lead-institution", "주관기관", "연구책임", "lead-institutions", DEMO_PASSWORD));
    officials.add(new Official("pipeline-manager", "사업관리", "관리자", "pipeline-managers", DEMO_PASSWORD));
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
