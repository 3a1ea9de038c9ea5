package dev.scribe.slack;

import dev.scribe.reminder.DueReminder;
import dev.scribe.reminder.ReminderPoster;
import dev.scribe.report.Postmortem;
import java.util.List;
import java.util.Optional;

/** Posts reminders in their incident's channel (an action reminder in the summary's thread) with chat.postMessage. */
public final class SlackReminderPoster implements ReminderPoster {

    /** The owner the report gives an action item nobody owns. */
    private static final String UNASSIGNED = "unassigned";

    private final SlackWebPoster poster;
    private final ReportPublisher publisher;

    /** {@code publisher} compiles a closed incident's report, for its action items. */
    public SlackReminderPoster(SlackWebPoster poster, ReportPublisher publisher) {
        this.poster = poster;
        this.publisher = publisher;
    }

    @Override
    public Optional<String> post(DueReminder reminder) {
        SlackMessage message;
        switch (reminder.kind()) {
            case UPDATE -> message = ReminderMessages.update(reminder);
            case CLOSE -> message = ReminderMessages.close(reminder);
            case ACTION -> {
                Postmortem report = publisher.compile(reminder.incidentNumber());
                List<Postmortem.ActionItem> unowned = report.actionItems().stream()
                        .filter(a -> UNASSIGNED.equals(a.owner())).toList();
                if (unowned.isEmpty()) {
                    return Optional.empty();
                }
                message = ReminderMessages.actions(reminder, report, unowned);
            }
            default -> throw new IllegalStateException(reminder.kind().name());
        }
        return Optional.of(poster.post(reminder.channelId(), message, reminder.threadTs()).getTs());
    }
}
