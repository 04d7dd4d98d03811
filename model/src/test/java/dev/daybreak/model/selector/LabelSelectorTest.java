package dev.daybreak.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of kubernetes.io, "Labels and Selectors" (equality-based and set-based requirements,
 * and the kubectl examples), read and matched as Kubernetes documents them.
 */
class LabelSelectorTest {

  private static final Map<String, String> PRODUCTION_FRONTEND =
      Map.of("environment", "production", "tier", "frontend");
  private static final Map<String, String> QA_BACKEND =
      Map.of("environment", "qa", "tier", "backend");
  private static final Map<String, String> PARTITIONED =
      Map.of("partition", "customerA", "environment", "production");
  private static final Map<String, String> NO_LABELS = Map.of();

  private static List<Map<String, String>> selected(String selector) {
    LabelSelector parsed = LabelSelector.parse(selector);
    return List.of(PRODUCTION_FRONTEND, QA_BACKEND, PARTITIONED, NO_LABELS).stream()
        .filter(parsed::matches)
        .toList();
  }

  @Test
  void equality_withBlanksAroundTheOperator_selectsTheLabelWithThatValue() {
    assertThat(selected("environment = production"))
        .containsExactly(PRODUCTION_FRONTEND, PARTITIONED);
  }

  @Test
  void doubleEquals_isASynonymOfEquals() {
    assertThat(LabelSelector.parse("environment==production"))
        .isEqualTo(LabelSelector.parse("environment=production"));
  }

  @Test
  void notEquals_selectsOtherValues_andObjectsWithoutTheLabel() {
    assertThat(selected("tier != frontend")).containsExactly(QA_BACKEND, PARTITIONED, NO_LABELS);
  }

  @Test
  void comma_isAnAnd() {
    assertThat(selected("environment=production,tier!=frontend")).containsExactly(PARTITIONED);
    assertThat(selected("environment=production,tier=frontend"))
        .containsExactly(PRODUCTION_FRONTEND);
  }

  @Test
  void in_selectsAnyOfTheValues_andNeverObjectsWithoutTheLabel() {
    assertThat(selected("environment in (production, qa)"))
        .containsExactly(PRODUCTION_FRONTEND, QA_BACKEND, PARTITIONED);
    assertThat(selected("environment in (production),tier in (frontend)"))
        .containsExactly(PRODUCTION_FRONTEND);
  }

  @Test
  void notIn_selectsOtherValues_andObjectsWithoutTheLabel() {
    assertThat(selected("tier notin (frontend, backend)")).containsExactly(PARTITIONED, NO_LABELS);
  }

  @Test
  void key_alone_selectsObjectsWithTheLabel_whateverItsValue() {
    assertThat(selected("partition")).containsExactly(PARTITIONED);
  }

  @Test
  void bangKey_selectsObjectsWithoutTheLabel() {
    assertThat(selected("!partition")).containsExactly(PRODUCTION_FRONTEND, QA_BACKEND, NO_LABELS);
  }

  @Test
  void setAndEqualityRequirements_mix() {
    assertThat(selected("partition in (customerA, customerB),environment!=qa"))
        .containsExactly(PARTITIONED);
    assertThat(selected("partition,environment notin (qa)")).containsExactly(PARTITIONED);
    assertThat(selected("environment,environment notin (frontend)"))
        .containsExactly(PRODUCTION_FRONTEND, QA_BACKEND, PARTITIONED);
  }

  @Test
  void emptyValue_afterEquals_selectsTheLabelWithAnEmptyValue() {
    LabelSelector selector = LabelSelector.parse("x=,z= ");
    assertThat(selector.matches(Map.of("x", "", "z", ""))).isTrue();
    assertThat(selector.matches(Map.of("x", ""))).isFalse();
  }

  @Test
  void prefixedKeys_andValuesWithDotsDashesAndUnderscores_areRead() {
    LabelSelector selector = LabelSelector.parse("app.kubernetes.io/name in (shop_v1.2, a-b)");
    assertThat(selector.matches(Map.of("app.kubernetes.io/name", "shop_v1.2"))).isTrue();
    assertThat(selector.matches(Map.of("name", "shop_v1.2"))).isFalse();
  }

  @Test
  void toString_isCanonicalSyntax_thatParsesBackToTheSameSelector() {
    LabelSelector selector =
        LabelSelector.parse(" tier notin ( b ,a ) , team == shop,!gone, env ,x!=y ");
    assertThat(selector).hasToString("tier notin (a,b),team=shop,!gone,env,x!=y");
    assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector);
  }

  @Test
  void empty_isRefused_sayingWhatARequirementLooksLike() {
    assertThatThrownBy(() -> LabelSelector.parse("  "))
        .isInstanceOf(SelectorException.class)
        .hasMessageContaining("at column 3: the selector is empty")
        .hasMessageContaining("team=shop");
  }

  @Test
  void or_isRefused_atTheValue_sayingThereIsNoOr() {
    SelectorException e = parseError("x=a||y=b");
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.problem())
        .startsWith("'a||y' is not a valid label value")
        .contains("selectors have no OR");
  }

  @Test
  void twoOperators_areRefused_atTheSecond() {
    SelectorException e = parseError("x==a==b");
    assertThat(e.column()).isEqualTo(5);
    assertThat(e.problem()).contains("after 'x=a', found '=='").contains("one operator");
  }

  @Test
  void bangKeyWithAValue_isRefused() {
    SelectorException e = parseError("!x=a");
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.problem()).contains("'!KEY' tests that a label is absent and takes no value");
  }

  @Test
  void comparisonOperators_areRefused_listingTheValidOnes() {
    SelectorException e = parseError("x<a");
    assertThat(e.column()).isEqualTo(2);
    assertThat(e.problem())
        .isEqualTo(
            "operator '<' is not supported in label selectors; use =, ==, !=, in (...) or notin"
                + " (...)");
  }

  @Test
  void trailingComma_isRefused_atTheEnd() {
    SelectorException e = parseError("team=shop,");
    assertThat(e.column()).isEqualTo(11);
    assertThat(e.problem()).contains("after ','").contains("the end of the selector");
  }

  @Test
  void doubleComma_isRefused_atTheSecondComma() {
    assertThat(parseError("team=shop,,tier=dev").column()).isEqualTo(11);
  }

  @Test
  void in_withoutParentheses_isRefused_showingTheForm() {
    SelectorException e = parseError("team in shop");
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.problem()).contains("expected '(' after 'in'").contains("team in (shop, pay)");
  }

  @Test
  void in_withNoValue_isRefused() {
    SelectorException e = parseError("team notin ()");
    assertThat(e.column()).isEqualTo(13);
    assertThat(e.problem()).contains("'notin ()' lists no value");
  }

  @Test
  void unclosedList_isRefused_namingWhereItOpened() {
    SelectorException e = parseError("team in (shop, pay");
    assertThat(e.column()).isEqualTo(19);
    assertThat(e.problem()).contains("to close the list opened at column 9");
  }

  @Test
  void emptyListElement_isRefused() {
    assertThat(parseError("team in (shop,,pay)").problem())
        .isEqualTo("expected a label value, found ','");
  }

  @Test
  void twoWordsWithoutOperator_areRefused_atTheSecondWord() {
    SelectorException e = parseError("team shop");
    assertThat(e.column()).isEqualTo(6);
    assertThat(e.problem()).contains("expected an operator").contains("after key 'team'");
  }

  @Test
  void invalidKey_isRefused_withTheKeyRule() {
    SelectorException e = parseError("tier=dev,Bad_Prefix/x=1");
    assertThat(e.column()).isEqualTo(10);
    assertThat(e.problem()).contains("not a valid label key").contains("DNS-subdomain prefix");
  }

  @Test
  void valueOf64Characters_isRefused() {
    assertThat(parseError("x=" + "a".repeat(64)).problem()).contains("at most 63");
  }

  @Test
  void keywordAsKey_isRefused() {
    assertThat(parseError("in=x").problem()).contains("expected a requirement").contains("'in'");
  }

  @Test
  void message_namesTheSelectorAndColumn() {
    assertThat(parseError("team=shop,,"))
        .hasMessage(
            "invalid selector 'team=shop,,': at column 11: expected a requirement: a label key"
                + " (e.g. team, team=shop) or '!' and a key (!team), found ','");
  }

  private static SelectorException parseError(String selector) {
    try {
      LabelSelector.parse(selector);
    } catch (SelectorException e) {
      assertThat(e.selector()).isEqualTo(selector);
      return e;
    }
    throw new AssertionError("expected '" + selector + "' to be refused");
  }
}
