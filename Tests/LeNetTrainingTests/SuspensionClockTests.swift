import LeNetTraining
import XCTest

/// The clock that leaves Ctrl-Z's suspensions out of training time, driven by hand (no signals).
final class SuspensionClockTests: XCTestCase {
    func testRunningTheClockIsTheSource() {
        let clock = SuspensionClock(source: { 42 })
        XCTAssertEqual(clock.now(), 42)
        XCTAssertEqual(clock.activeNanoseconds(at: 1_000), 1_000)
        XCTAssertEqual(clock.suspendedNanoseconds, 0)
        XCTAssertFalse(clock.isSuspended)
    }

    func testASuspensionIsLeftOutAndTheClockStandsStillDuringIt() {
        let clock = SuspensionClock(source: { 0 })
        clock.suspend(at: 1_000)
        XCTAssertTrue(clock.isSuspended)
        XCTAssertEqual(clock.activeNanoseconds(at: 3_000), 1_000, "frozen at the stop")
        XCTAssertEqual(clock.activeNanoseconds(at: 500), 500, "times before the stop are unchanged")
        clock.resume(at: 6_000)
        XCTAssertFalse(clock.isSuspended)
        XCTAssertEqual(clock.suspendedNanoseconds, 5_000)
        XCTAssertEqual(clock.activeNanoseconds(at: 6_000), 1_000, "continues where it stopped")
        XCTAssertEqual(clock.activeNanoseconds(at: 7_000), 2_000)
    }

    func testSuspensionsAddUpAndStraySignalsChangeNothing() {
        let clock = SuspensionClock(source: { 0 })
        clock.resume(at: 100)  // SIGCONT without a stop
        XCTAssertEqual(clock.suspendedNanoseconds, 0)
        clock.suspend(at: 1_000)
        clock.suspend(at: 2_000)  // a second SIGTSTP while stopped keeps the first start
        clock.resume(at: 4_000)
        clock.suspend(at: 10_000)
        clock.resume(at: 10_250)
        XCTAssertEqual(clock.suspendedNanoseconds, 3_250)
        XCTAssertEqual(clock.activeNanoseconds(at: 20_000), 16_750)
    }

    func testAMiniBatchThatSpansASuspensionMeasuresOnlyItsRunningTime() {
        // start 1 ms into the run, Ctrl-Z at 3 ms, fg at 9.9 s, end at 10 s: 2 ms + 0.1 s of work.
        let clock = SuspensionClock(source: { 0 })
        let start = clock.activeNanoseconds(at: 1_000_000)
        clock.suspend(at: 3_000_000)
        clock.resume(at: 9_900_000_000)
        let end = clock.activeNanoseconds(at: 10_000_000_000)
        XCTAssertEqual(end - start, 102_000_000)
    }
}
