import TestSupport
import Testing
@testable import LeNetFormats

@Suite struct IDXTests {
    @Test func encodesTheHeaderBigEndian() {
        let file = IDX.encode(dimensions: [60000, 28, 28], bytes: [])
        #expect(file == [0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28])
        #expect(IDX.encode(dimensions: [2], bytes: [7, 9]) == [0, 0, 8, 1, 0, 0, 0, 2, 7, 9])
    }

    @Test func parsesLabelsAndImages() throws {
        let labels = try IDX.parse([0, 0, 8, 1, 0, 0, 0, 3, 4, 0, 9], expecting: .labels)
        #expect(labels == IDXArray(dimensions: [3], bytes: [4, 0, 9]))

        let pixels: [UInt8] = Array(0 ..< 24)
        let images = try IDX.parse(IDX.encode(dimensions: [2, 3, 4], bytes: pixels), expecting: .images)
        #expect(images.dimensions == [2, 3, 4])
        #expect(images.bytes == pixels)
    }

    @Test func parsesAnEmptySet() throws {
        let labels = try IDX.parse(IDX.encode(dimensions: [0], bytes: []), expecting: .labels)
        #expect(labels == IDXArray(dimensions: [0], bytes: []))
    }

    @Test func rejectsEmptyAndShortInput() {
        #expect(throws: IDXError.empty) { try IDX.parse([], expecting: .labels) }
        #expect(IDXError.empty.description == "empty file (0 bytes), expected IDX data")
        #expect(throws: IDXError.headerTooShort(length: 3, needed: 16)) { try IDX.parse([0, 0, 8], expecting: .images) }
        #expect(errorText { try IDX.parse([0, 0, 8, 3, 0, 0, 0, 1, 0, 0], expecting: .images) }
            == "not an IDX file: 10 bytes, shorter than the 16-byte header")
        #expect(IDXError.headerTooShort(length: 1, needed: 16).description == "not an IDX file: 1 byte, shorter than the 16-byte header")
        #expect(Plural.count(1, "epoch") == "1 epoch" && Plural.count(0, "epoch") == "0 epochs")
        #expect(Plural.count(2, "mini-batch", plural: "mini-batches") == "2 mini-batches")
    }

    @Test func rejectsWrongMagic() {
        // Labels given where images are expected.
        #expect(errorText { try IDX.parse(IDX.encode(dimensions: [1], bytes: [3]), expecting: .images) }
            == "not an IDX file of the expected kind: magic number 0x00000801, expected 0x00000803 (IDX images (unsigned byte, 3 dimensions))")
        // Text is not IDX.
        #expect(errorText { try IDX.parse(Array("hello world".utf8), expecting: .labels) }
            == "not an IDX file of the expected kind: magic number 0x68656c6c, expected 0x00000801 (IDX labels (unsigned byte, 1 dimension))")
        // Float element type (0x0D) is not accepted.
        #expect(throws: IDXError.wrongMagic(found: 0x0d01, expected: 0x0801, kindName: IDXKind.labels.name)) {
            try IDX.parse([0, 0, 0x0d, 1, 0, 0, 0, 0], expecting: .labels)
        }
    }

    @Test func rejectsDataLengthNotMatchingTheHeader() {
        let short = IDX.encode(dimensions: [2, 28, 28], bytes: [UInt8](repeating: 0, count: 1567))
        #expect(errorText { try IDX.parse(short, expecting: .images) }
            == "IDX header says 2x28x28 = 1568 data bytes but the file has 1567")
        let long = IDX.encode(dimensions: [3], bytes: [1, 2, 3, 4])
        #expect(throws: IDXError.lengthMismatch(dimensions: [3], expectedBytes: 3, actualBytes: 4)) {
            try IDX.parse(long, expecting: .labels)
        }
    }

    @Test func rejectsSizesThatOverflow() {
        let huge = IDX.encode(dimensions: [Int(UInt32.max), Int(UInt32.max), Int(UInt32.max)], bytes: [])
        #expect(errorText { try IDX.parse(huge, expecting: .images) }
            == "IDX header sizes 4294967295x4294967295x4294967295 overflow")
    }

    @Test func theHeaderAloneGivesTheSizes() throws {
        let header = try IDX.parseHeader([0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28], expecting: .images)
        #expect(header == IDXHeader(dimensions: [60000, 28, 28], dataByteCount: 47_040_000))
        #expect(IDXKind.images.headerLength == 16 && IDXKind.labels.headerLength == 8)
        // Three sizes of 2^32-1: the product overflows Int, checked.
        #expect(throws: IDXError.sizeOverflow(dimensions: [4_294_967_295, 4_294_967_295, 4_294_967_295])) {
            try IDX.parseHeader([0, 0, 8, 3] + [UInt8](repeating: 0xff, count: 12), expecting: .images)
        }
        #expect("\(IDXError.dataBeyondHeader(dimensions: [5, 28, 28], expectedBytes: 3920))"
            == "IDX header says 5x28x28 = 3920 data bytes but the data goes on past them")
    }
}
