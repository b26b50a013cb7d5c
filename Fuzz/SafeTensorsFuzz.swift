// libFuzzer target: the safetensors reader and the LeNet-5 checkpoint validation.
// Built by Scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` together with the
// checkpoint and engine sources. Any crash, trap or sanitizer report is a bug: bad bytes must throw.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? SafeTensors.decode(bytes, path: "fuzz.safetensors")
    _ = try? Checkpoint.decode(bytes, path: "fuzz.safetensors")
    return 0
}
