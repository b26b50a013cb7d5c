import LeNetTraining
import Testing

/// The clock that leaves Ctrl-Z's suspensions out of training time, driven by hand (no signals).
@Suite struct SuspensionClockTests {
    @Test func runningTheClockIsTheSource() {
        let clock = SuspensionClock(source: { 42 })
        #expect(clock.now() == 42)
        #expect(clock.activeNanoseconds(at: 1_000) == 1_000)
        #expect(clock.suspendedNanoseconds == 0)
        #expect(!clock.isSuspended)
    }

    @Test func aSuspensionIsLeftOutAndTheClockStandsStillDuringIt() {
        let clock = SuspensionClock(source: { 0 })
        clock.suspend(at: 1_000)
        #expect(clock.isSuspended)
        #expect(clock.activeNanoseconds(at: 3_000) == 1_000, "frozen at the stop")
        #expect(clock.activeNanoseconds(at: 500) == 500, "times before the stop are unchanged")
        clock.resume(at: 6_000)
        #expect(!clock.isSuspended)
        #expect(clock.suspendedNanoseconds == 5_000)
        #expect(clock.activeNanoseconds(at: 6_000) == 1_000, "continues where it stopped")
        #expect(clock.activeNanoseconds(at: 7_000) == 2_000)
    }

    @Test func suspensionsAddUpAndStraySignalsChangeNothing() {
        let clock = SuspensionClock(source: { 0 })
        clock.resume(at: 100)  // SIGCONT without a stop
        #expect(clock.suspendedNanoseconds == 0)
        clock.suspend(at: 1_000)
        clock.suspend(at: 2_000)  // a second SIGTSTP while stopped keeps the first start
        clock.resume(at: 4_000)
        clock.suspend(at: 10_000)
        clock.resume(at: 10_250)
        #expect(clock.suspendedNanoseconds == 3_250)
        #expect(clock.activeNanoseconds(at: 20_000) == 16_750)
    }

    @Test func aMiniBatchThatSpansASuspensionMeasuresOnlyItsRunningTime() {
        // start 1 ms into the run, Ctrl-Z at 3 ms, fg at 9.9 s, end at 10 s: 2 ms + 0.1 s of work.
        let clock = SuspensionClock(source: { 0 })
        let start = clock.activeNanoseconds(at: 1_000_000)
        clock.suspend(at: 3_000_000)
        clock.resume(at: 9_900_000_000)
        let end = clock.activeNanoseconds(at: 10_000_000_000)
        #expect(end - start == 102_000_000)
    }
}
