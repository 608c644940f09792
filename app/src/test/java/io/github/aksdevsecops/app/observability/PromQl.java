package io.github.aksdevsecops.app.observability;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Extracts the metric names a PromQL expression selects, without a full parser: it walks the
 * tokens, skips strings, label matchers, range/subquery brackets, numbers, durations and Grafana
 * variables, and keeps the identifiers that are neither functions (followed by "(") nor keywords.
 * Names given as {@code {__name__="x"}} count too. Unbalanced brackets or an unterminated string
 * are rejected, so a broken expression cannot pass as "uses no metrics".
 */
final class PromQl {

  /** Binary operators and modifiers spelled as words; never metric names. */
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  /** Keywords followed by a parenthesised list of label names, not an expression. */
  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private final String expr;
  private final Set<String> names = new TreeSet<>();
  private int pos;
  private int depth;

  private PromQl(String expr) {
    this.expr = expr;
  }

  /**
   * The metric names {@code expr} selects.
   *
   * @throws IllegalArgumentException when brackets do not balance or a string is not closed
   */
  static Set<String> metricNames(String expr) {
    PromQl scanner = new PromQl(expr);
    scanner.scan();
    return scanner.names;
  }

  private void scan() {
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '#') {
        skipComment();
      } else if (c == '"' || c == '\'' || c == '`') {
        skipString();
      } else if (c == '{') {
        labelMatchers();
      } else if (c == '[') {
        skipBrackets();
      } else if (c == '$') {
        skipVariable();
      } else if (Character.isDigit(c)
          || (c == '.' && pos + 1 < expr.length() && Character.isDigit(expr.charAt(pos + 1)))) {
        skipNumber();
      } else if (isIdentifierStart(c)) {
        identifier();
      } else if (c == '(') {
        depth++;
        pos++;
      } else if (c == ')') {
        if (--depth < 0) {
          throw error("unbalanced ')'");
        }
        pos++;
      } else if (c == '}' || c == ']') {
        throw error("unbalanced '" + c + "'");
      } else {
        pos++; // whitespace, operators, commas, '@'
      }
    }
    if (depth != 0) {
      throw error("unclosed '('");
    }
  }

  private void identifier() {
    int start = pos;
    while (pos < expr.length() && isIdentifierPart(expr.charAt(pos))) {
      pos++;
    }
    String word = expr.substring(start, pos);
    String lower = word.toLowerCase(Locale.ROOT);
    char next = nextNonSpace();
    if (LABEL_LIST_KEYWORDS.contains(lower)) {
      if (next == '(') {
        skipSpaces();
        skipPast(')');
      }
    } else if (next != '(' && !KEYWORDS.contains(lower) && !followedByGrouping()) {
      names.add(word);
    }
  }

  /** True for an aggregation written as {@code sum by (x) (...)}: the word is an operator. */
  private boolean followedByGrouping() {
    int i = pos;
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    for (String grouping : new String[] {"by", "without"}) {
      int end = i + grouping.length();
      if (expr.regionMatches(true, i, grouping, 0, grouping.length())
          && (end >= expr.length() || !isIdentifierPart(expr.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  /** Skips a {...} selector; a {@code __name__="x"} matcher names metric x. */
  private void labelMatchers() {
    int open = pos++;
    while (pos < expr.length() && expr.charAt(pos) != '}') {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        skipString();
      } else if (expr.startsWith("__name__", pos)) {
        pos += "__name__".length();
        skipSpaces();
        boolean equals =
            pos < expr.length()
                && expr.charAt(pos) == '='
                && (pos + 1 >= expr.length() || expr.charAt(pos + 1) != '~');
        if (equals) {
          pos++;
          skipSpaces();
          int valueStart = pos + 1;
          skipString();
          names.add(expr.substring(valueStart, pos - 1));
        }
      } else {
        pos++;
      }
    }
    if (pos >= expr.length()) {
      pos = open;
      throw error("unclosed '{'");
    }
    pos++;
  }

  private void skipString() {
    char quote = expr.charAt(pos);
    int start = pos++;
    while (pos < expr.length()) {
      char c = expr.charAt(pos++);
      if (c == '\\' && quote != '`') {
        pos++;
      } else if (c == quote) {
        return;
      }
    }
    pos = start;
    throw error("unterminated string");
  }

  /** Skips to just past the closing character, for ranges, subqueries and label lists. */
  private void skipPast(char close) {
    int start = pos;
    int index = expr.indexOf(close, pos);
    if (index < 0) {
      throw error("unclosed '" + expr.charAt(start) + "'");
    }
    pos = index + 1;
  }

  /** Skips a range or subquery, which may hold Grafana's [[name]] variable syntax. */
  private void skipBrackets() {
    int start = pos;
    int nesting = 0;
    do {
      if (pos >= expr.length()) {
        pos = start;
        throw error("unclosed '['");
      }
      char c = expr.charAt(pos++);
      nesting += c == '[' ? 1 : c == ']' ? -1 : 0;
    } while (nesting > 0);
  }

  /** Grafana variables: $name, ${name}, ${name:format}. */
  private void skipVariable() {
    pos++;
    if (pos < expr.length() && expr.charAt(pos) == '{') {
      skipPast('}');
    } else {
      while (pos < expr.length() && isIdentifierPart(expr.charAt(pos)) && expr.charAt(pos) != ':') {
        pos++;
      }
    }
  }

  /** Numbers, durations (5m, 1h30m), hex and exponents (1e-3). */
  private void skipNumber() {
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      boolean exponentSign =
          (c == '+' || c == '-')
              && (expr.charAt(pos - 1) == 'e' || expr.charAt(pos - 1) == 'E')
              && !expr.startsWith("0x", pos - 2);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
        pos++;
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    while (pos < expr.length() && expr.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void skipSpaces() {
    while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
      pos++;
    }
  }

  private char nextNonSpace() {
    int i = pos;
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return i < expr.length() ? expr.charAt(i) : '\0';
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + pos + " in: " + expr);
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }
}
