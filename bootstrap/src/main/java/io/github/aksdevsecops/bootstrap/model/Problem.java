package io.github.aksdevsecops.bootstrap.model;

import java.nio.file.Path;

/** One problem found in an asset: where it is and what is wrong. Line 0 means "whole file". */
public record Problem(Path file, int line, String message) {

  public String render(Path root) {
    Path shown = file.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file;
    return line > 0 ? shown + ":" + line + ": " + message : shown + ": " + message;
  }
}
