// libFuzzer target: the config.json parser and validation.
// Built by Scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` together with the
// config sources. Any crash, trap or sanitizer report is a bug: bad input must throw a ConfigError.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let config = try? ConfigLoader.parse(data: bytes, source: "fuzz.json") {
        // What parsed must print back and parse to the same config.
        let again = try! ConfigLoader.parse(config.jsonString(), source: "again.json")
        precondition(again == config, "config did not round-trip")
        for epoch in 1...3 { precondition(config.learningRate(forEpoch: epoch).isFinite) }
    }
    return 0
}
