import Foundation

// MARK: - safetensors container
//
// Format (github.com/huggingface/safetensors, "Format" section): 8 bytes little-endian UInt64 N = header
// length, then N bytes of UTF-8 JSON, then the raw tensor data. The JSON maps tensor names to
// {"dtype", "shape", "data_offsets": [begin, end]} (byte offsets into the data section) and may hold a
// "__metadata__" object of string → string. Tensors here are "F32", little-endian, row-major.

/// One float32 tensor of a safetensors file.
public struct NamedTensor: Sendable, Equatable {
    /// Tensor name, e.g. `c1.weight`.
    public let name: String
    /// Shape, outermost first (row-major).
    public let shape: [Int]
    /// Values in row-major order; `values.count == shape.reduce(1, *)`.
    public let values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Errors reading a safetensors file; each description is one line naming the file.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case tooShort(path: String, bytes: Int)
    case headerBeyondFile(path: String, headerLength: UInt64, fileLength: Int)
    case badHeader(path: String, reason: String)
    case badTensor(path: String, name: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read checkpoint: \(reason)"
        case let .tooShort(path, bytes):
            return "\(path): not a safetensors checkpoint: \(bytes) bytes is shorter than the 8-byte header length"
        case let .headerBeyondFile(path, headerLength, fileLength):
            return "\(path): not a safetensors checkpoint: header length \(headerLength) exceeds the file (\(fileLength) bytes)"
        case let .badHeader(path, reason):
            return "\(path): not a safetensors checkpoint: \(reason)"
        case let .badTensor(path, name, reason):
            return "\(path): tensor \"\(name)\": \(reason)"
        }
    }
}

/// Encoding and decoding of float32 safetensors files.
public enum SafeTensors {
    /// Serialises tensors and string metadata into safetensors bytes. The header is padded with spaces to a
    /// multiple of 8 bytes, as the reference implementation does, so the data section is aligned.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String]) -> [UInt8] {
        var header = "{"
        if !metadata.isEmpty {
            header += "\"__metadata__\":{"
            header += metadata.keys.sorted().map { "\(JSONValue.quoted($0)):\(JSONValue.quoted(metadata[$0]!))" }
                .joined(separator: ",")
            header += "},"
        }
        var offset = 0
        var entries: [String] = []
        for tensor in tensors {
            let bytes = tensor.values.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(JSONValue.quoted(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        header += entries.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for tensor in tensors {
            for value in tensor.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Parses safetensors bytes. `path` only labels errors.
    /// - Returns: the tensors in data-offset order and the `__metadata__` map (empty when absent).
    /// - Throws: `SafeTensorsError` for a short file, a header beyond the file, malformed JSON, a dtype other
    ///   than F32, offsets that disagree with the shape or lie outside the data.
    public static func decode(_ bytes: [UInt8], path: String) throws -> (tensors: [NamedTensor], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw SafeTensorsError.tooShort(path: path, bytes: bytes.count) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafeTensorsError.headerBeyondFile(path: path, headerLength: headerLength, fileLength: bytes.count)
        }
        let headerEnd = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw SafeTensorsError.badHeader(path: path, reason: "the header is not valid JSON")
        }
        guard let header = json as? [String: Any] else {
            throw SafeTensorsError.badHeader(path: path, reason: "the header is not a JSON object")
        }
        let dataCount = bytes.count - headerEnd
        var metadata: [String: String] = [:]
        var tensors: [(begin: Int, tensor: NamedTensor)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else {
                    throw SafeTensorsError.badHeader(path: path, reason: "__metadata__ is not an object")
                }
                for (key, item) in map { if let text = item as? String { metadata[key] = text } }
                continue
            }
            tensors.append(try decodeTensor(name: name, entry: value, bytes: bytes, dataStart: headerEnd,
                                            dataCount: dataCount, path: path))
        }
        return (tensors.sorted { $0.begin < $1.begin }.map(\.tensor), metadata)
    }

    // MARK: - Helpers

    private static func decodeTensor(name: String, entry: Any, bytes: [UInt8], dataStart: Int, dataCount: Int,
                                     path: String) throws -> (begin: Int, tensor: NamedTensor) {
        func bad(_ reason: String) -> SafeTensorsError { .badTensor(path: path, name: name, reason: reason) }
        guard let info = entry as? [String: Any] else { throw bad("entry is not an object") }
        guard let dtype = info["dtype"] as? String else { throw bad("missing dtype") }
        guard dtype == "F32" else { throw bad("dtype \(dtype), expected F32") }
        guard let shapeValues = info["shape"] as? [Any],
              let shape = integers(shapeValues), shape.allSatisfy({ $0 >= 0 }) else {
            throw bad("shape is not a list of non-negative integers")
        }
        guard let offsetValues = info["data_offsets"] as? [Any], let offsets = integers(offsetValues),
              offsets.count == 2 else { throw bad("data_offsets is not a pair of integers") }
        let (begin, end) = (offsets[0], offsets[1])
        let count = shape.reduce(1, *)
        guard begin >= 0, begin <= end, end <= dataCount else {
            throw bad("data_offsets [\(begin), \(end)] lie outside the \(dataCount)-byte data section (file truncated?)")
        }
        guard end - begin == count * 4 else {
            throw bad("data_offsets span \(end - begin) bytes but shape \(shape) needs \(count * 4)")
        }
        var values = [Float](repeating: 0, count: count)
        let start = dataStart + begin
        for i in 0..<count {
            let p = start + 4 * i
            let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
            values[i] = Float(bitPattern: bits)
        }
        return (begin, NamedTensor(name: name, shape: shape, values: values))
    }

    private static func integers(_ values: [Any]) -> [Int]? {
        var out: [Int] = []
        for value in values {
            // JSON booleans arrive as NSNumber too; their Objective-C type code is "c".
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                  let exact = Int(exactly: number.doubleValue) else { return nil }
            out.append(exact)
        }
        return out
    }
}
