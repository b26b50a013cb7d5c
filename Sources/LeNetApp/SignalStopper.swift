import Dispatch
import Foundation
import LeNetTraining

/// Turns SIGINT, SIGTERM and SIGHUP into a stop request for the trainer while it lives: the signals are
/// read from a dispatch source instead of ending the process, so the trainer finishes its mini-batch and
/// the last epoch's checkpoint and result files stay whole. Make it on one thread, `cancel()` on the same.
///
/// `init` returns once the sources are registered: from then on no signal is lost. On Linux libdispatch
/// takes a signal over when it registers its source (a handler of its own that hands the signal to its
/// signalfd); setting SIG_IGN first, as on Darwin, dropped a signal that came before the registration
/// (a Ctrl-C in the first moments of a run was lost, and the run went on), and a second stopper's SIG_IGN
/// replaced that handler for good. A signal before `init` keeps its default action (the process ends).
public final class SignalStopper {
    /// The signals that stop a run (the terminal's Ctrl-C, `kill`, a closed terminal).
    public static let signals = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [DispatchSourceSignal] = []

    /// Starts turning the signals into `stop()` and waits (at most 2 s) until the sources are registered.
    /// - Parameter stop: called on a background queue for every signal that arrives.
    public init(stop: @escaping @Sendable () -> Void) {
        let registered = DispatchSemaphore(value: 0)
        for signalNumber in Self.signals {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop() }
            source.setRegistrationHandler { registered.signal() }
            source.resume()
            sources.append(source)
        }
        for _ in Self.signals { _ = registered.wait(timeout: .now() + 2) }
        #if !os(Linux)
        for signalNumber in Self.signals { signal(signalNumber, SIG_IGN) }  // kqueue sees ignored signals
        #endif
    }

    /// Stops turning the signals into stop requests (they stay ignored: on Linux libdispatch's handler
    /// keeps them pending for its own thread).
    public func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
