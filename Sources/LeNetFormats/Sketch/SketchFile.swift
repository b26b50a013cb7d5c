import Foundation

// MARK: - Sketch files
//
// Two formats, told apart by their first bytes:
// - PGM ("P2" plain text or "P5" binary, any size, maxval 1...65535): netpbm's greymap. Grey 0 is black;
//   a picture drawn dark on light (its border brighter than half of maxval on average) is inverted so the
//   ink is bright, as in MNIST.
// - Text art: rows of `.` (background) and `#` (ink), or digits `0`-`9` as grey levels (0 background,
//   9 full ink), mixed freely; every row the same length; any size. Blank lines at the start and end are
//   ignored, as is a `\r` before each newline.

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
    /// The drawing has no ink (empty file, or all background): there is nothing to classify.
    case emptyDrawing(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .unknownFormat(path):
            return "\(path): unknown format (expected PGM P2/P5, or text art of '.', '#' and digits 0-9)"
        case let .raggedTextArt(path, line, length, expected):
            return "\(path): line \(line): ragged text art: \(length) columns, expected \(expected) like the first row"
        case let .badCharacter(path, line, column, character):
            return "\(path): line \(line), column \(column): unexpected character \(character) in text art (use '.', '#' or 0-9)"
        case let .badPGM(path, reason): return "\(path): unreadable PGM: \(reason)"
        case let .emptyDrawing(path): return "\(path): empty drawing (no ink to classify)"
        }
    }
}

/// Reads sketches from files or bytes.
public enum SketchFile {
    /// Reads and parses the file at `path`.
    /// - Throws: `SketchError`, naming `path`.
    public static func read(path: String) throws -> SketchImage {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SketchError.unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw SketchError.unreadable(path: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SketchError.unreadable(path: path, reason: "permission denied or I/O error")
        }
        return try parse([UInt8](data), path: path)
    }

    /// Parses PGM or text-art bytes; `path` only labels errors. An image without ink is an error.
    /// - Throws: `SketchError`.
    public static func parse(_ bytes: [UInt8], path: String) throws -> SketchImage {
        let image: SketchImage
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "2") || bytes[1] == UInt8(ascii: "5") {
            image = try parsePGM(bytes, path: path)
        } else {
            image = try parseTextArt(bytes, path: path)
        }
        guard image.hasInk else { throw SketchError.emptyDrawing(path: path) }
        return image
    }

    // MARK: Text art

    /// Parses text art (see the file comment). An empty file or one of blank lines is an empty drawing.
    public static func parseTextArt(_ bytes: [UInt8], path: String) throws -> SketchImage {
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw SketchError.unknownFormat(path: path) }
        // "\r\n" is one Character in Swift: split on both line ends.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        // Line numbers are 1-based in the file: remember how many blank lines were dropped at the top.
        var firstLine = 1
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst(); firstLine += 1 }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        guard let first = lines.first else { throw SketchError.emptyDrawing(path: path) }
        let width = first.count
        var values: [Float] = []
        values.reserveCapacity(width * lines.count)
        for (index, line) in lines.enumerated() {
            for (column, character) in line.enumerated() {
                switch character {
                case ".": values.append(0)
                case "#": values.append(1)
                case "0"..."9": values.append(Float(character.wholeNumberValue!) / 9)
                default:
                    // A binary file or another format: say so rather than pointing at a byte.
                    if index == 0 && column == 0 { throw SketchError.unknownFormat(path: path) }
                    throw SketchError.badCharacter(path: path, line: firstLine + index, column: column + 1,
                                                   character: "\"\(character)\"")
                }
            }
            guard line.count == width else {
                throw SketchError.raggedTextArt(path: path, line: firstLine + index, length: line.count, expected: width)
            }
        }
        return SketchImage(width: width, height: lines.count, values: values)
    }

    // MARK: PGM

    /// Parses a P2 or P5 greymap; dark-on-light pictures are inverted (see the file comment).
    public static func parsePGM(_ bytes: [UInt8], path: String) throws -> SketchImage {
        var position = 2
        func fail(_ reason: String) -> SketchError { .badPGM(path: path, reason: reason) }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
        /// The next whitespace-separated decimal number, skipping `#` comments.
        func number(_ what: String) throws -> Int {
            while position < bytes.count {
                if isSpace(bytes[position]) { position += 1 }
                else if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count && bytes[position] != 0x0A { position += 1 }
                } else { break }
            }
            var value = 0, digits = 0
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                guard value <= 1 << 24 else { throw fail("\(what) is too large") }
                position += 1; digits += 1
            }
            guard digits > 0 else {
                throw fail(position >= bytes.count ? "file ends before the \(what)" : "\(what) is not a number")
            }
            return value
        }
        guard position < bytes.count, isSpace(bytes[position]) else { throw fail("bad magic number") }
        let binary = bytes[1] == UInt8(ascii: "5")
        let width = try number("width"), height = try number("height"), maxval = try number("maxval")
        guard width > 0, height > 0 else { throw fail("size \(width)x\(height) is empty") }
        guard width * height <= 16_000_000 else { throw fail("size \(width)x\(height) is too large") }
        guard (1...65535).contains(maxval) else { throw fail("maxval \(maxval) is not in 1...65535") }
        let count = width * height
        var raw = [Int](repeating: 0, count: count)
        if binary {
            position += 1  // the single whitespace after maxval
            let size = maxval < 256 ? 1 : 2
            guard bytes.count - position >= count * size else {
                throw fail("pixel data has \(max(0, bytes.count - position)) bytes, expected \(count * size)")
            }
            for i in 0..<count {
                raw[i] = size == 1 ? Int(bytes[position + i])
                    : Int(bytes[position + 2 * i]) << 8 | Int(bytes[position + 2 * i + 1])
            }
        } else {
            for i in 0..<count { raw[i] = try number("pixel \(i + 1) of \(count)") }
        }
        guard raw.allSatisfy({ $0 <= maxval }) else { throw fail("a pixel is above maxval \(maxval)") }
        // Dark ink on a light background (the usual way to draw) is inverted to MNIST's bright ink.
        var border: [Int] = []
        for x in 0..<width { border.append(raw[x]); border.append(raw[(height - 1) * width + x]) }
        for y in 0..<height { border.append(raw[y * width]); border.append(raw[y * width + width - 1]) }
        let invert = Double(border.reduce(0, +)) / Double(border.count) > Double(maxval) / 2
        let values = raw.map { v -> Float in
            let grey = Float(v) / Float(maxval)
            return invert ? 1 - grey : grey
        }
        return SketchImage(width: width, height: height, values: values)
    }
}
