package io.github.aksdevsecops.bootstrap.model;

/**
 * A placeholder the repository ships on purpose and a fork replaces (a subscription, a group object
 * id, a DNS name), declared in the environment file with what it stands for.
 */
public record ForkSetting(String value, String why, Source source) {}
