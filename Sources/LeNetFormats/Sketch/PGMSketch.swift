// MARK: - PGM

extension SketchFile {
    /// Parses a P2 (plain) or P5 (binary) greymap (netpbm's PGM); dark-on-light pictures are inverted
    /// (see the file comment in SketchFile.swift).
    /// - Throws: `SketchError.badPGM` (bad magic, header numbers, pixel data, a pixel above maxval),
    ///   `.tooLarge` past `maximumPixels`, checked before the pixels are read.
    public static func parsePGM(_ bytes: [UInt8], path: String) throws(SketchError) -> SketchImage {
        var reader = PGMReader(bytes: bytes, path: path)
        guard bytes.count > 2, PGMReader.isSpace(bytes[2]) else { throw reader.fail("bad magic number") }
        let binary = bytes[1] == UInt8(ascii: "5")
        let width = try reader.number("width"), height = try reader.number("height")
        let maxval = try reader.number("maxval")
        guard width > 0, height > 0 else { throw reader.fail("size \(width)x\(height) is empty") }
        // Each is at most 2^24 (`PGMReader.number`), so the product cannot overflow.
        guard width * height <= maximumPixels else { throw SketchError.tooLarge(path: path, width: width, height: height) }
        guard (1 ... 65535).contains(maxval) else { throw reader.fail("maxval \(maxval) is not in 1...65535") }
        let count = width * height
        // The pixels must be there before memory is set aside for them: `size` bytes each in P5, at least
        // one digit each in P2.
        let start = reader.position + 1  // P5: the single whitespace after maxval
        let size = maxval < 256 ? 1 : 2
        if binary {
            guard bytes.count - start >= count * size else {
                throw reader.fail("pixel data has \(Plural.count(max(0, bytes.count - start), "byte")), expected \(count * size)")
            }
        } else if bytes.count - reader.position < count {
            throw reader.fail("\(Plural.count(bytes.count - reader.position, "byte")) left for \(Plural.count(count, "pixel"))")
        }
        var raw = [UInt16](repeating: 0, count: count)
        if binary {
            for i in 0 ..< count {
                raw[i] = size == 1 ? UInt16(bytes[start + i])
                    : UInt16(bytes[start + 2 * i]) << 8 | UInt16(bytes[start + 2 * i + 1])
            }
            guard raw.allSatisfy({ Int($0) <= maxval }) else { throw reader.fail("a pixel is above maxval \(maxval)") }
        } else {
            for i in 0 ..< count {
                let value = try reader.number("pixel \(i + 1) of \(count)")
                guard value <= maxval else { throw reader.fail("a pixel is above maxval \(maxval)") }
                raw[i] = UInt16(value)
            }
        }
        // Dark ink on a light background (the usual way to draw) is inverted to MNIST's bright ink.
        var borderSum = 0, borderCount = 0
        for x in 0 ..< width { borderSum += Int(raw[x]) + Int(raw[(height - 1) * width + x]); borderCount += 2 }
        for y in 0 ..< height { borderSum += Int(raw[y * width]) + Int(raw[y * width + width - 1]); borderCount += 2 }
        let invert = Double(borderSum) / Double(borderCount) > Double(maxval) / 2
        let scale = Float(maxval)
        let values = raw.map { v -> Float in invert ? 1 - Float(v) / scale : Float(v) / scale }
        return SketchImage(width: width, height: height, unitValues: values)
    }
}

/// Reads the whitespace-separated decimal numbers of a PGM header (and of P2 pixels).
private struct PGMReader {
    let bytes: [UInt8]
    let path: String
    /// The next byte to read: after the two-byte magic.
    var position = 2

    /// PGM whitespace: space, tab, LF, CR, VT, FF.
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }

    func fail(_ reason: String) -> SketchError { .badPGM(path: path, reason: reason) }

    /// The next number (at most 2^24), skipping whitespace and `#` comments; `what` names it in errors.
    mutating func number(_ what: @autoclosure () -> String) throws(SketchError) -> Int {
        while position < bytes.count {
            if Self.isSpace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count && bytes[position] != 0x0A { position += 1 }
            } else {
                break
            }
        }
        var value = 0, digits = 0
        while position < bytes.count, (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            guard value <= 1 << 24 else { throw fail("\(what()) is too large") }
            position += 1
            digits += 1
        }
        guard digits > 0 else {
            throw fail(position >= bytes.count ? "file ends before the \(what())" : "\(what()) is not a number")
        }
        return value
    }
}
