import Foundation
import LeNetFormats

// MARK: - `train --until ACCURACY`

/// A test accuracy to train until (`train --until`): a fraction in (0, 1] written as `0.99`, or a
/// percentage written as `99%` or `99.5%`.
public struct TargetAccuracy: Sendable, Equatable, CustomStringConvertible {
    /// The target as a fraction, in (0, 1].
    public let fraction: Double

    /// The flag's name, for messages.
    public static let flag = "--until"

    /// Parses the flag's text.
    /// - Throws: `ConfigError.invalidFlag` naming `--until` for anything else (a plain number above 1, such
    ///   as `99`, is refused rather than guessed as a percentage).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isPercent = trimmed.hasSuffix("%")
        let number = Double(isPercent ? String(trimmed.dropLast()) : trimmed)
        guard let number, number.isFinite else { throw Self.invalid(text) }
        let fraction = isPercent ? number / 100 : number
        guard fraction > 0, fraction <= 1 else { throw Self.invalid(text) }
        self.fraction = fraction
    }

    private static func invalid(_ text: String) -> ConfigError {
        .invalidFlag(flag: flag, requirement: "a test accuracy: a fraction in (0, 1] such as 0.99, or a percentage such as 99%",
                     found: TerminalText.quoted(text))
    }

    /// Whether `correct` of `total` test images reach the target (compared in whole images:
    /// `correct ≥ fraction · total`, with 1e-9 of slack for the decimal fraction's rounding).
    public func isReached(correct: Int, total: Int) -> Bool {
        total > 0 && Double(correct) >= fraction * Double(total) - 1e-9
    }

    /// `99%`, `99.4%`, `99.25%`: the target as a percentage without trailing zeros.
    public var description: String {
        var text = String(format: "%.4f", fraction * 100)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}

// MARK: - Seconds since the process started

/// Wall-clock seconds since this process started, as the kernel counts them: `CLOCK_BOOTTIME` now minus the
/// process's start time (field 22 of `/proc/self/stat`, in clock ticks since boot: 10 ms resolution), so
/// the dynamic loader, reading the data and everything before `main` count. Where `/proc` is not there,
/// the time since this type was first used (`ProcessClock.start()` at the top of `main`).
public enum ProcessClock {
    private static let fallbackStart = DispatchTime.now().uptimeNanoseconds

    /// Call at the start of `main`, so the fallback counts from there.
    public static func start() { _ = fallbackStart }

    /// Seconds since the process started.
    public static func secondsSinceStart() -> Double {
        if let start = kernelStartSeconds() {
            var now = timespec()
            if clock_gettime(CLOCK_BOOTTIME, &now) == 0 {
                return max(0, Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 - start)
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - fallbackStart) / 1e9
    }

    /// The process's start in seconds since boot, from `/proc/self/stat` (nil where it cannot be read).
    static func kernelStartSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, so starttime (field 22) is the 20th of these.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count >= 20, let ticks = Double(fields[19]) else { return nil }
        let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return perSecond > 0 ? ticks / perSecond : nil
    }
}
