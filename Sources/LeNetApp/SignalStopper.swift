import Dispatch
import Foundation
import LeNetTraining

/// Turns SIGINT, SIGTERM and SIGHUP into a stop request for the trainer while it lives: the signals are
/// ignored by default and read from a dispatch source instead, so the trainer finishes its mini-batch and
/// the last epoch's checkpoint and result files stay whole. Make it on one thread, `cancel()` on the same.
public final class SignalStopper {
    /// The signals that stop a run (the terminal's Ctrl-C, `kill`, a closed terminal).
    public static let signals = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [DispatchSourceSignal] = []

    /// Starts turning the signals into `stop()`.
    /// - Parameter stop: called on a background queue for every signal that arrives.
    public init(stop: @escaping @Sendable () -> Void) {
        for signalNumber in Self.signals {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop() }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops turning the signals into stop requests (they stay ignored).
    public func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
