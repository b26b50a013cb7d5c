// MARK: - Text art

extension SketchFile {
    /// Parses text art (see the file comment in SketchFile.swift). An empty file or one of blank lines is
    /// an empty drawing. Works on the bytes, line by line, without building a string or a list of lines,
    /// so a 32 MiB file of newlines costs no more than its bytes.
    /// - Throws: `SketchError.unknownFormat` when the first character is not text art,
    ///   `.badCharacter` (line, column and the character), `.raggedTextArt`, `.tooLarge`, `.emptyDrawing`.
    public static func parseTextArt(_ bytes: [UInt8], path: String) throws(SketchError) -> SketchImage {
        try bytes.withUnsafeBufferPointer { (text: UnsafeBufferPointer<UInt8>) throws(SketchError) -> SketchImage in
            try TextArtLines(text).image(path: path)
        }
    }
}

/// The lines of a text-art file, scanned in place.
private struct TextArtLines {
    let text: UnsafeBufferPointer<UInt8>

    init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }

    /// The ink of a text-art byte: `.` 0, `#` 1, a digit d as d/9; nil for anything else.
    static func level(_ byte: UInt8) -> Float? {
        switch byte {
        case UInt8(ascii: "."): return 0
        case UInt8(ascii: "#"): return 1
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return Float(byte - UInt8(ascii: "0")) / 9
        default: return nil
        }
    }

    /// Where the line starting at `start` ends: its `\n`, or the end of the text.
    func lineEnd(from start: Int) -> Int {
        var end = start
        while end < text.count && text[end] != 0x0A { end += 1 }
        return end
    }

    /// The end of the line's content: before a `\r` that precedes the newline.
    func contentEnd(_ start: Int, _ end: Int) -> Int { end > start && text[end - 1] == 0x0D ? end - 1 : end }

    /// Whether the line holds only spaces, tabs and carriage returns.
    func isBlank(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if text[i] != 0x20 && text[i] != 0x09 && text[i] != 0x0D { return false }
            i += 1
        }
        return true
    }

    /// Parses the lines (see `SketchFile.parseTextArt`).
    func image(path: String) throws(SketchError) -> SketchImage {
        // Pass 1: the first and last lines that are not blank.
        var first: (start: Int, number: Int)?
        var lastNumber = 0
        var start = 0, number = 1
        while start <= text.count {
            let end = lineEnd(from: start)
            if !isBlank(start, end) {
                if first == nil { first = (start, number) }
                lastNumber = number
            }
            start = end + 1
            number += 1
        }
        guard let first else { throw SketchError.emptyDrawing(path: path) }
        let height = lastNumber - first.number + 1
        let width = contentEnd(first.start, lineEnd(from: first.start)) - first.start
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= SketchFile.maximumPixels else {
            throw SketchError.tooLarge(path: path, width: width, height: height)
        }
        // Pass 2: each line is checked whole before its values are kept.
        var values: [Float] = []
        values.reserveCapacity(pixels)
        start = first.start
        for row in 0 ..< height {
            let end = lineEnd(from: start)
            let stop = contentEnd(start, end)
            var i = start
            while i < stop, Self.level(text[i]) != nil { i += 1 }
            if i < stop {
                // A binary file or another format: say so rather than pointing at a byte.
                if row == 0 && i == start { throw SketchError.unknownFormat(path: path) }
                throw SketchError.badCharacter(path: path, line: first.number + row, column: i - start + 1,
                                               character: character(at: i))
            }
            guard stop - start == width else {
                throw SketchError.raggedTextArt(path: path, line: first.number + row, length: stop - start, expected: width)
            }
            for j in start ..< stop { values.append(Self.level(text[j])!) }
            start = end + 1
        }
        return SketchImage(width: width, height: height, unitValues: values)
    }

    /// The character starting at byte `offset` (UTF-8; U+FFFD for a byte that starts none).
    func character(at offset: Int) -> String {
        let decoded = String(decoding: UnsafeBufferPointer(rebasing: text[offset ..< min(text.count, offset + 4)]), as: UTF8.self)
        return decoded.first.map(String.init) ?? "\u{FFFD}"
    }
}
