// MARK: - Sketch files
//
// Two formats, told apart by their first bytes:
// - PGM ("P2" plain text or "P5" binary, maxval 1...65535): netpbm's greymap. Grey 0 is black;
//   a picture drawn dark on light (its border brighter than half of maxval on average) is inverted so the
//   ink is bright, as in MNIST.
// - Text art: rows of `.` (background) and `#` (ink), or digits `0`-`9` as grey levels (0 background,
//   9 full ink), mixed freely; every row the same length. Blank lines at the start and end are ignored, as
//   is a `\r` before each newline.
// Either may have up to `SketchFile.maximumPixels` pixels (4096 x 4096) in a file of up to
// `SketchFile.maximumFileSize` bytes (32 MiB), which bounds the memory a sketch can take (about 150 MB).

/// Why a sketch file cannot be classified. `description` is the one line to print (it names the file).
public enum SketchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// Neither PGM nor text art.
    case unknownFormat(path: String)
    /// Text-art rows of different lengths.
    case raggedTextArt(path: String, line: Int, length: Int, expected: Int)
    /// A character other than `.`, `#` or a digit in text art.
    case badCharacter(path: String, line: Int, column: Int, character: String)
    /// A PGM header or pixel data that cannot be read.
    case badPGM(path: String, reason: String)
    /// More pixels than `SketchFile.maximumPixels`.
    case tooLarge(path: String, width: Int, height: Int)
    /// The drawing has no ink (empty file, or all background): there is nothing to classify.
    case emptyDrawing(path: String)

    /// The one-line message; the path and any character from the file are escaped (`TerminalText`).
    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(shown(path)): cannot read: \(reason)"
        case let .unknownFormat(path):
            return "\(shown(path)): unknown format (expected PGM P2/P5, or text art of '.', '#' and digits 0-9)"
        case let .raggedTextArt(path, line, length, expected):
            return "\(shown(path)): line \(line): ragged text art: \(length) columns, expected \(expected) like the first row"
        case let .badCharacter(path, line, column, character):
            return "\(shown(path)): line \(line), column \(column): unexpected character \(TerminalText.quoted(character)) "
                + "in text art (use '.', '#' or 0-9)"
        case let .badPGM(path, reason): return "\(shown(path)): unreadable PGM: \(reason)"
        case let .tooLarge(path, width, height):
            return "\(shown(path)): \(width)x\(height) pixels is more than a sketch may have (at most \(SketchFile.maximumPixels))"
        case let .emptyDrawing(path): return "\(shown(path)): empty drawing (no ink to classify)"
        }
    }
}

/// A path as messages show it.
private func shown(_ path: String) -> String { TerminalText.escaped(path) }

/// Reads sketches from files or bytes.
public enum SketchFile {
    /// The most pixels a sketch may have: 4096 x 4096.
    public static let maximumPixels = 4096 * 4096
    /// The largest sketch file read: 32 MiB (a 4096 x 4096 binary PGM is 16 or 32 MiB; text art 16 MiB).
    public static let maximumFileSize = 32 << 20

    /// Reads and parses the file at `path`: a regular file (or a link to one) of at most
    /// `maximumFileSize` bytes, opened without blocking (`InputFile`).
    /// - Throws: `SketchError`, naming `path`: `.unreadable` with the reason (`no such file`, `is a FIFO
    ///   (named pipe), not a regular file`, `too many levels of symbolic links`, ...), or a parse error.
    public static func read(path: String) throws(SketchError) -> SketchImage {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, limit: maximumFileSize, what: "a sketch") } catch {
            throw SketchError.unreadable(path: path, reason: error.reason)
        }
        return try parse(bytes, path: path)
    }

    /// Parses PGM or text-art bytes; `path` only labels errors. An image without ink is an error.
    /// - Throws: `SketchError`.
    public static func parse(_ bytes: [UInt8], path: String) throws(SketchError) -> SketchImage {
        let image: SketchImage
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "2") || bytes[1] == UInt8(ascii: "5") {
            image = try parsePGM(bytes, path: path)
        } else {
            image = try parseTextArt(bytes, path: path)
        }
        guard image.hasInk else { throw SketchError.emptyDrawing(path: path) }
        return image
    }
}
