import Foundation

// MARK: - The one home of `@unchecked Sendable`
//
// Every type that is shared between threads keeps its shared state in a `Locked` (below), runs its
// parallel work on a `WorkerPool` (WorkerPool.swift, beside this file), or is Sendable on its own; no
// file outside this folder may say `@unchecked Sendable` (docs/DECISIONS.md, "Threading").

/// A value shared between threads, behind a lock: every read and write goes through `withLock`, so the
/// value is never seen half-written. Waiters (`wait(_:)`) are woken by `update(_:)`.
///
/// `Value` need not be Sendable (e.g. an engine workspace used by one caller at a time); what `withLock`
/// returns must not keep references into it that are used after the lock is released.
///
/// ```swift
/// let outcome = Locked<TrainingOutcome?>(nil)
/// outcome.withLock { if $0 == nil { $0 = .stopped } }   // keep the first outcome
/// let ended = outcome.value                                // a copy, read under the lock
/// ```
public final class Locked<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var stored: Value

    /// - Parameter value: the initial value.
    public init(_ value: Value) {
        stored = value
    }

    /// Runs `body` on the value with the lock held and returns what it returns. Do not call back into the
    /// same `Locked` from `body` (the lock is not recursive).
    @discardableResult
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        condition.lock(); defer { condition.unlock() }
        return try body(&stored)
    }

    /// `withLock`, then wakes every thread blocked in `wait(_:)` so it looks at the value again.
    @discardableResult
    public func update<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        condition.lock(); defer { condition.unlock() }
        let result = try body(&stored)
        condition.broadcast()
        return result
    }

    /// Blocks until `decide` returns `.done`: `decide` runs with the lock held, first at once and then
    /// each time an `update` wakes the thread (or the deadline of its `.wait(until:)` passes); the lock is
    /// released while the thread waits.
    /// - Returns: the value of `decide`'s `.done`.
    public func wait<Result>(_ decide: (inout Value) -> LockedWait<Result>) -> Result {
        condition.lock(); defer { condition.unlock() }
        while true {
            switch decide(&stored) {
            case .done(let result):
                return result
            case .wait(until: nil):
                condition.wait()
            case .wait(until: let deadline?):
                _ = condition.wait(until: deadline)
            }
        }
    }
}

extension Locked where Value: Sendable {
    /// A copy of the value, read under the lock.
    public var value: Value { withLock { $0 } }
}

/// What `Locked.wait(_:)`'s decision says: finished with a result, or wait (until woken, or until a date).
public enum LockedWait<Result> {
    /// Stop waiting and return the result.
    case done(Result)
    /// Wait for an `update` (deadline nil) or until the deadline, then decide again.
    case wait(until: Date?)
}
