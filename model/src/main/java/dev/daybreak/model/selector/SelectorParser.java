package dev.daybreak.model.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads label selector text into requirements: a lexer after Kubernetes' (whitespace separates
 * tokens; an identifier runs up to whitespace or one of {@code = ! ( ) , < >}) and a recursive
 * descent over its tokens. Every error names the column, what was found and what would be valid.
 */
final class SelectorParser {

  private static final String SPECIAL = "=!(),<>";
  private static final String OPERATORS = "=, ==, !=, in (...) or notin (...)";

  private enum Kind {
    IDENTIFIER,
    EQUALS,
    DOUBLE_EQUALS,
    NOT_EQUALS,
    BANG,
    OPEN,
    CLOSE,
    COMMA,
    IN,
    NOT_IN,
    UNSUPPORTED,
    END
  }

  private record Token(Kind kind, String text, int column) {
    String found() {
      return kind == Kind.END ? "the end of the selector" : "'" + text + "'";
    }
  }

  private final String text;
  private final List<Token> tokens;
  private int next;

  SelectorParser(String text) {
    this.text = text;
    this.tokens = lex(text);
  }

  List<Requirement> requirements() {
    if (peek().kind() == Kind.END) {
      throw error(
          peek(),
          "the selector is empty; expected at least one requirement such as team=shop, tier!=dev,"
              + " 'team in (shop, pay)', team or !team");
    }
    List<Requirement> requirements = new ArrayList<>();
    while (true) {
      requirements.add(requirement());
      Token after = take();
      if (after.kind() == Kind.END) {
        return requirements;
      }
      if (after.kind() != Kind.COMMA) {
        throw error(
            after,
            "expected ',' (and another requirement) or the end of the selector after '"
                + requirements.get(requirements.size() - 1)
                + "', found "
                + after.found()
                + (after.kind() == Kind.EQUALS
                        || after.kind() == Kind.DOUBLE_EQUALS
                        || after.kind() == Kind.NOT_EQUALS
                    ? requirements.get(requirements.size() - 1).operator()
                            == Requirement.Operator.DOES_NOT_EXIST
                        ? " ('!KEY' tests that a label is absent and takes no value)"
                        : " (one operator per requirement)"
                    : ""));
      }
      if (peek().kind() == Kind.END) {
        throw error(
            peek(), "expected another requirement after ',', found the end of the selector");
      }
    }
  }

  private Requirement requirement() {
    Token first = take();
    if (first.kind() == Kind.BANG) {
      Token key = take();
      if (key.kind() != Kind.IDENTIFIER) {
        throw error(key, "expected a label key after '!' (e.g. !team), found " + key.found());
      }
      return new Requirement(key(key), Requirement.Operator.DOES_NOT_EXIST, Set.of());
    }
    if (first.kind() != Kind.IDENTIFIER) {
      throw error(
          first,
          "expected a requirement: a label key (e.g. team, team=shop) or '!' and a key (!team),"
              + " found "
              + first.found());
    }
    String key = key(first);
    Token operator = peek();
    return switch (operator.kind()) {
      case COMMA, END -> new Requirement(key, Requirement.Operator.EXISTS, Set.of());
      case EQUALS, DOUBLE_EQUALS -> {
        take();
        yield new Requirement(key, Requirement.Operator.EQUALS, Set.of(valueAfter(operator)));
      }
      case NOT_EQUALS -> {
        take();
        yield new Requirement(key, Requirement.Operator.NOT_EQUALS, Set.of(valueAfter(operator)));
      }
      case IN, NOT_IN -> {
        take();
        yield new Requirement(
            key,
            operator.kind() == Kind.IN ? Requirement.Operator.IN : Requirement.Operator.NOT_IN,
            values(operator));
      }
      case UNSUPPORTED ->
          throw error(
              operator,
              "operator '"
                  + operator.text()
                  + "' is not supported in label selectors; use "
                  + OPERATORS);
      default ->
          throw error(
              operator,
              "expected an operator ("
                  + OPERATORS
                  + "), ',' or the end of the selector after key '"
                  + key
                  + "', found "
                  + operator.found());
    };
  }

  /**
   * The value after {@code =}, {@code ==} or {@code !=}; nothing before a comma or the end is "".
   */
  private String valueAfter(Token operator) {
    Token value = peek();
    if (value.kind() == Kind.COMMA || value.kind() == Kind.END) {
      return "";
    }
    if (value.kind() != Kind.IDENTIFIER) {
      throw error(
          value,
          "expected a label value after '"
              + operator.text()
              + "' (e.g. team"
              + operator.text()
              + "shop), found "
              + value.found());
    }
    take();
    return checkedValue(value);
  }

  private Set<String> values(Token operator) {
    Token open = take();
    if (open.kind() != Kind.OPEN) {
      throw error(
          open,
          "expected '(' after '"
              + operator.text()
              + "', as in 'team "
              + operator.text()
              + " (shop, pay)', found "
              + open.found());
    }
    Set<String> values = new LinkedHashSet<>();
    while (true) {
      Token value = take();
      if (value.kind() != Kind.IDENTIFIER) {
        throw error(
            value,
            values.isEmpty() && value.kind() == Kind.CLOSE
                ? "'"
                    + operator.text()
                    + " ()' lists no value; expected at least one, as in 'team "
                    + operator.text()
                    + " (shop)'"
                : "expected a label value, found " + value.found());
      }
      values.add(checkedValue(value));
      Token after = take();
      if (after.kind() == Kind.CLOSE) {
        return values;
      }
      if (after.kind() != Kind.COMMA) {
        throw error(
            after,
            "expected ',' and another value, or ')' to close the list opened at column "
                + open.column()
                + ", found "
                + after.found());
      }
    }
  }

  private String key(Token token) {
    if (!LabelSyntax.isKey(token.text())) {
      throw error(
          token, "'" + token.text() + "' is not a valid label key; use " + LabelSyntax.KEY_RULE);
    }
    return token.text();
  }

  private String checkedValue(Token token) {
    if (!LabelSyntax.isValue(token.text())) {
      throw error(
          token,
          "'"
              + token.text()
              + "' is not a valid label value; use "
              + LabelSyntax.VALUE_RULE
              + (token.text().contains("|")
                  ? " (selectors have no OR: requirements joined by ',' must all hold)"
                  : ""));
    }
    return token.text();
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token token = tokens.get(next);
    if (token.kind() != Kind.END) {
      next++;
    }
    return token;
  }

  private SelectorException error(Token at, String problem) {
    return new SelectorException(text, at.column(), problem);
  }

  private static List<Token> lex(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int column = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        tokens.add(
            new Token(
                c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA,
                String.valueOf(c),
                column));
        i++;
      } else if (c == '=' || c == '!') {
        boolean doubled = i + 1 < text.length() && text.charAt(i + 1) == '=';
        Kind kind =
            c == '='
                ? (doubled ? Kind.DOUBLE_EQUALS : Kind.EQUALS)
                : (doubled ? Kind.NOT_EQUALS : Kind.BANG);
        tokens.add(new Token(kind, text.substring(i, doubled ? i + 2 : i + 1), column));
        i += doubled ? 2 : 1;
      } else if (c == '<' || c == '>') {
        tokens.add(new Token(Kind.UNSUPPORTED, String.valueOf(c), column));
        i++;
      } else {
        int end = i;
        while (end < text.length()
            && !Character.isWhitespace(text.charAt(end))
            && SPECIAL.indexOf(text.charAt(end)) < 0) {
          end++;
        }
        String word = text.substring(i, end);
        Kind kind =
            word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.IDENTIFIER;
        tokens.add(new Token(kind, word, column));
        i = end;
      }
    }
    tokens.add(new Token(Kind.END, "", text.length() + 1));
    return tokens;
  }
}
