// libFuzzer target: the MNIST IDX reader (gzip detection, header, sizes) and the dataset checks.
// Built by Scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` together with the
// MNISTData sources it exercises. Any crash, trap or sanitizer report is a bug: bad bytes must throw.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let images = try? MNISTDecoding.decodeIDX(bytes, kind: .images, expectedSHA256: nil, path: "fuzz-images")
    let labels = try? MNISTDecoding.decodeIDX(bytes, kind: .labels, expectedSHA256: nil, path: "fuzz-labels")
    // Split the input in two to pair an images file with a labels file.
    let cut = size / 2
    if let images = images ?? (try? MNISTDecoding.decodeIDX(Array(bytes[..<cut]), kind: .images, expectedSHA256: nil, path: "a")),
       let labels = labels ?? (try? MNISTDecoding.decodeIDX(Array(bytes[cut...]), kind: .labels, expectedSHA256: nil, path: "b")) {
        _ = try? MNISTDecoding.makeDataset(images: images, labels: labels, imagesPath: "a", labelsPath: "b")
    }
    return 0
}

/// The fuzz build leaves out swift-crypto: checksums are never requested above (expectedSHA256 is nil).
enum Checksum {
    static func sha256Hex(_ bytes: [UInt8]) -> String { fatalError("not used when fuzzing") }
}
