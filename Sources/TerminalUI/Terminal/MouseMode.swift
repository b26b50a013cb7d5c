#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: - Mouse reporting on and off
//
// The dashboard asks the terminal for xterm's button-event tracking (mode 1002: presses, releases and
// motion while a button is held) in the SGR encoding (mode 1006: `ESC [ < b ; x ; y M`, decimal, so
// columns past 223 work). Both are switched off again on every way out: `CursesDriver.stop()` (normal
// exit, Ctrl-C, SIGTERM, SIGHUP), the crash handler (`FatalSignalGuard`, whose reset bytes include
// `disable`), and for the time the process is stopped by Ctrl-Z (the SIGTSTP handler below switches it
// off before the stop and on again after SIGCONT, so the shell does not receive mouse reports).

/// The SIGTSTP action `MouseMode.install` wrapped (the suspension clock's, around curses' own); nil
/// while not installed.
nonisolated(unsafe) private var wrappedSuspendHandler: (@convention(c) (Int32) -> Void)?
nonisolated(unsafe) private var replacedSuspendAction: sigaction?
/// The descriptor and bytes the SIGTSTP handler writes, prepared before it is installed.
nonisolated(unsafe) private var mouseDescriptor: Int32 = -1
nonisolated(unsafe) private var enableBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var disableBytes: UnsafeMutablePointer<UInt8>?

/// Mouse off, stop (through the wrapped handler), mouse on again: write(2) only, async-signal-safe.
private func suspendWithoutMouse(_ signalNumber: Int32) {
    if let disableBytes { _ = write(mouseDescriptor, disableBytes, MouseMode.disable.count) }
    wrappedSuspendHandler?(signalNumber)
    if let enableBytes { _ = write(mouseDescriptor, enableBytes, MouseMode.enable.count) }
}

/// Switches the terminal's mouse reporting on and off around the dashboard.
enum MouseMode {
    /// Mode 1002 (button-event tracking) and 1006 (SGR encoding) on.
    static let enable = Array("\u{1B}[?1002h\u{1B}[?1006h".utf8)
    /// Both off, in the opposite order.
    static let disable = Array("\u{1B}[?1006l\u{1B}[?1002l".utf8)

    /// Turns reporting on (writes `enable` to `descriptor`) and wraps the SIGTSTP handler in place (call
    /// after curses and `SuspensionClock.installSuspendHandler()` installed theirs). Without a handler
    /// to wrap (SIGTSTP ignored or default), Ctrl-Z is left alone.
    static func install(descriptor: Int32) {
        mouseDescriptor = descriptor
        enableBytes = copy(enable)
        disableBytes = copy(disable)
        writeAll(enable, to: descriptor)
        var current = sigaction()
        sigaction(SIGTSTP, nil, &current)
        guard replacedSuspendAction == nil, let handler = current.__sigaction_handler.sa_handler,
              unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self),
              unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self) else { return }
        wrappedSuspendHandler = handler
        replacedSuspendAction = current
        var action = current
        action.__sigaction_handler.sa_handler = suspendWithoutMouse
        sigaction(SIGTSTP, &action, nil)
    }

    /// Puts the SIGTSTP action back and turns reporting off (writes `disable`).
    static func uninstall() {
        if var replaced = replacedSuspendAction {
            sigaction(SIGTSTP, &replaced, nil)
            replacedSuspendAction = nil
            wrappedSuspendHandler = nil
        }
        writeAll(disable, to: mouseDescriptor)
        let (on, off) = (enableBytes, disableBytes)
        (enableBytes, disableBytes) = (nil, nil)
        on?.deallocate()
        off?.deallocate()
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        pointer.initialize(from: bytes, count: bytes.count)
        return pointer
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        guard descriptor >= 0 else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }
}
