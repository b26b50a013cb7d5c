// MARK: - SGR mouse reports

/// Reads the parameters of one SGR mouse report (xterm mode 1006): the bytes after `ESC [ <`, that is
/// `b ; x ; y` in decimal and a final `M` (press or motion) or `m` (release), e.g. `0;12;5M`.
///
/// Bounded: at most `maximumLength` parameter bytes are kept; a longer report, one with other parameter
/// or intermediate bytes, or with a value out of range, is read to its final byte and ignored. A byte
/// that cannot belong to a control sequence (a control character, DEL, anything above ASCII) ends it
/// (`.interrupted`) and is left to be read as input.
public struct SGRMouseParser: Sendable, Equatable {
    /// The most parameter bytes a report may have: three values of up to 5 digits and two `;`. Wider
    /// than any terminal (99,999 columns).
    public static let maximumLength = 17
    /// The largest button code (xterm's: buttons 8-11 with every modifier and motion, 255).
    public static let maximumButton = 255

    /// What one more byte did.
    public enum Step: Sendable, Equatable {
        /// The report goes on.
        case pending
        /// The report ended with this event.
        case event(MouseEvent)
        /// The report ended and is not a usable mouse report (too long, malformed, out of range).
        case ignored
        /// The byte cannot be part of a control sequence: the report is dropped and the byte is input.
        case interrupted
    }

    private var bytes: [UInt8] = []
    private var malformed = false

    public init() {}

    /// Takes the next byte of the report (a Unicode scalar value, as curses returns characters).
    public mutating func feed(_ scalar: UInt32) -> Step {
        switch scalar {
        case 0x30...0x39, 0x3B:  // digits and ';'
            if bytes.count < Self.maximumLength { bytes.append(UInt8(scalar)) } else { malformed = true }
            return .pending
        case 0x20...0x3F:  // other parameter bytes (: < = > ?) and intermediates: not an SGR mouse report
            malformed = true
            return .pending
        case 0x4D, 0x6D:  // M, m
            guard !malformed, let event = Self.event(bytes, released: scalar == 0x6D) else { return .ignored }
            return .event(event)
        case 0x40...0x7E:  // any other final byte
            return .ignored
        default:
            return .interrupted
        }
    }

    /// The event of the parameter bytes `b;x;y`, or nil unless there are exactly three values of 1 to 5
    /// digits, a button code up to `maximumButton` and a column and row of at least 1.
    static func event(_ bytes: [UInt8], released: Bool) -> MouseEvent? {
        let fields = bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard fields.count == 3, fields.allSatisfy({ (1...5).contains($0.count) }) else { return nil }
        let values = fields.map { $0.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        guard values[0] <= maximumButton else { return nil }
        return MouseEvent(sgrButton: values[0], column: values[1], row: values[2], released: released)
    }
}
