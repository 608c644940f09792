package io.github.aksdevsecops.bootstrap.validate.telemetry;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the telemetry check needs to know of a PromQL expression, read from its tokens: the metric
 * names it selects, how far back in time it reads (the longest range, subquery and offset, nested
 * subqueries added up), and whether it hides absent data behind {@code or vector(n)}. No PromQL
 * parser for the JVM is published on Maven Central by the Prometheus project; this scanner reads
 * the subset of the grammar those three answers depend on and rejects unbalanced brackets and
 * unterminated strings, so a broken expression cannot pass as "uses nothing".
 */
public final class PromQl {

  /** The answers for one expression; {@code lookback} is zero for instant-only queries. */
  /**
   * The answers for one expression; {@code lookback} is zero for instant-only queries; {@code jobs}
   * maps a metric to the values its selectors require of the {@code job} label ({@code job="x"}).
   */
  public record Analysis(
      Set<String> metrics,
      Duration lookback,
      boolean masksAbsence,
      java.util.Map<String, Set<String>> jobs) {
    public Analysis {
      metrics = Set.copyOf(metrics);
      java.util.Map<String, Set<String>> copy = new java.util.TreeMap<>();
      jobs.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
      jobs = java.util.Collections.unmodifiableMap(copy);
    }
  }

  /**
   * A selector's requirement of the {@code job} label: {@code job="x"} ({@code regex} false) or
   * {@code job=~"x"}; {@code inAbsent} when it sits inside {@code absent(...)} or {@code
   * absent_over_time(...)}, where a job nothing scrapes makes the expression true.
   */
  public record JobMatch(String metric, String job, boolean regex, boolean inAbsent) {}

  /** Functions that are true when their argument selects nothing. */
  private static final Set<String> ABSENT = Set.of("absent", "absent_over_time");

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  /** Followed by a parenthesised list of label names, not an expression. */
  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private enum Type {
    NAME,
    NUMBER,
    DURATION,
    STRING,
    VARIABLE,
    PUNCT
  }

  private record Token(Type type, String text, int at) {
    boolean is(String s) {
      return (type == Type.PUNCT || type == Type.NAME) && text.equals(s);
    }
  }

  private final String expr;
  private final List<Token> tokens;
  private int i;
  private final Set<String> metrics = new TreeSet<>();
  private final java.util.Map<String, Set<String>> jobs = new java.util.TreeMap<>();
  private final Deque<Duration> groups = new ArrayDeque<>();
  private final Deque<Boolean> absentGroups = new ArrayDeque<>();
  private final List<JobMatch> jobMatches = new ArrayList<>();
  private boolean absentNext;
  private boolean masks;

  private PromQl(String expr) {
    this.expr = expr;
    this.tokens = tokens(expr);
  }

  /**
   * Reads {@code expr}.
   *
   * @throws IllegalArgumentException when brackets do not balance, a string is not closed or a
   *     range is not a duration
   */
  public static Analysis analyse(String expr) {
    PromQl scanner = new PromQl(expr);
    Duration lookback = scanner.scan();
    return new Analysis(scanner.metrics, lookback, scanner.masks, scanner.jobs);
  }

  /**
   * Every selector of {@code expr} that requires a value of the {@code job} label, in order.
   *
   * @throws IllegalArgumentException as {@link #analyse}
   */
  public static List<JobMatch> jobMatches(String expr) {
    PromQl scanner = new PromQl(expr);
    scanner.scan();
    return List.copyOf(scanner.jobMatches);
  }

  /** A Prometheus duration such as {@code 30d} or {@code 1h30m}. */
  public static Duration duration(String text) {
    return parseDuration(text)
        .orElseThrow(() -> new IllegalArgumentException("not a duration: " + text));
  }

  /** Digits and a unit (ms, s, m, h, d, w, y), repeated; read by hand to stay linear. */
  private static java.util.Optional<Duration> parseDuration(String text) {
    Duration total = Duration.ZERO;
    int p = 0;
    while (p < text.length()) {
      int start = p;
      while (p < text.length() && Character.isDigit(text.charAt(p))) {
        p++;
      }
      if (p == start || p - start > 18) {
        return java.util.Optional.empty();
      }
      long n = Long.parseLong(text.substring(start, p));
      String unit =
          text.startsWith("ms", p) ? "ms" : p < text.length() ? text.substring(p, p + 1) : "";
      Duration part =
          switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "y" -> Duration.ofDays(365 * n);
            default -> null;
          };
      if (part == null) {
        return java.util.Optional.empty();
      }
      total = total.plus(part);
      p += unit.length();
    }
    return text.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(total);
  }

  private Duration scan() {
    groups.push(Duration.ZERO);
    absentGroups.push(false);
    Duration lastGroup = Duration.ZERO;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (t.is("(")) {
        groups.push(Duration.ZERO);
        absentGroups.push(absentNext || absentGroups.peek());
        absentNext = false;
        i++;
      } else if (t.is(")")) {
        if (groups.size() == 1) {
          throw error(t, "unbalanced ')'");
        }
        absentGroups.pop();
        lastGroup = groups.pop();
        i++;
        merge(lastGroup);
        if (at("[")) {
          merge(lastGroup.plus(range()).plus(modifiers()));
        }
      } else if (t.is("{")) {
        selector(null);
      } else if (t.type == Type.NAME) {
        name(t);
      } else if (t.is("}") || t.is("]")) {
        throw error(t, "unbalanced '" + t.text + "'");
      } else {
        i++;
      }
    }
    if (groups.size() != 1) {
      throw new IllegalArgumentException("unclosed '(' in: " + expr);
    }
    return groups.pop();
  }

  private void name(Token t) {
    String lower = t.text.toLowerCase(Locale.ROOT);
    i++;
    if (LABEL_LISTS.contains(lower)) {
      if (at("(")) {
        skipLabelList();
      }
      return;
    }
    if (lower.equals("or") && masksAbsence()) {
      masks = true;
    }
    boolean function = at("(") || at("by") || at("without");
    absentNext = function && at("(") && ABSENT.contains(lower);
    if (function || KEYWORDS.contains(lower)) {
      return;
    }
    selector(t.text);
  }

  /** A vector selector with its optional matchers, range and modifiers. */
  private void selector(String name) {
    String metric = name;
    String job = null;
    List<JobMatch> matches = new ArrayList<>();
    if (at("{")) {
      Token open = tokens.get(i++);
      while (!at("}")) {
        if (i >= tokens.size()) {
          throw error(open, "unclosed '{'");
        }
        Token label = tokens.get(i++);
        boolean equals =
            label.type == Type.NAME
                && at("=")
                && i + 1 < tokens.size()
                && tokens.get(i + 1).type == Type.STRING;
        if (equals && label.text.equals("__name__")) {
          metric = unquote(tokens.get(i + 1).text);
          i += 2;
        } else if (equals && label.text.equals("job")) {
          job = unquote(tokens.get(i + 1).text);
          matches.add(new JobMatch(null, job, false, absentGroups.peek()));
          i += 2;
        } else if (label.type == Type.NAME
            && label.text.equals("job")
            && at("=")
            && i + 2 < tokens.size()
            && tokens.get(i + 1).is("~")
            && tokens.get(i + 2).type == Type.STRING) {
          matches.add(
              new JobMatch(null, unquote(tokens.get(i + 2).text), true, absentGroups.peek()));
          i += 3;
        }
      }
      i++;
    }
    for (JobMatch m : matches) {
      jobMatches.add(new JobMatch(metric, m.job(), m.regex(), m.inAbsent()));
    }
    if (metric != null) {
      metrics.add(metric);
      if (job != null) {
        jobs.computeIfAbsent(metric, m -> new TreeSet<>()).add(job);
      }
    }
    Duration range = at("[") ? range() : Duration.ZERO;
    merge(range.plus(modifiers()));
  }

  /** {@code [range]} or a subquery's {@code [range:step]}; returns the range. */
  private Duration range() {
    Token open = tokens.get(i++);
    Duration range = Duration.ZERO;
    if (i < tokens.size() && tokens.get(i).type == Type.DURATION) {
      range = duration(tokens.get(i++).text);
    } else if (i < tokens.size() && tokens.get(i).type == Type.VARIABLE) {
      i++; // a Grafana variable such as $__rate_interval: its value is chosen per panel
    } else {
      throw error(open, "a range must be a duration");
    }
    if (at(":")) {
      i++;
      if (i < tokens.size()
          && (tokens.get(i).type == Type.DURATION || tokens.get(i).type == Type.VARIABLE)) {
        i++;
      }
    }
    if (!at("]")) {
      throw error(open, "unclosed '['");
    }
    i++;
    return range;
  }

  /** {@code offset d} and {@code @ t} after a selector or subquery; returns the offset. */
  private Duration modifiers() {
    Duration offset = Duration.ZERO;
    while (true) {
      if (at("offset")) {
        i++;
        boolean negative = at("-");
        if (negative) {
          i++;
        }
        if (i >= tokens.size() || tokens.get(i).type != Type.DURATION) {
          throw new IllegalArgumentException("offset without a duration in: " + expr);
        }
        Duration d = duration(tokens.get(i++).text);
        offset = negative ? offset : offset.plus(d);
      } else if (at("@")) {
        i++;
        if (at("start") || at("end")) {
          i += 3; // start ( )
        } else {
          if (at("-")) {
            i++;
          }
          i++;
        }
      } else {
        return offset;
      }
    }
  }

  /** After "or": {@code [on()|ignoring()] vector(<number>)} stands in for absent data. */
  private boolean masksAbsence() {
    int j = i;
    if (j < tokens.size() && (tokens.get(j).is("on") || tokens.get(j).is("ignoring"))) {
      j++;
      while (j < tokens.size() && !tokens.get(j).is(")")) {
        j++;
      }
      j++;
    }
    return j + 3 < tokens.size()
        && tokens.get(j).is("vector")
        && tokens.get(j + 1).is("(")
        && tokens.get(j + 2).type == Type.NUMBER
        && tokens.get(j + 3).is(")");
  }

  private void skipLabelList() {
    Token open = tokens.get(i);
    while (!at(")")) {
      if (++i >= tokens.size()) {
        throw error(open, "unclosed '('");
      }
    }
    i++;
  }

  private void merge(Duration d) {
    Duration top = groups.pop();
    groups.push(d.compareTo(top) > 0 ? d : top);
  }

  private boolean at(String text) {
    return i < tokens.size() && tokens.get(i).is(text);
  }

  private IllegalArgumentException error(Token t, String message) {
    return new IllegalArgumentException(message + " at offset " + t.at + " in: " + expr);
  }

  private static String unquote(String s) {
    return s.substring(1, s.length() - 1);
  }

  private static List<Token> tokens(String expr) {
    List<Token> out = new ArrayList<>();
    int p = 0;
    int n = expr.length();
    while (p < n) {
      char c = expr.charAt(p);
      int start = p;
      if (Character.isWhitespace(c)) {
        p++;
      } else if (c == '#') {
        while (p < n && expr.charAt(p) != '\n') {
          p++;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        p++;
        while (p < n && expr.charAt(p) != c) {
          p += expr.charAt(p) == '\\' && c != '`' ? 2 : 1;
        }
        if (p >= n) {
          throw new IllegalArgumentException(
              "unterminated string at offset " + start + " in: " + expr);
        }
        p++;
        out.add(new Token(Type.STRING, expr.substring(start, p), start));
      } else if (c == '$') {
        p++;
        if (p < n && expr.charAt(p) == '{') {
          int close = expr.indexOf('}', p);
          if (close < 0) {
            throw new IllegalArgumentException("unclosed '${' in: " + expr);
          }
          p = close + 1;
        } else {
          while (p < n && isNamePart(expr.charAt(p))) {
            p++;
          }
        }
        out.add(new Token(Type.VARIABLE, expr.substring(start, p), start));
      } else if (c == '[' && expr.startsWith("[[", p) && !expr.startsWith("[[[", p)) {
        int close = expr.indexOf("]]", p);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[[' in: " + expr);
        }
        p = close + 2;
        out.add(new Token(Type.VARIABLE, expr.substring(start, p), start));
      } else if (Character.isDigit(c)
          || c == '.' && p + 1 < n && Character.isDigit(expr.charAt(p + 1))) {
        while (p < n) {
          char d = expr.charAt(p);
          boolean exponentSign =
              (d == '+' || d == '-')
                  && (expr.charAt(p - 1) == 'e' || expr.charAt(p - 1) == 'E')
                  && !expr.startsWith("0x", start)
                  && !expr.startsWith("0X", start);
          if (Character.isLetterOrDigit(d) || d == '.' || exponentSign) {
            p++;
          } else {
            break;
          }
        }
        String text = expr.substring(start, p);
        out.add(
            new Token(parseDuration(text).isPresent() ? Type.DURATION : Type.NUMBER, text, start));
      } else if (Character.isLetter(c) || c == '_') {
        while (p < n && isNamePart(expr.charAt(p))) {
          p++;
        }
        out.add(new Token(Type.NAME, expr.substring(start, p), start));
      } else {
        p++;
        out.add(new Token(Type.PUNCT, String.valueOf(c), start));
      }
    }
    return out;
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }
}
