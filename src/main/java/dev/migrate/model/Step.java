package dev.migrate.model;

/** A change in its place in the changelog, so every error can name file:line. */
public record Step(Change change, Location location) {}
