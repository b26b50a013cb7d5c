// libFuzzer target: the sketch readers (PGM P2/P5 and text art).
// Built by Scripts/fuzz.sh together with the LeNetFormats sources. Any crash, trap or sanitizer report is
// a bug: bad bytes must throw a SketchError.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSketch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for result in [Result { try SketchFile.parse(bytes, path: "fuzz") },
                   Result { try SketchFile.parseTextArt(bytes, path: "fuzz.txt") },
                   Result { try SketchFile.parsePGM(Array("P2 ".utf8) + bytes, path: "fuzz.pgm") },
                   Result { try SketchFile.parsePGM(Array("P5 ".utf8) + bytes, path: "fuzz.pgm") }] {
        guard case .success(let image) = result else { continue }
        // What parses is a well-formed image: its size, in bounds, intensities in 0...1.
        precondition(image.width > 0 && image.height > 0 && image.width * image.height <= SketchFile.maximumPixels)
        precondition(image.values.count == image.width * image.height)
        precondition(image.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
    // Error lines never carry a control character, whatever the file held.
    if case .failure(let error) = Result(catching: { try SketchFile.parse(bytes, path: "fuzz") }) {
        precondition(!"\(error)".unicodeScalars.contains(where: TerminalText.isControl), "unescaped control character")
    }
    return 0
}
