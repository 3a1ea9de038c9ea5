package dev.scribe.slack;

/**
 * Where {@code /incident start} puts an incident: a channel of its own, or the channel where it was started
 * ({@code SCRIBE_CHANNEL_MODE}). A choice of the Slack edge: the domain records whichever channel it is given.
 */
public enum ChannelMode { DEDICATED, HERE }
