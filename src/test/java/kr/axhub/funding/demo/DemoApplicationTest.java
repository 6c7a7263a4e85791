package kr.axhub.funding.demo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The application as it first starts on the embedded default — default profile, so with the demo officials and
 * programmes — on a fresh in-memory database instead of ./data, with jobs run by hand as in every test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:axhub-demo-${random.uuid};DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
public @interface DemoApplicationTest {}
