import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: - Terminal restore on a crash
//
// If the process dies of a fatal signal while the dashboard owns the terminal, the shell would be left in
// the alternate screen with the cursor hidden and echo off. While the driver runs, a handler for SIGSEGV,
// SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP puts the terminal back with async-signal-safe calls only
// (`tcsetattr` with the attributes from before curses, `write(2)` of terminfo's reset strings prepared in
// advance, and mouse reporting off when the dashboard switched it on), then lets the signal take its default action (SA_RESETHAND + re-raise), so the exit status
// still says which signal it was.

/// Reset strings and terminal attributes the handler uses; written before installing, read only by it.
nonisolated(unsafe) private var restoreBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var restoreCount = 0
nonisolated(unsafe) private var savedAttributes: UnsafeMutablePointer<termios>?
nonisolated(unsafe) private var terminalDescriptor: Int32 = -1
nonisolated(unsafe) private var previousActions: UnsafeMutablePointer<sigaction>?
nonisolated(unsafe) private var alternateStack: UnsafeMutableRawPointer?

/// The handler: restore, then die of the same signal.
private func restoreTerminalAndDie(_ signalNumber: Int32) {
    if let savedAttributes { _ = tcsetattr(terminalDescriptor, TCSANOW, savedAttributes) }
    if let restoreBytes { _ = write(terminalDescriptor, restoreBytes, restoreCount) }
    // SA_RESETHAND put the default action back; the re-raised signal is delivered when this returns (a
    // faulting instruction also runs again and faults under the default action).
    raise(signalNumber)
}

/// Installs and removes the crash handler around the dashboard.
enum FatalSignalGuard {
    /// The signals that end the process with a core dump or a trap.
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// The bytes that undo curses' screen setup, from terminfo strings (nil = the terminal lacks it), in
    /// the order `endwin` applies them: attributes off, cursor visible, keypad transmit off, leave the
    /// alternate screen; then `mouseOff` (`MouseMode.disable` when the mouse was on). Padding (`$<5>`,
    /// `$<2*/>`) is dropped: nothing can wait in a signal handler.
    static func restoreSequence(resetAttributes: String?, showCursor: String?, keypadOff: String?,
                                leaveAlternateScreen: String?, mouseOff: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in [resetAttributes, showCursor, keypadOff, leaveAlternateScreen] {
            guard let capability else { continue }
            bytes += withoutPadding(Array(capability.utf8))
        }
        return bytes + mouseOff + Array("\r\n".utf8)
    }

    /// `text` without terminfo padding specifications `$<...>`.
    static func withoutPadding(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "$"), index + 1 < text.count, text[index + 1] == UInt8(ascii: "<"),
               let close = text[(index + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                continue
            }
            out.append(text[index])
            index += 1
        }
        return out
    }

    /// The terminal's attributes now (before curses changes them), to restore on a crash.
    static func captureAttributes(of descriptor: Int32) -> termios? {
        var attributes = termios()
        return tcgetattr(descriptor, &attributes) == 0 ? attributes : nil
    }

    /// Installs the handler for `signals` on `descriptor` with terminfo's reset strings (call after curses
    /// is set up, so terminfo is loaded). `attributes`: the terminal's modes from before curses;
    /// `mouseOff`: the bytes that switch mouse reporting off, when it is on.
    static func install(descriptor: Int32, attributes: termios?, mouseOff: [UInt8] = []) {
        let sequence = restoreSequence(resetAttributes: capability("sgr0"), showCursor: capability("cnorm"),
                                       keypadOff: capability("rmkx"), leaveAlternateScreen: capability("rmcup"),
                                       mouseOff: mouseOff)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: sequence.count)
        bytes.initialize(from: sequence, count: sequence.count)
        restoreBytes = bytes
        restoreCount = sequence.count
        if let attributes {
            let stored = UnsafeMutablePointer<termios>.allocate(capacity: 1)
            stored.initialize(to: attributes)
            savedAttributes = stored
        }
        terminalDescriptor = descriptor
        // An alternate stack, so a stack overflow on the main thread still reaches the handler.
        if alternateStack == nil {
            let size = 64 * 1024
            alternateStack = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            var stack = stack_t(ss_sp: alternateStack, ss_flags: 0, ss_size: size)
            sigaltstack(&stack, nil)
        }
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signals.count)
        previous.initialize(repeating: sigaction(), count: signals.count)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = restoreTerminalAndDie
        action.sa_flags = Int32(bitPattern: SA_RESETHAND | UInt32(SA_ONSTACK))
        sigemptyset(&action.sa_mask)
        for (index, signalNumber) in signals.enumerated() {
            sigaction(signalNumber, &action, previous + index)
        }
        previousActions = previous
    }

    /// Puts back the handlers from before `install` (the Swift runtime's crash reporter) and frees the
    /// handler's data.
    static func uninstall() {
        guard let previous = previousActions else { return }
        for (index, signalNumber) in signals.enumerated() {
            sigaction(signalNumber, previous + index, nil)
        }
        previousActions = nil
        previous.deallocate()
        let bytes = restoreBytes
        restoreBytes = nil
        bytes?.deallocate()
        let attributes = savedAttributes
        savedAttributes = nil
        attributes?.deallocate()
    }

    /// A terminfo string capability, nil when the terminal lacks it.
    private static func capability(_ name: String) -> String? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        return String(cString: value)
    }
}
