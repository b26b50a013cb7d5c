import CNCurses
import Foundation
import LeNetTraining

// MARK: - Curses driver
//
// The only file that talks to ncurses. It sets the terminal up, copies cell buffers to the screen, reads
// keys and mouse reports with a timeout and puts the terminal back. Everything else draws into
// `CellBuffer`s.

/// Set by the SIGINT / SIGTERM / SIGHUP handler while the dashboard runs; read by the main loop.
nonisolated(unsafe) private var interruptSignal: sig_atomic_t = 0

/// Owns the curses screen for the lifetime of the dashboard. Use from one thread (the main thread).
final class CursesDriver {
    /// The glyphs for the terminal's locale (decided once, from `nl_langinfo(CODESET)`).
    let glyphs: GlyphSet
    /// Whether colours are used (the terminal has them and `NO_COLOR` is not set).
    let usesColor: Bool
    /// How many colours there are to use (monochrome when `usesColor` is false).
    let colorDepth: ColorDepth

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var active = true
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private let maxPairs: Int
    private var savedInterrupt: sighandler_t?
    private var savedTerminate: sighandler_t?
    private var savedHangup: sighandler_t?
    /// Whether mouse reporting was switched on (`MouseMode`).
    let usesMouse: Bool
    /// Turns characters and the mouse introducers into keys and mouse events.
    private var decoder = InputDecoder()
    /// Inputs decoded but not yet returned (an Escape that turned out to stand alone, and the key after it).
    private var decoded: [Input] = []
    /// The input timeout between reads (ms), and the shorter one while a sequence is open.
    private static let keyTimeout: Int32 = 100
    private static let sequenceTimeout: Int32 = 30
    /// Raw reads of one sequence before `readInput` lets the main loop run again (the sequence goes on
    /// at the next call).
    private static let sequenceReadLimit = 64

    private struct PairKey: Hashable {
        let foreground: ColorRole
        let background: ColorRole
    }

    /// Whether standard input and output are terminals and `TERM` is set: the conditions to start.
    static var isTerminal: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
            && !(ProcessInfo.processInfo.environment["TERM"] ?? "").isEmpty
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Takes over the terminal. Throws a readable reason when it cannot (not a terminal, unknown TERM).
    ///
    /// - Parameters:
    ///   - monochrome: never use colours (besides `NO_COLOR`, which is always respected).
    ///   - mouse: switch on mouse reporting (modes 1002 and 1006, `MouseMode`); off, the terminal keeps
    ///     its own selection.
    init(monochrome: Bool = false, mouse: Bool = true) throws(DriverError) {
        guard Self.isTerminal else { throw .notATerminal }
        setlocale(LC_ALL, "")
        glyphs = GlyphSet.forCodeset(String(cString: lenet_codeset()))
        usesMouse = mouse
        // Our handlers go in before newterm: curses then leaves SIGINT / SIGTERM / SIGHUP alone (it only catches
        // signals whose handler is the default), and stop() can put back exactly what was there before.
        interruptSignal = 0
        let previousInterrupt = signal(SIGINT) { _ in interruptSignal = 1 }
        let previousTerminate = signal(SIGTERM) { _ in interruptSignal = 1 }
        // A closed terminal window (SIGHUP) quits the same way: stop training, restore, exit.
        let previousHangup = signal(SIGHUP) { _ in interruptSignal = 1 }
        savedHangup = previousHangup
        savedInterrupt = previousInterrupt
        savedTerminate = previousTerminate
        // The terminal's modes before curses changes them, for the crash handler to put back.
        let attributes = FatalSignalGuard.captureAttributes(of: STDOUT_FILENO)
        guard let screen = lenet_newterm() else {
            signal(SIGINT, previousInterrupt)
            signal(SIGTERM, previousTerminate)
            signal(SIGHUP, previousHangup)
            throw .cannotInitialize(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        self.screen = screen
        set_term(screen)
        guard let window = lenet_stdscr() else {
            endwin()
            delscreen(screen)
            signal(SIGINT, previousInterrupt)
            signal(SIGTERM, previousTerminate)
            signal(SIGHUP, previousHangup)
            throw .cannotInitialize(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        lenet_set_timeout(window, Self.keyTimeout)
        // The mouse reports' introducers as key codes of our own, whatever terminfo's kmous says: curses'
        // own mouse support (mousemask) would pick the protocol from terminfo (X10 under tmux and screen,
        // no drags without mode 1003) and hold presses back for click detection.
        if mouse { lenet_bind_mouse_keys() }

        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        if !monochrome && !noColor && has_colors() {
            start_color()
            use_default_colors()
            usesColor = true
        } else {
            usesColor = false
        }
        maxPairs = usesColor ? Int(lenet_color_pairs()) : 0
        colorDepth = !usesColor ? .monochrome : lenet_colors() >= 256 ? .extended : .basic
        // A crash from here on (SIGSEGV, SIGABRT, ...) restores the terminal before the process dies.
        FatalSignalGuard.install(descriptor: STDOUT_FILENO, attributes: attributes,
                                 mouseOff: mouse ? MouseMode.disable : [])
        // Ctrl-Z: curses' own handler (installed by newterm) gives the terminal back and stops the process;
        // ours around it keeps the time stopped out of the training time, and the mouse's around that
        // switches reporting off while stopped.
        SuspensionClock.installSuspendHandler()
        if mouse { MouseMode.install(descriptor: STDOUT_FILENO) }
    }

    deinit { stop() }

    /// Gives the terminal back (idempotent).
    func stop() {
        guard active else { return }
        active = false
        if usesMouse { MouseMode.uninstall() }
        SuspensionClock.uninstallSuspendHandler()
        FatalSignalGuard.uninstall()
        curs_set(1)
        endwin()
        delscreen(screen)
        signal(SIGINT, savedInterrupt)
        signal(SIGTERM, savedTerminate)
        signal(SIGHUP, savedHangup)
    }

    /// Whether SIGINT, SIGTERM or SIGHUP arrived since the driver started.
    var wasInterrupted: Bool { interruptSignal != 0 }

    /// The terminal size in cells (re-queried on every call; curses updates it on resize).
    var size: (width: Int, height: Int) {
        var rows: Int32 = 0, cols: Int32 = 0
        lenet_getmaxyx(window, &rows, &cols)
        return (Int(max(0, cols)), Int(max(0, rows)))
    }

    // MARK: Output

    /// Copies `buffer` to the screen (cells outside the screen are dropped) and refreshes.
    func draw(_ buffer: CellBuffer) {
        let (width, height) = size
        let w = min(width, buffer.width), h = min(height, buffer.height)
        var run: [wchar_t] = []
        run.reserveCapacity(w + 1)
        for y in 0..<h {
            var x = 0
            while x < w {
                let style = buffer[x, y].style
                let start = x
                run.removeAll(keepingCapacity: true)
                while x < w, buffer[x, y].style == style {
                    append(buffer[x, y].character, to: &run)
                    x += 1
                }
                let (attributes, pair) = attributes(for: style)
                lenet_set_attributes(window, attributes, pair)
                let count = Int32(run.count)
                run.append(0)
                // The bottom-right cell makes curses report ERR (the cursor cannot advance); the cell is drawn.
                _ = run.withUnsafeBufferPointer { mvwaddnwstr(window, Int32(y), Int32(start), $0.baseAddress, count) }
            }
        }
        lenet_set_attributes(window, lenet_a_normal(), 0)
        wnoutrefresh(window)
        doupdate()
    }

    /// Forces a full repaint on the next draw (after a resize, stale cells may linger otherwise).
    func invalidate() {
        clearok(window, true)
    }

    private func append(_ character: Character, to run: inout [wchar_t]) {
        if glyphs.isUnicode {
            // Cells are one column wide: a wide (CJK, emoji) or zero-width first scalar would shift the row.
            let first = character.unicodeScalars.first!
            guard lenet_wcwidth(Int32(bitPattern: first.value)) == 1 else { run.append(0x3F); return }
            for scalar in character.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
        } else {
            // Non-UTF-8 locale: anything non-ASCII the widgets let through becomes "?".
            let scalar = character.unicodeScalars.first!
            run.append(wchar_t(scalar.isASCII ? Int32(scalar.value) : 0x3F))
        }
    }

    /// Curses attributes and colour pair for a style; roles degrade to bold / reverse without colours.
    private func attributes(for style: Style) -> (attr_t, Int16) {
        var a = lenet_a_normal()
        if style.bold { a |= lenet_a_bold() }
        if style.dim { a |= lenet_a_dim() }
        if style.reverse { a |= lenet_a_reverse() }
        guard usesColor else {
            switch style.foreground {
            case .title, .accent, .warn: a |= lenet_a_bold()
            case .error: a |= lenet_a_bold() | lenet_a_reverse()
            case .cursor: a |= lenet_a_bold()
            case .plain, .good, .heat, .heatText, .grey, .diverging, .warm, .ink, .canvas: break
            }
            switch style.background {
            case .plain, .heat, .grey, .diverging, .warm, .canvas, .ink: break  // widgets draw shades / glyphs instead
            default: a |= lenet_a_reverse()
            }
            return (a, 0)
        }
        return (a, pair(foreground: style.foreground, background: style.background))
    }

    private func color(_ role: ColorRole) -> Int16 {
        let extended = colorDepth == .extended
        switch role {
        case .plain: return -1
        case .title: return Int16(COLOR_CYAN)
        case .accent: return Int16(COLOR_YELLOW)
        case .good: return Int16(COLOR_GREEN)
        case .warn: return Int16(COLOR_YELLOW)
        case .error: return Int16(COLOR_RED)
        case .heat(let n):
            let ramp = extended ? HeatRamp.extendedColors : HeatRamp.basicColors
            return n <= 0 ? -1 : ramp[min(n, ramp.count) - 1]
        case .heatText(let n):
            if extended { return n <= HeatRamp.extendedDarkSteps ? 15 : 16 }
            return n <= 1 ? Int16(COLOR_WHITE) : Int16(COLOR_BLACK)
        case .grey(let n):
            let level = min(max(0, n), 23)
            if extended { return level == 0 ? 16 : level == 23 ? 231 : Int16(232 + level) }
            return level < 12 ? Int16(COLOR_BLACK) : Int16(COLOR_WHITE)
        case .diverging(let n):
            let step = min(max(-MapRamp.divergingHalf, n), MapRamp.divergingHalf)
            return extended ? MapRamp.divergingExtended[step + MapRamp.divergingHalf] : MapRamp.divergingBasic(step)
        case .warm(let n):
            let step = min(max(1, n), MapRamp.warmSteps)
            return extended ? MapRamp.warmExtended[step - 1] : MapRamp.warmBasic(step)
        case .ink: return extended ? 231 : Int16(COLOR_WHITE)
        case .canvas: return extended ? 236 : Int16(COLOR_BLACK)
        case .cursor: return extended ? 208 : Int16(COLOR_MAGENTA)
        }
    }

    private func pair(foreground: ColorRole, background: ColorRole) -> Int16 {
        if foreground == .plain && background == .plain { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        guard Int(nextPair) < maxPairs else { return 0 }
        let number = nextPair
        nextPair += 1
        init_pair(number, color(foreground), color(background))
        pairs[key] = number
        return number
    }

    // MARK: Input

    /// Waits up to the input timeout (100 ms) for a key or a mouse report; `nil` when none arrived. A
    /// sequence that has begun (an Escape, a mouse report) is read on with a 30 ms timeout, up to
    /// `sequenceReadLimit` reads at a time.
    func readInput() -> Input? {
        if !decoded.isEmpty { return decoded.removeFirst() }
        guard let first = readRaw() else { return nil }
        decoded = decoder.feed(first)
        if decoder.isInSequence {
            lenet_set_timeout(window, Self.sequenceTimeout)
            for _ in 0..<Self.sequenceReadLimit where decoder.isInSequence {
                decoded += decoder.feed(readRaw() ?? .timeout)
            }
            lenet_set_timeout(window, Self.keyTimeout)
        }
        return decoded.isEmpty ? nil : decoded.removeFirst()
    }

    /// One read: a character, a key curses decoded, a mouse introducer, or `nil` after the timeout.
    private func readRaw() -> RawInput? {
        var code: Int32 = 0
        switch lenet_read_key(window, &code) {
        case 1:
            return .character(UInt32(bitPattern: code))
        case 2:
            if code == lenet_key_sgr_mouse() { return .sgrMouse }
            if code == lenet_key_x10_mouse() { return .x10Mouse }
            return .key(key(code: code))
        default:
            return nil
        }
    }

    /// The key of a curses key code (`KEY_UP`, ...).
    private func key(code: Int32) -> Key {
        switch code {
        case lenet_key_resize(): return .resize
        case lenet_key_up(): return .up
        case lenet_key_down(): return .down
        case lenet_key_left(): return .left
        case lenet_key_right(): return .right
        case lenet_key_ppage(): return .pageUp
        case lenet_key_npage(): return .pageDown
        case lenet_key_home(): return .home
        case lenet_key_end(): return .end
        case lenet_key_enter(): return .enter
        case lenet_key_backspace(): return .backspace
        case lenet_key_f0() + 1 ... lenet_key_f0() + 12: return .function(Int(code - lenet_key_f0()))
        default: return .other(code)
            }
    }
}

/// Why the driver could not take over the terminal.
enum DriverError: Error, CustomStringConvertible {
    case notATerminal
    case cannotInitialize(term: String)

    var description: String {
        switch self {
        case .notATerminal: return "standard input/output is not a terminal"
        case .cannotInitialize(let term): return "cannot initialise the terminal (TERM=\(term))"
        }
    }
}
