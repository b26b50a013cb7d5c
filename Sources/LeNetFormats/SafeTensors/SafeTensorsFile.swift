// MARK: - Reading and validating a safetensors file
//
// The checks are those of the reference implementation (huggingface/safetensors, safetensors/src/
// tensor.rs, `SafeTensors::read_metadata` and `Metadata::validate`), plus duplicate names, which its
// JSON map would silently merge:
// - the header length is at most 100,000,000 bytes and within the file;
// - the header is a JSON object; `__metadata__`, if present, maps strings to strings;
// - each tensor has a known dtype, a shape of non-negative integers whose element count and byte size do
//   not overflow, and `data_offsets` [begin, end] spanning exactly that byte size;
// - sorted by offset, the tensors are contiguous from 0 and do not overlap, and the last one ends exactly
//   at the end of the file.
// So the tensors' data never exceeds the file, and decoding them all costs at most the file's size.

/// A validated safetensors file: its tensor entries and metadata, over the file's bytes. Tensor data is
/// decoded on request (`floats(_:)`), once per tensor the caller wants.
public struct SafeTensorsFile: Sendable {
    /// One tensor's entry in the header.
    public struct Entry: Equatable, Sendable {
        /// The tensor's name.
        public let name: String
        /// Its element type.
        public let dtype: SafeTensorsDType
        /// Its shape, outermost first (empty for a scalar).
        public let shape: [Int]
        /// The product of `shape` (1 for a scalar), checked for overflow.
        public let elementCount: Int
        /// Its bytes within the data section (`data_offsets`).
        public let dataOffsets: Range<Int>
    }

    /// The file, for messages.
    public let path: String
    /// Every tensor, in data-offset order.
    public let entries: [Entry]
    /// The `__metadata__` map (empty when absent).
    public let metadata: [String: String]
    /// The whole file.
    private let bytes: [UInt8]
    /// Where the data section starts in `bytes` (8 + header length).
    private let dataStart: Int
    /// Entry index by name.
    private let index: [String: Int]

    /// Validates `bytes` as a safetensors file (see the rules above); `path` labels errors.
    /// - Throws: `SafeTensorsError`: `.tooShort`, `.headerTooLarge`, `.headerBeyondFile`, `.badHeader`
    ///   (not JSON, not an object, bad `__metadata__`), `.duplicateName`, `.badTensor` (dtype, shape,
    ///   offsets, overlap, gap, beyond the data), `.unusedData`.
    public init(bytes: [UInt8], path: String) throws(SafeTensorsError) {
        guard bytes.count >= 8 else { throw SafeTensorsError.tooShort(path: path, bytes: bytes.count) }
        var headerLength: UInt64 = 0
        for i in 0 ..< 8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= SafeTensors.maximumHeaderLength else {
            throw SafeTensorsError.headerTooLarge(path: path, headerLength: headerLength)
        }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafeTensorsError.headerBeyondFile(path: path, headerLength: headerLength, fileLength: bytes.count)
        }
        let dataStart = 8 + Int(headerLength)
        let header = try SafeTensorsHeader(Array(bytes[8 ..< dataStart]), dataLength: bytes.count - dataStart,
                                           path: path)
        self.path = path
        self.bytes = bytes
        self.dataStart = dataStart
        self.entries = header.entries
        self.metadata = header.metadata
        self.index = Dictionary(uniqueKeysWithValues: header.entries.enumerated().map { ($1.name, $0) })
    }

    /// The entry named `name`, if the file has one.
    public func entry(named name: String) -> Entry? { index[name].map { entries[$0] } }

    /// The values of an `F32` tensor of this file, row-major, decoded from little-endian.
    /// - Throws: `SafeTensorsError.badTensor` when its dtype is not `F32`.
    public func floats(_ entry: Entry) throws(SafeTensorsError) -> [Float] {
        guard entry.dtype == .f32 else {
            throw SafeTensorsError.badTensor(path: path, name: entry.name, reason: "dtype \(entry.dtype.rawValue), expected F32")
        }
        let start = dataStart + entry.dataOffsets.lowerBound
        return bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: entry.elementCount) { buffer, count in
                for i in 0 ..< entry.elementCount {
                    let bits = raw.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self)
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                count = entry.elementCount
            }
        }
    }
}
