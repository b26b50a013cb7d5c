import TestSupport
import Testing
@testable import LeNetFormats

/// safetensors files as the reference implementation validates them, with crafted byte layouts.
@Suite struct SafeTensorsFileTests {
    /// 8-byte little-endian header length, the header text, then `data`.
    func file(_ header: String, data: [UInt8] = []) -> [UInt8] {
        let json = Array(header.utf8)
        return withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json + data
    }

    func error(_ header: String, data: [UInt8] = []) -> String? {
        errorText { try SafeTensorsFile(bytes: file(header, data: data), path: "f.safetensors") }
    }

    let floats: [UInt8] = [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]  // 1.0, 2.0 little-endian

    @Test func readsEveryTensorAndTheMetadata() throws {
        let bytes = file(#"{"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"#
            + #""a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#,
            data: [7, 0, 0, 0, 0, 0, 0, 0] + floats)
        let parsed = try SafeTensorsFile(bytes: bytes, path: "f")
        #expect(parsed.entries.map(\.name) == ["a", "b"])  // in data order
        #expect(parsed.metadata == ["format": "pt"])
        let b = try #require(parsed.entry(named: "b"))
        #expect(b == SafeTensorsFile.Entry(name: "b", dtype: .f32, shape: [2], elementCount: 2, dataOffsets: 8 ..< 16))
        #expect(try parsed.floats(b) == [1, 2])
        #expect(errorText { try parsed.floats(parsed.entry(named: "a")!) } == #"f: tensor "a": dtype I64, expected F32"#)
        // A scalar (shape []) has one element; an empty tensor none.
        let scalar = try SafeTensorsFile(bytes: file(#"{"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"e":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]}}"#, data: [0, 0, 0x80, 0x3f]), path: "f")
        #expect(try scalar.floats(scalar.entry(named: "s")!) == [1])
        #expect(try scalar.floats(scalar.entry(named: "e")!) == [])
    }

    @Test func headerLengthIsBoundedAndWithinTheFile() {
        #expect(errorText { try SafeTensorsFile(bytes: [1, 2, 3], path: "f") }
            == "f: not a safetensors checkpoint: 3 bytes is shorter than the 8-byte header length")
        #expect(errorText { try SafeTensorsFile(bytes: [1], path: "f") }
            == "f: not a safetensors checkpoint: 1 byte is shorter than the 8-byte header length")
        let huge = withUnsafeBytes(of: UInt64(100_000_001).littleEndian, Array.init) + Array("{}".utf8)
        #expect(errorText { try SafeTensorsFile(bytes: huge, path: "f") }
            == "f: not a safetensors checkpoint: header length 100000001 is more than the 100000000-byte limit")
        let max = [UInt8](repeating: 0xff, count: 8) + Array("{}".utf8)
        #expect(errorText { try SafeTensorsFile(bytes: max, path: "f") }
            == "f: not a safetensors checkpoint: header length 18446744073709551615 is more than the 100000000-byte limit")
        let beyond = withUnsafeBytes(of: UInt64(50).littleEndian, Array.init) + Array("{}".utf8)
        #expect(errorText { try SafeTensorsFile(bytes: beyond, path: "f") }
            == "f: not a safetensors checkpoint: header length 50 exceeds the file (10 bytes)")
    }

    @Test func theHeaderMustBeAnObjectOfEntries() {
        #expect(error("{{") == "f.safetensors: not a safetensors checkpoint: the header is not valid JSON (line 1, column 2: unexpected '{', expected a string key)")
        #expect(error("[1]") == "f.safetensors: not a safetensors checkpoint: the header is an array, expected a JSON object")
        #expect(error(#"{"a":[]}"#) == #"f.safetensors: tensor "a": the entry is an array, expected an object"#)
        #expect(error(#"{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"extra":1}}"#)
            == #"f.safetensors: tensor "a": unexpected key "extra" (expected dtype, shape and data_offsets)"#)
        #expect(error(#"{"a":{"dtype":"F32","dtype":"F32","shape":[0],"data_offsets":[0,0]}}"#)
            == #"f.safetensors: tensor "a": key "dtype" appears twice"#)
        #expect(error(#"{"a":{"dtype":"Q4","shape":[0],"data_offsets":[0,0]}}"#) == #"f.safetensors: tensor "a": unknown dtype "Q4""#)
        #expect(error(#"{"a":{"shape":[0],"data_offsets":[0,0]}}"#) == #"f.safetensors: tensor "a": no dtype"#)
        #expect(error(#"{"a":{"dtype":4,"shape":[0],"data_offsets":[0,0]}}"#) == #"f.safetensors: tensor "a": dtype is a number, expected a string"#)
        #expect(error(#"{"a":{"dtype":"F32","data_offsets":[0,0]}}"#) == #"f.safetensors: tensor "a": no shape"#)
        #expect(error("{}") == nil)  // no tensors, no data: valid
    }

    @Test func metadataIsStringToStringWithoutDuplicates() {
        #expect(error(#"{"__metadata__":{"epoch":3}}"#)
            == #"f.safetensors: not a safetensors checkpoint: __metadata__ key "epoch" is a number, expected a string"#)
        #expect(error(#"{"__metadata__":[]}"#)
            == "f.safetensors: not a safetensors checkpoint: __metadata__ is an array, expected an object of strings")
        #expect(error(#"{"__metadata__":{"k":"a","k":"b"}}"#)
            == #"f.safetensors: not a safetensors checkpoint: the name "__metadata__.k" appears twice in the header"#)
    }

    @Test func duplicateTensorNamesAreRejected() {
        #expect(error(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                      data: floats)
            == #"f.safetensors: not a safetensors checkpoint: the name "w" appears twice in the header"#)
    }

    @Test func shapesAreNonNegativeIntegersWithoutOverflow() {
        for shape in ["[1.5]", "[-1]", #"["2"]"#, "[1e2]", "[2.0]", "[99999999999999999999]", "3"] {
            #expect(error(#"{"a":{"dtype":"F32","shape":\#(shape),"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
                == #"f.safetensors: tensor "a": shape is not a list of non-negative integers"#, "\(shape)")
        }
        // The issue's 1 KB crash: a shape whose element count overflows (2^62 x 4 x 4).
        #expect(error(#"{"a":{"dtype":"F32","shape":[4611686018427387904,4,4],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
            == #"f.safetensors: tensor "a": shape [4611686018427387904, 4, 4] has more elements than an Int can count"#)
        // 2^62 elements of 4 bytes: the byte size overflows.
        #expect(error(#"{"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]}}"#)
            == #"f.safetensors: tensor "a": shape [4611686018427387904] of F32 needs more bytes than an Int can count"#)
        // 2^64 / 4 elements: the byte size wraps to 0 without the check.
        #expect(error(#"{"a":{"dtype":"F32","shape":[2,2305843009213693952],"data_offsets":[0,0]}}"#)
            == #"f.safetensors: tensor "a": shape [2, 2305843009213693952] of F32 needs more bytes than an Int can count"#)
    }

    @Test func offsetsMatchTheShapeAndStayInTheData() {
        #expect(error(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
            == #"f.safetensors: tensor "a": data_offsets span 4 bytes but shape [2] of F32 needs 8"#)
        #expect(error(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0])
            == #"f.safetensors: tensor "a": data_offsets [0, 8] lie outside the 4-byte data section (file truncated?)"#)
        for offsets in ["[4,0]", "[0]", "[0,4,8]", "[-4,0]", "[0,4.0]", #"["0",4]"#] {
            #expect(error(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":\#(offsets)}}"#, data: [0, 0, 0, 0])
                == #"f.safetensors: tensor "a": data_offsets is not a pair [begin, end] of integers with 0 <= begin <= end"#, "\(offsets)")
        }
    }

    @Test func tensorsAreContiguousNonOverlappingAndCoverTheData() {
        // Two names for one range (the issue's aliasing): the second overlaps the first.
        #expect(error(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
                      data: floats)
            == #"f.safetensors: tensor "b": data_offsets [0, 8] overlap tensor "a", which ends at 8"#)
        #expect(error(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: floats)
            == #"f.safetensors: tensor "a": data_offsets [4, 8] leave a gap: the previous tensor ends at 0"#)
        #expect(error(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: floats)
            == "f.safetensors: not a safetensors checkpoint: the tensors cover 4 of the 8 data bytes (the data must end with the last tensor)")
        #expect(error("{}", data: [1]) == "f.safetensors: not a safetensors checkpoint: the tensors cover 0 of the 1 data bytes (the data must end with the last tensor)")
    }

    @Test func namesFromTheFileAreEscapedInMessages() {
        #expect(error("{\"evil\\u001b]0;x\\u0007\":{\"dtype\":\"Q\",\"shape\":[],\"data_offsets\":[0,0]}}")
            == #"f.safetensors: tensor "evil\u{1B}]0;x\u{7}": unknown dtype "Q""#)
        #expect(errorText { try SafeTensorsFile(bytes: [], path: "a\u{1B}[2Jb") }
            == #"a\u{1B}[2Jb: not a safetensors checkpoint: 0 bytes is shorter than the 8-byte header length"#)
    }
}
