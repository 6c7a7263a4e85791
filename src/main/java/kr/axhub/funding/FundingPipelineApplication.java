package kr.axhub.funding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FundingPipelineApplication {

  public static void main(String[] args) {
    SpringApplication.run(FundingPipelineApplication.class, args);
  }
}
