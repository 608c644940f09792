package io.github.aksdevsecops.gate.model;

/** The gate's verdict; INVALID beats BLOCK because a gate that cannot read its input must fail. */
public enum Decision {
  PASS,
  WARN,
  BLOCK,
  INVALID
}
