package io.github.aksdevsecops.bootstrap.assets.terraform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Splits HCL native syntax into the tokens the structural reader needs. Strings, heredocs and
 * template interpolations are consumed whole, so braces inside them never count as blocks.
 */
final class HclLexer {

  enum Kind {
    IDENT,
    STRING,
    HEREDOC,
    NUMBER,
    LBRACE,
    RBRACE,
    LBRACK,
    RBRACK,
    LPAREN,
    RPAREN,
    EQUALS,
    OPERATOR,
    NEWLINE,
    EOF
  }

  /** One token; {@code text} is the decoded value for plain quoted strings. */
  record Token(Kind kind, String text, int line) {
    String describe() {
      return switch (kind) {
        case NEWLINE -> "end of line";
        case EOF -> "end of file";
        case STRING -> "string \"" + text + "\"";
        case HEREDOC -> "heredoc";
        default -> "'" + text + "'";
      };
    }
  }

  private static final String OPERATOR_CHARS = "+-*/%&|?:.,~";

  private final Path file;
  private final String src;
  private int pos;
  private int line = 1;

  HclLexer(Path file, String src) {
    this.file = file;
    this.src = src.startsWith("\uFEFF") ? src.substring(1) : src;
  }

  List<Token> tokenize() {
    List<Token> tokens = new ArrayList<>();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\n') {
        tokens.add(new Token(Kind.NEWLINE, "\n", line));
        pos++;
        line++;
      } else if (c == '#' || startsWith("//")) {
        skipToEndOfLine();
      } else if (startsWith("/*")) {
        skipBlockComment();
      } else if (c == '"') {
        int start = line;
        tokens.add(new Token(Kind.STRING, quoted(), start));
      } else if (startsWith("<<") && heredocFollows()) {
        int start = line;
        heredoc();
        tokens.add(new Token(Kind.HEREDOC, "<<", start));
      } else if (Character.isLetter(c) || c == '_') {
        tokens.add(new Token(Kind.IDENT, identifier(), line));
      } else if (Character.isDigit(c)) {
        tokens.add(new Token(Kind.NUMBER, number(), line));
      } else {
        tokens.add(punctuation(c));
      }
    }
    tokens.add(new Token(Kind.EOF, "", line));
    return tokens;
  }

  private Token punctuation(char c) {
    Kind kind =
        switch (c) {
          case '{' -> Kind.LBRACE;
          case '}' -> Kind.RBRACE;
          case '[' -> Kind.LBRACK;
          case ']' -> Kind.RBRACK;
          case '(' -> Kind.LPAREN;
          case ')' -> Kind.RPAREN;
          default -> null;
        };
    if (kind != null) {
      pos++;
      return new Token(kind, String.valueOf(c), line);
    }
    if (startsWith("==")
        || startsWith("=>")
        || startsWith("!=")
        || startsWith("<=")
        || startsWith(">=")
        || startsWith("&&")
        || startsWith("||")) {
      pos += 2;
      return new Token(Kind.OPERATOR, src.substring(pos - 2, pos), line);
    }
    if (c == '=') {
      pos++;
      return new Token(Kind.EQUALS, "=", line);
    }
    if (OPERATOR_CHARS.indexOf(c) >= 0 || c == '!' || c == '<' || c == '>') {
      pos++;
      return new Token(Kind.OPERATOR, String.valueOf(c), line);
    }
    throw error(line, "unexpected character '" + c + "'");
  }

  private boolean startsWith(String prefix) {
    return src.startsWith(prefix, pos);
  }

  private void skipToEndOfLine() {
    while (pos < src.length() && src.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void skipBlockComment() {
    int start = line;
    int end = src.indexOf("*/", pos + 2);
    if (end < 0) {
      throw error(start, "comment opened with '/*' is never closed");
    }
    countLines(pos, end + 2);
    pos = end + 2;
  }

  private String identifier() {
    return consumeWhile(
        i -> {
          char c = src.charAt(i);
          return Character.isLetterOrDigit(c) || c == '_' || c == '-';
        });
  }

  private String number() {
    return consumeWhile(
        i -> {
          char c = src.charAt(i);
          boolean exponentSign =
              (c == '+' || c == '-') && (src.charAt(i - 1) == 'e' || src.charAt(i - 1) == 'E');
          return Character.isLetterOrDigit(c)
              || exponentSign
              || (c == '.' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1)));
        });
  }

  /** Consumes characters while {@code accepts} holds at their position; returns them. */
  private String consumeWhile(IntPredicate accepts) {
    int start = pos;
    while (pos < src.length() && accepts.test(pos)) {
      pos++;
    }
    return src.substring(start, pos);
  }

  /** Consumes a quoted template starting at the opening quote; returns its literal text. */
  private String quoted() {
    int start = line;
    StringBuilder value = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(start, "string is not closed before the end of the line");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        return value.toString();
      }
      if (c == '\\') {
        if (pos + 1 >= src.length() || src.charAt(pos + 1) == '\n') {
          throw error(start, "string ends with a dangling escape '\\'");
        }
        value.append(c).append(src.charAt(pos + 1));
        pos += 2;
      } else if (startsWith("$${") || startsWith("%%{")) {
        value.append(src, pos, pos + 3);
        pos += 3;
      } else if (startsWith("${") || startsWith("%{")) {
        int from = pos;
        interpolation();
        value.append(src, from, pos);
      } else {
        value.append(c);
        pos++;
      }
    }
  }

  /** Consumes {@code ${ ... }} or {@code %{ ... }}, including nested strings and braces. */
  private void interpolation() {
    int start = line;
    pos += 2;
    int depth = 1;
    while (depth > 0) {
      if (pos >= src.length()) {
        throw error(start, "template interpolation opened here is never closed");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        quoted();
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == '\n') {
        line++;
      }
      pos++;
    }
  }

  private boolean heredocFollows() {
    int i = pos + 2;
    if (i < src.length() && src.charAt(i) == '-') {
      i++;
    }
    return i < src.length() && (Character.isLetter(src.charAt(i)) || src.charAt(i) == '_');
  }

  /** Consumes a heredoc up to (not including) the newline after its closing marker. */
  private void heredoc() {
    int start = line;
    pos += 2;
    if (src.charAt(pos) == '-') {
      pos++;
    }
    String marker = identifier();
    int eol = src.indexOf('\n', pos);
    if (eol < 0 || !src.substring(pos, eol).strip().isEmpty()) {
      throw error(start, "heredoc marker <<" + marker + " must be followed by a line break");
    }
    pos = eol + 1;
    line++;
    while (pos < src.length()) {
      int end = src.indexOf('\n', pos);
      int lineEnd = end < 0 ? src.length() : end;
      if (src.substring(pos, lineEnd).strip().equals(marker)) {
        pos = lineEnd;
        return;
      }
      if (end < 0) {
        break;
      }
      pos = end + 1;
      line++;
    }
    throw error(start, "heredoc <<" + marker + " is never closed by a line holding " + marker);
  }

  private void countLines(int from, int to) {
    for (int i = from; i < to; i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
  }

  private TerraformParseException error(int atLine, String message) {
    return new TerraformParseException(file, atLine, message);
  }
}
