#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// MARK: - Training time without suspensions

/// A monotonic clock that stands still while the process is suspended (Ctrl-Z: SIGTSTP until SIGCONT), so
/// time spent stopped is not counted as training time, as paused time is not.
///
/// The record is two numbers: nanoseconds suspended in finished suspensions, and the start of the
/// suspension in progress (0 while running). `suspend(at:)` and `resume(at:)` are called by the SIGTSTP
/// handler (`installSuspendHandler()`) around the stop, and by tests directly, without signals. Both are
/// lock-free atomics (async-signal-safe); `activeNanoseconds(at:)` reads them consistently from any thread.
///
/// ```swift
/// let clock = SuspensionClock(source: { fake })
/// clock.suspend(at: 1_000); clock.resume(at: 6_000)
/// clock.activeNanoseconds(at: 7_000)   // 2_000: the 5,000 ns suspended are left out
/// ```
public final class SuspensionClock: Sendable {
    /// Nanoseconds spent suspended in suspensions that ended.
    private let finished = Atomic<UInt64>(0)
    /// When the suspension in progress started (monotonic nanoseconds, at least 1); 0 while running.
    private let since = Atomic<UInt64>(0)
    /// The underlying monotonic clock, nanoseconds.
    private let source: @Sendable () -> UInt64

    /// The process's clock: the trainer's default, and the one the SIGTSTP handler updates.
    public static let process = SuspensionClock()

    /// - Parameter source: the monotonic time in nanoseconds (default `CLOCK_MONOTONIC`, which keeps
    ///   running while the process is stopped).
    public init(source: @escaping @Sendable () -> UInt64 = SuspensionClock.monotonicNanoseconds) {
        self.source = source
    }

    /// `CLOCK_MONOTONIC` in nanoseconds (async-signal-safe).
    @Sendable public static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// Records that the process stops at `time` (monotonic nanoseconds). A second call before `resume`
    /// keeps the first start.
    public func suspend(at time: UInt64) {
        _ = since.compareExchange(expected: 0, desired: max(time, 1), ordering: .sequentiallyConsistent)
    }

    /// Records that the process runs again at `time`: the suspension's length joins the total. Without a
    /// suspension in progress, nothing happens.
    public func resume(at time: UInt64) {
        let start = since.load(ordering: .sequentiallyConsistent)
        guard start != 0 else { return }
        // The total grows before the start is cleared: a reader then never sees both "running" and the old total.
        finished.add(time > start ? time - start : 0, ordering: .sequentiallyConsistent)
        since.store(0, ordering: .sequentiallyConsistent)
    }

    /// Nanoseconds suspended so far (finished suspensions only).
    public var suspendedNanoseconds: UInt64 { finished.load(ordering: .sequentiallyConsistent) }

    /// Whether a suspension is in progress (between `suspend` and `resume`).
    public var isSuspended: Bool { since.load(ordering: .sequentiallyConsistent) != 0 }

    /// The clock's reading for the monotonic time `time`: `time` minus every nanosecond suspended before
    /// it; during a suspension, frozen at its start.
    public func activeNanoseconds(at time: UInt64) -> UInt64 {
        while true {
            let total = finished.load(ordering: .sequentiallyConsistent)
            let start = since.load(ordering: .sequentiallyConsistent)
            // A suspension that ended between the two loads changed the total: read again.
            guard finished.load(ordering: .sequentiallyConsistent) == total else { continue }
            let end = start != 0 ? min(start, time) : time
            return end > total ? end - total : 0
        }
    }

    /// The clock now: `activeNanoseconds(at: source())`.
    public func now() -> UInt64 { activeNanoseconds(at: source()) }
}

// MARK: - The SIGTSTP handler

/// The SIGTSTP action in place before `installSuspendHandler()` (ncurses' own, which restores the
/// terminal, when the dashboard runs); `nil` for the default action.
nonisolated(unsafe) private var previousSuspendHandler: (@convention(c) (Int32) -> Void)?
/// The whole SIGTSTP action replaced by `installSuspendHandler()`, for `uninstallSuspendHandler()`;
/// `nil` while the handler is not installed.
nonisolated(unsafe) private var replacedSuspendAction: sigaction?

/// Notes the stop, stops the process (through the previous handler, or the default action), notes the
/// continue. Only async-signal-safe calls: clock_gettime, sigaction, sigprocmask, raise, atomics.
private func recordSuspension(_ signalNumber: Int32) {
    let clock = SuspensionClock.process
    clock.suspend(at: SuspensionClock.monotonicNanoseconds())
    if let previous = previousSuspendHandler {
        previous(signalNumber)  // ncurses: leaves the screen, stops the process, redraws after SIGCONT
    } else {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        var ours = sigaction()
        sigaction(SIGTSTP, &action, &ours)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTSTP)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        raise(SIGTSTP)  // the default action stops the process here until SIGCONT
        sigaction(SIGTSTP, &ours, nil)
    }
    clock.resume(at: SuspensionClock.monotonicNanoseconds())
}

extension SuspensionClock {
    /// Routes SIGTSTP (Ctrl-Z) through a handler that records the suspension in `SuspensionClock.process`
    /// and then stops the process as before: through the handler already installed (ncurses' own, so call
    /// this after the terminal UI started) or the default action. Idempotent; does nothing when SIGTSTP is
    /// ignored (a shell without job control). Stops by SIGSTOP cannot be caught and still count.
    public static func installSuspendHandler() {
        guard replacedSuspendAction == nil else { return }
        _ = process.suspendedNanoseconds  // initialise the shared clock outside the signal handler
        var current = sigaction()
        sigaction(SIGTSTP, nil, &current)
        let handler = current.__sigaction_handler.sa_handler
        if let handler, unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { return }
        previousSuspendHandler = handler
        replacedSuspendAction = current
        var action = sigaction()
        action.__sigaction_handler.sa_handler = recordSuspension
        action.sa_flags = Int32(SA_RESTART)
        sigemptyset(&action.sa_mask)
        sigaction(SIGTSTP, &action, nil)
    }

    /// Puts back the SIGTSTP action from before `installSuspendHandler()` (when the terminal UI closes).
    public static func uninstallSuspendHandler() {
        guard var replaced = replacedSuspendAction else { return }
        sigaction(SIGTSTP, &replaced, nil)
        previousSuspendHandler = nil
        replacedSuspendAction = nil
    }
}
