import Foundation

// MARK: - The one home of `@unchecked Sendable`
//
// Every type that is shared between threads is built on the two helpers below (a value behind a lock, or
// a box for data that workers touch in disjoint parts) or is Sendable on its own; no other file in
// Sources may say `@unchecked Sendable` (docs/DECISIONS.md, "Threading").

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

/// Carries a value into a `@Sendable` closure (e.g. `DispatchQueue.concurrentPerform`'s on Darwin) when
/// the caller guarantees the accesses do not race: each worker touches only its own part (its workspace,
/// its images, its chunk's result slot), and the caller waits for all of them.
public struct DisjointAccess<Value>: @unchecked Sendable {
    /// The value; use only the part that is this worker's.
    public let value: Value

    /// - Parameter value: pointers, workspaces or a closure shared with the workers.
    public init(_ value: Value) { self.value = value }
}
