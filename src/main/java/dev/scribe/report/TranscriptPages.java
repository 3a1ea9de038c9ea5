package dev.scribe.report;

import dev.scribe.incident.RecordedMessage;
import dev.scribe.report.Postmortem.TranscriptItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The transcript cut into pages of at most {@code size} messages, each thread reply under its parent: a thread
 * starts on the page where its parent falls and goes on with it, unless the thread alone is longer than a page;
 * then its replies go on over the next pages, each of which shows the parent again and says where the thread came
 * from. The layout is made from one pass that makes no items; a page's items are made when it is asked for, so a
 * page costs one more pass over the messages and the items of that page only.
 */
public final class TranscriptPages {

    /**
     * One thread on a page (or a message with no replies): {@code first} is its parent, shown again on a page the
     * thread {@code continuedFrom}; {@code orphanReply} a reply whose parent was said before the incident;
     * {@code continuesOn} the page the thread goes on to.
     */
    public record Thread(TranscriptItem first, boolean orphanReply, List<TranscriptItem> replies,
                         OptionalInt continuedFrom, OptionalInt continuesOn) {
    }

    /** Page {@code number} (from 1) of {@code count}, with {@code messages} messages (a parent shown again counts). */
    public record Page(int number, int count, int messages, List<Thread> threads) {
    }

    /** Where a message goes: its page, and for a reply its thread's parent. */
    private record Place(int page, String parentTs) {
    }

    /** A message's thread while the layout is made: its parent's page and how many replies it has. */
    private static final class Unit {
        final String ts;
        int firstPage;
        int lastPage;
        int replies;

        Unit(String ts) {
            this.ts = ts;
        }
    }

    private final Transcript transcript;
    private final Map<String, Place> places = new HashMap<>();
    private final Map<String, Unit> unitOf = new HashMap<>();
    private final int count;

    /** @param size the most messages on one page, at least 2 (a parent shown again and one reply) */
    public TranscriptPages(Transcript transcript, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("A transcript page holds at least 2 messages, not " + size);
        }
        this.transcript = transcript;
        Map<String, Unit> units = new LinkedHashMap<>();
        List<String> replyTs = new ArrayList<>();
        List<Unit> replyUnit = new ArrayList<>();
        transcript.forEachMessage(m -> {
            Unit parent = m.parentTs().map(units::get).orElse(null);
            if (parent != null) {
                parent.replies++;
                replyTs.add(m.ts());
                replyUnit.add(parent);
            } else {
                units.put(m.ts(), new Unit(m.ts()));
            }
        });
        int page = 1;
        int used = 0;
        for (Unit unit : units.values()) {
            int messages = 1 + unit.replies;
            if (used > 0 && used + messages > size) {
                page++;
                used = 0;
            }
            unit.firstPage = page;
            if (messages <= size) {
                used += messages;
            } else {
                // Every page of the thread holds the parent (again) and size - 1 replies.
                int pagesMore = (unit.replies - 1) / (size - 1);
                page += pagesMore;
                used = 1 + unit.replies - pagesMore * (size - 1);
            }
            unit.lastPage = page;
            places.put(unit.ts, new Place(unit.firstPage, null));
            unitOf.put(unit.ts, unit);
        }
        Map<Unit, Integer> seen = new HashMap<>();
        for (int i = 0; i < replyTs.size(); i++) {
            Unit unit = replyUnit.get(i);
            int index = seen.merge(unit, 1, Integer::sum) - 1;
            int replyPage = unit.firstPage == unit.lastPage ? unit.firstPage : unit.firstPage + index / (size - 1);
            places.put(replyTs.get(i), new Place(replyPage, unit.ts));
        }
        count = page;
    }

    /** How many pages there are: at least one, which is empty when no message was recorded. */
    public int count() {
        return count;
    }

    /**
     * Page {@code number}, from 1 to {@link #count()}. A message recorded after the layout was made is left for
     * the next time the pages are made.
     */
    public Page page(int number) {
        if (number < 1 || number > count) {
            throw new IllegalArgumentException("No transcript page " + number + " of " + count);
        }
        Map<String, Thread> threads = new LinkedHashMap<>();
        Map<String, RecordedMessage> parents = new HashMap<>();
        int[] messages = {0};
        transcript.forEachMessage(m -> {
            Place place = places.get(m.ts());
            if (place == null) {
                return;
            }
            if (place.parentTs() == null) {
                Unit unit = unitOf.get(m.ts());
                if (unit.firstPage < number && unit.lastPage >= number) {
                    parents.put(m.ts(), m);
                }
                if (place.page() == number) {
                    threads.put(m.ts(), thread(transcript.item(m), m.parentTs().isPresent(), OptionalInt.empty(), unit, number));
                    messages[0]++;
                }
            } else if (place.page() == number) {
                Thread thread = threads.get(place.parentTs());
                if (thread == null) {
                    RecordedMessage parent = parents.get(place.parentTs());
                    if (parent == null) {
                        return;
                    }
                    Unit unit = unitOf.get(place.parentTs());
                    thread = thread(transcript.item(parent), false,
                            OptionalInt.of(number - 1), unit, number);
                    threads.put(place.parentTs(), thread);
                    messages[0]++;
                }
                thread.replies().add(transcript.item(m));
                messages[0]++;
            }
        });
        List<Thread> shown = threads.values().stream().map(t -> new Thread(t.first(), t.orphanReply(),
                List.copyOf(t.replies()), t.continuedFrom(), t.continuesOn())).toList();
        return new Page(number, count, messages[0], shown);
    }

    private static Thread thread(TranscriptItem first, boolean orphanReply, OptionalInt continuedFrom, Unit unit, int page) {
        return new Thread(first, orphanReply, new ArrayList<>(), continuedFrom,
                unit.lastPage > page ? OptionalInt.of(page + 1) : OptionalInt.empty());
    }
}
