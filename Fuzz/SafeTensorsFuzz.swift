// libFuzzer target: the safetensors reader and the LeNet-5 checkpoint validation.
// Built by Scripts/fuzz.sh together with the LeNetFormats, checkpoint and engine sources. Any crash, trap
// or sanitizer report is a bug: bad bytes must throw.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? SafeTensorsFile(bytes: bytes, path: "fuzz.safetensors") {
        // A valid file's tensors lie within it: decoding every F32 one must work and cost no more.
        var decoded = 0
        for entry in file.entries where entry.dtype == .f32 {
            let values = try! file.floats(entry)
            precondition(values.count == entry.elementCount)
            decoded += 4 * values.count
        }
        precondition(decoded <= size, "decoded more than the file holds")
    }
    _ = try? Checkpoint.decode(bytes, path: "fuzz.safetensors")
    return 0
}
