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

    /// A tensor `name` of `shape` holding `values` (row-major; not checked against the shape).
    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Writing safetensors files, and the limits of reading them (`SafeTensorsFile` reads).
public enum SafeTensors {
    /// The largest header accepted: 100,000,000 bytes, the reference implementation's `MAX_HEADER_SIZE`.
    public static let maximumHeaderLength: UInt64 = 100_000_000

    /// Serialises tensors and string metadata into safetensors bytes. The header is padded with spaces to a
    /// multiple of 8 bytes, as the reference implementation does, so the data section is aligned.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String]) -> [UInt8] {
        var members: [(key: String, value: JSONValue)] = []
        if !metadata.isEmpty {
            members.append(("__metadata__", .object(metadata.keys.sorted().map { ($0, .string(metadata[$0]!)) })))
        }
        var offset = 0
        for tensor in tensors {
            let end = offset + tensor.values.count * 4
            members.append((tensor.name, .object([
                ("dtype", .string(SafeTensorsDType.f32.rawValue)),
                ("shape", .array(tensor.shape.map { .int($0) })),
                ("data_offsets", .array([.int(offset), .int(end)])),
            ])))
            offset = end
        }
        var headerBytes = Array(JSONValue.object(members).serialized(.compact).utf8)
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
}
