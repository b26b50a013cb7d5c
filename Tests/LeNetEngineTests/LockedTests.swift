import Dispatch
import Foundation
import Testing
@testable import LeNetEngine

/// The one locked-value helper every shared class is built on.
@Suite struct LockedTests {
    @Test func concurrentUpdatesAreNeverLost() {
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1_000 { counter.withLock { $0 += 1 } }
        }
        #expect(counter.value == 8_000)
    }

    @Test func waitReturnsOnceAnUpdateMakesTheDecisionDone() {
        let ready = Locked<Int?>(nil)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { ready.update { $0 = 42 } }
        let value = ready.wait { value -> LockedWait<Int> in value.map { .done($0) } ?? .wait(until: nil) }
        #expect(value == 42)
    }

    @Test func waitWithADeadlineDecidesAgainWhenItPasses() {
        let calls = Locked(0)
        let start = Date()
        let decided = calls.wait { calls -> LockedWait<Int> in
            calls += 1
            return calls == 3 ? .done(calls) : .wait(until: Date(timeIntervalSinceNow: 0.01))
        }
        #expect(decided == 3)
        #expect(Date().timeIntervalSince(start) >= 0.015)
    }
}
