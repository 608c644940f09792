package io.github.aksdevsecops.bootstrap.assets.terraform;

import io.github.aksdevsecops.bootstrap.assets.terraform.HclLexer.Kind;
import io.github.aksdevsecops.bootstrap.assets.terraform.HclLexer.Token;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the block/attribute structure of one HCL file and reports its top-level items. Expressions
 * are not evaluated; only their brackets are balanced.
 */
final class HclStructure {

  /** A top-level block: its type, labels and line. */
  record Block(String type, List<String> labels, int line) {}

  /** A top-level attribute: its name and line. */
  record Attribute(String name, int line) {}

  private final Path file;
  private final List<Token> tokens;
  private final List<Block> blocks = new ArrayList<>();
  private final List<Attribute> attributes = new ArrayList<>();
  private int index;

  private HclStructure(Path file, String source) {
    this.file = file;
    this.tokens = new HclLexer(file, source).tokenize();
  }

  static HclStructure parse(Path file, String source) {
    HclStructure structure = new HclStructure(file, source);
    structure.body(0);
    Token last = structure.peek();
    if (last.kind() != Kind.EOF) {
      throw structure.error(last, "unexpected " + last.describe());
    }
    return structure;
  }

  List<Block> blocks() {
    return List.copyOf(blocks);
  }

  List<Attribute> attributes() {
    return List.copyOf(attributes);
  }

  private void body(int depth) {
    Map<String, Integer> seen = new HashMap<>();
    while (true) {
      skipNewlines();
      Token name = peek();
      if (name.kind() == Kind.EOF || name.kind() == Kind.RBRACE) {
        if (name.kind() == Kind.RBRACE && depth == 0) {
          throw error(name, "unexpected '}' without a matching '{'");
        }
        return;
      }
      if (name.kind() != Kind.IDENT) {
        throw error(name, "expected an argument or block name, found " + name.describe());
      }
      next();
      if (peek().kind() == Kind.EQUALS) {
        next();
        Integer previous = seen.putIfAbsent(name.text(), name.line());
        if (previous != null) {
          throw error(name, "argument '" + name.text() + "' is already set at line " + previous);
        }
        expression(name);
        if (depth == 0) {
          attributes.add(new Attribute(name.text(), name.line()));
        }
      } else {
        block(name, depth);
      }
      endOfItem(name);
    }
  }

  private void block(Token type, int depth) {
    List<String> labels = new ArrayList<>();
    while (peek().kind() == Kind.STRING || peek().kind() == Kind.IDENT) {
      labels.add(next().text());
    }
    Token open = next();
    if (open.kind() != Kind.LBRACE) {
      throw error(
          open, "expected '=' or '{' after '" + type.text() + "', found " + open.describe());
    }
    if (depth == 0) {
      blocks.add(new Block(type.text(), List.copyOf(labels), type.line()));
    }
    body(depth + 1);
    Token close = next();
    if (close.kind() != Kind.RBRACE) {
      throw error(type, "block '" + type.text() + "' opened here is never closed");
    }
  }

  /** Skips one expression: up to a line end or closing brace outside any bracket. */
  private void expression(Token name) {
    Deque<Token> open = new ArrayDeque<>();
    int consumed = 0;
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.EOF) {
        if (!open.isEmpty()) {
          Token unclosed = open.peek();
          throw error(unclosed, "'" + unclosed.text() + "' opened here is never closed");
        }
        break;
      }
      if (open.isEmpty() && (t.kind() == Kind.NEWLINE || t.kind() == Kind.RBRACE)) {
        break;
      }
      if (open.isEmpty() && t.kind() == Kind.EQUALS) {
        throw error(
            t, "unexpected '=' in the value of '" + name.text() + "' (missing line break?)");
      }
      switch (t.kind()) {
        case LBRACE, LBRACK, LPAREN -> open.push(t);
        case RBRACE, RBRACK, RPAREN -> closeBracket(open, t);
        default -> {
          // other tokens carry no structure
        }
      }
      next();
      consumed++;
    }
    if (consumed == 0) {
      throw error(name, "argument '" + name.text() + "' has no value after '='");
    }
  }

  private void closeBracket(Deque<Token> open, Token close) {
    if (open.isEmpty()) {
      throw error(close, "unexpected '" + close.text() + "' without a matching opening bracket");
    }
    Token opener = open.pop();
    String expected =
        switch (opener.kind()) {
          case LBRACE -> "}";
          case LBRACK -> "]";
          default -> ")";
        };
    if (!expected.equals(close.text())) {
      throw error(
          close,
          "found '"
              + close.text()
              + "' where '"
              + expected
              + "' closes '"
              + opener.text()
              + "' of line "
              + opener.line());
    }
  }

  private void endOfItem(Token name) {
    Kind kind = peek().kind();
    if (kind != Kind.NEWLINE && kind != Kind.EOF && kind != Kind.RBRACE) {
      throw error(
          peek(), "expected a line break after '" + name.text() + "', found " + peek().describe());
    }
  }

  private void skipNewlines() {
    while (peek().kind() == Kind.NEWLINE) {
      index++;
    }
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.EOF) {
      index++;
    }
    return t;
  }

  private TerraformParseException error(Token at, String message) {
    return new TerraformParseException(file, at.line(), message);
  }
}
