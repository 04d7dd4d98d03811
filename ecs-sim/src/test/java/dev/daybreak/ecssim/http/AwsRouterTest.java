package dev.daybreak.ecssim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsRouterTest {

  @Test
  void signingService_isTheServiceOfTheSigV4CredentialScope() {
    assertThat(
            AwsRouter.signingService(
                "AWS4-HMAC-SHA256 Credential=x/20261207/us-east-1/elasticloadbalancing/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc"))
        .contains("elasticloadbalancing");
    assertThat(
            AwsRouter.signingService(
                "AWS4-HMAC-SHA256 Credential=daybreak-simulator/20261207/us-east-1/ecs/aws4_request,"
                    + " SignedHeaders=host, Signature=abc"))
        .contains("ecs");
    assertThat(AwsRouter.signingService(null)).isEmpty();
    assertThat(AwsRouter.signingService("Bearer token")).isEmpty();
  }

  @Test
  void parse_decodesAQueryProtocolForm() {
    Map<String, String> form =
        ElbQueryHandler.parse(
            "Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=arn%3Aaws%3Aelasticloadbalancing"
                + "%3Aus-east-1%3A1%3Atargetgroup%2Fweb%2F1&Targets.member.1.Id=10.0.0.4");

    assertThat(form)
        .containsEntry("Action", "DescribeTargetHealth")
        .containsEntry("Version", "2015-12-01")
        .containsEntry(
            "TargetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1")
        .containsEntry("Targets.member.1.Id", "10.0.0.4");
  }
}
