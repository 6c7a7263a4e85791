package kr.axhub.funding.postgres;

import static kr.axhub.funding.pipeline.PipelineElements.PROCESS_KEY;
import static kr.axhub.funding.pipeline.PipelineElements.PROGRAMME_NAME;
import static kr.axhub.funding.pipeline.PipelineElements.REGION;
import static kr.axhub.funding.pipeline.PipelineElements.TASK_APPROVE_PROPOSAL_INTERNALLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import kr.axhub.funding.pipeline.PipelineForms;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.Officials;
import kr.axhub.funding.tasklist.TaskQueryAuthorization;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On PostgreSQL the task query checks authorizations with {@code EXISTS} ({@link TaskQueryAuthorization}); this
 * checks that every official still sees exactly the tasks the authorization model gives them, in Tasklist's filter
 * list and count and in the REST task query, and exactly what Camunda's own statement returns (run on the same data
 * by removing our mapping for a moment): region directors their region's approvals, the ministry every region's
 * reviews, an official with a grant on one task only that task, one with a grant on the process definition's tasks
 * every task of their region, a manager with a grant on every task everything of every region, a director with a
 * revoke on one task all but that one, and the administrator everything.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.database.schema-update=true",
    "axhub.admin.password=" + ApplicationNode.ADMIN_PASSWORD,
    "axhub.notifications.scheduling-enabled=false"})
@ActiveProfiles({"postgres", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskQueryAuthorizationTest {

  private static final EmbeddedPostgres POSTGRES = PostgresContext.start();
  private static final String GROUP_FILTER = "우리 그룹 업무 (My group's tasks)";
  private static final String PASSWORD = Officials.PASSWORD;

  @DynamicPropertySource
  static void postgresProperties(DynamicPropertyRegistry registry) {
    PostgresContext.dataSource(registry, POSTGRES);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Database {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() {
      return POSTGRES;
    }

    @Bean
    static BeanFactoryPostProcessor dataSourceAfterPostgres() {
      return PostgresContext.dataSourceAfterPostgres();
    }
  }


  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  private EngineRest node;
  private String groupFilter;
  /** Open director approvals by region, and the Daegu programme waiting for the ministry. */
  private final Map<String, List<String>> approvals = new LinkedHashMap<>();
  private String ministryReview;
  private String grantedTask;
  private String revokedTask;

  @BeforeAll
  void programmesAndOfficials() {
    node = EngineRest.at(port);
    IdentityService identity = engine.getIdentityService();
    for (String region : List.of("daegu", "gwangju")) {
      Officials.regional(identity, region + "-planner", "region-planners", region);
      Officials.regional(identity, region + "-director", "region-directors", region);
    }
    Officials.regional(identity, "daegu-deputy", "region-directors", "daegu");
    Officials.national(identity, "msit-officer", "msit-officers");
    Officials.national(identity, "pipeline-manager", "pipeline-managers");
    // Officials in groups without open tasks, whose only way to a task is a grant of their own (the panel is a
    // national body, in every region's tenant; the planners' group is in none).
    Officials.national(identity, "task-reader", "evaluation-panel");
    Officials.regional(identity, "daegu-auditor", "region-planners", "daegu");

    approvals.put("daegu", new ArrayList<>());
    approvals.put("gwangju", new ArrayList<>());
    for (int i = 1; i <= 4; i++) {
      approvals.get("daegu").add(start("AX-DAEGU-" + (2100 + i), "daegu"));
    }
    for (int i = 1; i <= 3; i++) {
      approvals.get("gwangju").add(start("AX-GWANGJU-" + (2100 + i), "gwangju"));
    }
    // One Daegu programme approved by its director: now the ministry's review.
    String approved = approvals.get("daegu").remove(0);
    as("daegu-director", List.of("region-directors"), List.of("daegu"),
        () -> engine.getTaskService().complete(approved, PipelineForms.internalApproval("APPROVE", "")));
    ministryReview = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("AX-DAEGU-2101")
        .singleResult().getId();
    // A claimed approval stays in the group's list (the filter includes assigned tasks).
    engine.getTaskService().claim(approvals.get("daegu").get(0), "daegu-director");

    AuthorizationService authorizations = engine.getAuthorizationService();
    grantedTask = approvals.get("gwangju").get(1);
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId("task-reader");
    grant.setResource(Resources.TASK);
    grant.setResourceId(grantedTask);
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
    Authorization definition = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    definition.setUserId("daegu-auditor");
    definition.setResource(Resources.PROCESS_DEFINITION);
    definition.setResourceId(PROCESS_KEY);
    definition.addPermission(ProcessDefinitionPermissions.READ_TASK);
    authorizations.saveAuthorization(definition);
    revokedTask = approvals.get("daegu").get(1);
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("daegu-deputy");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(revokedTask);
    revoke.removePermission(Permissions.READ);
    authorizations.saveAuthorization(revoke);

    FilterService filters = engine.getFilterService();
    groupFilter = filters.createFilterQuery().filterName(GROUP_FILTER).singleResult().getId();
  }

  @Test
  void theStatementsAreOursOnPostgresql() {
    assertThat(sessions().getStatementMappings()).containsEntry("selectTaskByQueryCriteria",
        TaskQueryAuthorization.class.getName() + ".selectTasksGrantedByExists");
  }

  @Test
  void aDirectorsListAndCountCheckGrantsWithExistsInsteadOfTheEnginesJoin() {
    for (String statement : List.of("selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria")) {
      String ours = sql(sessions().mapStatement(statement));
      assertThat(ours).as(statement).contains("EXISTS").doesNotContain("AUTH.RESOURCE_ID_");
      assertThat(sql(statement)).as("Camunda's " + statement).contains("AUTH.RESOURCE_ID_");
    }
  }

  /** The SQL a statement sends for the region directors' group tasks, asked by a Daegu director. */
  private String sql(String statement) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    engine.getIdentityService().setAuthentication("daegu-director", List.of("region-directors"), List.of("daegu"));
    try {
      return configuration.getCommandExecutorTxRequired().execute(context -> {
        TaskQueryImpl query = (TaskQueryImpl) engine.getTaskService().createTaskQuery()
            .taskCandidateGroup("region-directors");
        context.getAuthorizationManager().configureTaskQuery(query);
        return configuration.getSqlSessionFactory().getConfiguration().getMappedStatement(statement)
            .getBoundSql(query).getSql();
      });
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void regionDirectorsSeeTheirRegionsApprovals() {
    assertGroupFilter("daegu-director", approvals.get("daegu"));
    assertGroupFilter("gwangju-director", approvals.get("gwangju"));
  }

  @Test
  void theMinistrySeesEveryRegionsReviews() {
    assertGroupFilter("msit-officer", List.of(ministryReview));
  }

  @Test
  void aRevokeOnOneTaskHidesItFromThatDirector() {
    List<String> expected = new ArrayList<>(approvals.get("daegu"));
    expected.remove(revokedTask);
    assertGroupFilter("daegu-deputy", expected);
  }

  @Test
  void grantsOnOneTaskOnTheDefinitionOrOnEveryTaskReachExactlyThoseTasks() {
    assertTaskQuery("task-reader", List.of(grantedTask));
    List<String> daegu = new ArrayList<>(approvals.get("daegu"));
    daegu.add(ministryReview);
    assertTaskQuery("daegu-auditor", daegu);
    List<String> all = new ArrayList<>(daegu);
    all.addAll(approvals.get("gwangju"));
    assertTaskQuery("pipeline-manager", all);
    assertTaskQuery("daegu-director", approvals.get("daegu"));
    assertTaskQuery("msit-officer", List.of(ministryReview));
  }

  @Test
  void theAdministratorSeesEveryTask() {
    List<String> all = new ArrayList<>(approvals.get("daegu"));
    all.addAll(approvals.get("gwangju"));
    all.add(ministryReview);
    EngineRest admin = node.as(ApplicationNode.ADMIN, ApplicationNode.ADMIN_PASSWORD);
    assertThat(ids(admin.getJson("/engine-rest/task?processDefinitionKey=" + PROCESS_KEY)))
        .containsExactlyInAnyOrderElementsOf(all);
  }

  /** The filter's list (as Tasklist asks: newest first, and by a variable, one page) and count. */
  private void assertGroupFilter(String official, List<String> expected) {
    EngineRest rest = node.as(official, PASSWORD);
    String list = "/engine-rest/filter/" + groupFilter + "/list";
    Map<String, Object> newestFirst = Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")));
    Map<String, Object> byProgramme = Map.of("sorting", List.of(Map.of("sortBy", "processVariable",
        "sortOrder", "desc", "parameters", Map.of("variable", "programmeCode", "type", "String"))));

    List<String> ours = ids(post(rest, list, newestFirst));
    assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rest.getJson("/engine-rest/filter/" + groupFilter + "/count").path("count").asLong())
        .isEqualTo(expected.size());
    List<String> byCode = ids(post(rest, list, byProgramme));
    List<String> firstPage = ids(post(rest, list + "?firstResult=1&maxResults=2", byProgramme));

    withEngineStatements(() -> {
      assertThat(ids(post(rest, list, newestFirst))).as("Camunda's own list for " + official)
          .containsExactlyElementsOf(ours);
      assertThat(ids(post(rest, list, byProgramme))).containsExactlyElementsOf(byCode);
      assertThat(ids(post(rest, list + "?firstResult=1&maxResults=2", byProgramme)))
          .containsExactlyElementsOf(firstPage);
      return null;
    });
    assertThat(firstPage).containsExactlyElementsOf(byCode.subList(Math.min(1, byCode.size()),
        Math.min(3, byCode.size())));
  }

  /** The REST task query Tasklist's search and API clients use, and its count. */
  private void assertTaskQuery(String official, List<String> expected) {
    EngineRest rest = node.as(official, PASSWORD);
    String query = "/engine-rest/task?processDefinitionKey=" + PROCESS_KEY + "&sortBy=created&sortOrder=desc";
    List<String> ours = ids(rest.getJson(query));
    assertThat(ours).as(official).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rest.getJson("/engine-rest/task/count?processDefinitionKey=" + PROCESS_KEY).path("count").asLong())
        .isEqualTo(expected.size());
    withEngineStatements(() -> {
      assertThat(ids(rest.getJson(query))).as("Camunda's own task query for " + official)
          .containsExactlyElementsOf(ours);
      return null;
    });
  }

  private static JsonNode post(EngineRest rest, String path, Object body) {
    EngineRest.Response response = rest.post(path, body);
    assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
    return response.body();
  }

  private static List<String> ids(JsonNode tasks) {
    return StreamSupport.stream(tasks.spliterator(), false).map(task -> task.path("id").asText()).toList();
  }

  /** Runs with the engine's own task statements, then puts ours back. */
  private <T> T withEngineStatements(Supplier<T> action) {
    DbSqlSessionFactory sessions = sessions();
    Map<String, String> ours = sessions.getStatementMappings();
    Map<String, String> engines = ours.entrySet().stream()
        .filter(e -> !Set.of("selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria").contains(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    sessions.setStatementMappings(engines);
    try {
      return action.get();
    } finally {
      sessions.setStatementMappings(ours);
    }
  }

  private DbSqlSessionFactory sessions() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
  }

  private String start(String code, String region) {
    Map<String, Object> proposal = new LinkedHashMap<>(PipelineForms.proposal(code));
    proposal.put(REGION, region);
    proposal.put(PROGRAMME_NAME, "지역거점 AX 혁신 기술개발사업 (" + region + " " + code + ")");
    as(region + "-planner", List.of("region-planners"), List.of(region),
        () -> engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, proposal));
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey(TASK_APPROVE_PROPOSAL_INTERNALLY).singleResult();
    return task.getId();
  }

  private void as(String user, List<String> groups, List<String> tenants, Runnable action) {
    engine.getIdentityService().setAuthentication(user, groups, tenants);
    try {
      action.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
