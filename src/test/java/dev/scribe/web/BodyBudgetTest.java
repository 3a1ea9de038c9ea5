package dev.scribe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    private static final long MIB = 1024 * 1024;
    private final BodyBudget budget = new BodyBudget(32 * MIB);

    @Test
    void largeBodiesLeaveAQuarterOfTheBudgetToSlackSizedOnes() {
        List<BodyBudget.Reservation> held = new ArrayList<>();
        Optional<BodyBudget.Reservation> next;
        while ((next = budget.tryReserve(MIB)).isPresent()) {
            held.add(next.get());
        }
        assertEquals(24, held.size(), "large bodies may use three quarters");
        for (int i = 0; i < 8 * MIB / BodyBudget.SMALL_BODY_BYTES; i++) {
            assertTrue(budget.tryReserve(BodyBudget.SMALL_BODY_BYTES).isPresent(), "small body " + i);
        }
        assertTrue(budget.tryReserve(1).isEmpty(), "and then the budget is spent");
    }

    @Test
    void aReservationIsGivenBackOnceHoweverOftenItIsClosed() {
        BodyBudget.Reservation first = budget.tryReserve(MIB).orElseThrow();
        BodyBudget.Reservation second = budget.tryReserve(MIB).orElseThrow();
        first.close();
        first.close();
        assertEquals(MIB, budget.reservedBytes());
        second.close();
        assertEquals(0, budget.reservedBytes());
    }
}
