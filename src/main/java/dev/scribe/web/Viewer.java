package dev.scribe.web;

/** Who is looking at the incident pages: the Slack user a sign-in link was made for, and their workspace. */
public record Viewer(String userId, String teamId) {
}
