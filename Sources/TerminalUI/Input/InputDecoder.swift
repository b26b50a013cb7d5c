// MARK: - Keys and mouse reports from the terminal's input

/// One input the dashboard acts on: a key or a mouse report.
public enum Input: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
}

/// What the curses driver read, before decoding: a character, a key curses decoded itself, one of the
/// two mouse introducers the driver binds with `define_key`, or nothing within the timeout.
public enum RawInput: Sendable, Equatable {
    /// A character (a Unicode scalar value; 27 is Escape).
    case character(UInt32)
    /// A key curses decoded from its own escape sequences (arrows, function keys, resize).
    case key(Key)
    /// `ESC [ <`: an SGR mouse report's parameters follow (`b;x;y` then `M` or `m`).
    case sgrMouse
    /// `ESC [ M`: a legacy X10 mouse report's three bytes follow (sent by terminals without mode 1006).
    case x10Mouse
    /// No input within the timeout the driver waits with while a sequence is open.
    case timeout
}

/// Turns the driver's raw input into keys and mouse events. Pure and fed one item at a time, so partial
/// and hostile sequences are tested without a terminal.
///
/// Curses decodes the keys it knows; the driver binds `ESC [ <` and `ESC [ M` to codes of its own, so a
/// mouse report arrives as `.sgrMouse` followed by its parameters as characters. The decoder also covers
/// the introducer arriving as plain characters (`ESC`, `[`, `<`: when curses gave up waiting between
/// them): an Escape followed at once by `[` starts a control sequence, which is read to its end and
/// ignored unless it is an SGR mouse report. Bounds: an SGR report keeps at most
/// `SGRMouseParser.maximumLength` parameter bytes, an unknown control sequence none (it is skipped to its
/// final byte), an X10 report is its three bytes; a sequence ends at the first byte that cannot belong
/// to it (which is then decoded as input) or when the driver reports a timeout.
public struct InputDecoder: Sendable, Equatable {
    enum Mode: Sendable, Equatable {
        case idle
        /// An Escape character, possibly the start of a sequence.
        case escape
        /// `ESC [` read as characters.
        case controlSequence
        /// Skipping the rest of a control sequence that is not a mouse report.
        case skippingControlSequence
        /// Reading an SGR mouse report's parameters.
        case sgr(SGRMouseParser)
        /// Skipping the rest of an X10 mouse report.
        case x10(remaining: Int)
    }

    private(set) var mode = Mode.idle

    public init() {}

    /// Whether a sequence is open: the driver should read on with a short timeout and feed `.timeout`
    /// when nothing comes.
    public var isInSequence: Bool { mode != .idle }

    /// Decodes one raw input; returns what it completed (nothing while a sequence is open, an Escape and a
    /// key when an Escape turned out to stand alone).
    public mutating func feed(_ raw: RawInput) -> [Input] {
        switch (mode, raw) {
        case (_, .sgrMouse):
            let dropped = mode == .escape ? [Input.key(.escape)] : []
            mode = .sgr(SGRMouseParser())
            return dropped
        case (_, .x10Mouse):
            let dropped = mode == .escape ? [Input.key(.escape)] : []
            mode = .x10(remaining: 3)
            return dropped
        case (.idle, .timeout):
            return []
        case (.idle, .key(let key)):
            return [.key(key)]
        case (.idle, .character(27)):
            mode = .escape
            return []
        case (.idle, .character(let scalar)):
            return [.key(Self.key(scalar))]
        case (.escape, .character(0x5B)):  // [
            mode = .controlSequence
            return []
        case (.escape, _):
            mode = .idle
            return [.key(.escape)] + feed(raw)
        case (.controlSequence, .character(0x3C)):  // <
            mode = .sgr(SGRMouseParser())
            return []
        case (.controlSequence, .character(let scalar)), (.skippingControlSequence, .character(let scalar)):
            return skipControlSequence(scalar, raw)
        case (.sgr(var parser), .character(let scalar)):
            switch parser.feed(scalar) {
            case .pending:
                mode = .sgr(parser)
                return []
            case .event(let event):
                mode = .idle
                return [.mouse(event)]
            case .ignored:
                mode = .idle
                return []
            case .interrupted:
                mode = .idle
                return feed(raw)
            }
        case (.x10(let remaining), .character):
            mode = remaining > 1 ? .x10(remaining: remaining - 1) : .idle
            return []
        case (_, .timeout):
            mode = .idle
            return []
        case (_, .key):
            // A key curses decoded cuts the open sequence short: drop the sequence, keep the key.
            mode = .idle
            return feed(raw)
        }
    }

    /// A control sequence that is not a mouse report: parameter and intermediate bytes (0x20-0x3F) are
    /// skipped, a final byte (0x40-0x7E) ends it, anything else ends it and is decoded as input.
    private mutating func skipControlSequence(_ scalar: UInt32, _ raw: RawInput) -> [Input] {
        switch scalar {
        case 0x20...0x3F:
            mode = .skippingControlSequence
            return []
        case 0x40...0x7E:
            mode = .idle
            return []
        default:
            mode = .idle
            return feed(raw)
        }
    }

    /// The key of a character outside any sequence: tab, enter (LF or CR), escape, backspace (BS or DEL),
    /// or the character itself.
    static func key(_ scalar: UInt32) -> Key {
        switch scalar {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let value = Unicode.Scalar(scalar) else { return .other(Int32(bitPattern: scalar)) }
            return .character(Character(value))
        }
    }
}
