import Foundation
import TestSupport
import Testing
@testable import LeNetFormats

@Suite struct GzipTests {
    @Test func roundTripsBytes() throws {
        let data: [UInt8] = (0 ..< 100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        let gz = Gzip.compress(data)
        #expect(gz[0] == 0x1f && gz[1] == 0x8b && gz[2] == 8)  // magic, deflate method
        #expect(gz.count < data.count)
        #expect(try Gzip.decompress(gz) == data)
    }

    @Test func roundTripsEmptyInput() throws {
        let gz = Gzip.compress([])
        #expect(gz.count == 20)  // 10-byte header, 2-byte empty final block, 8-byte trailer
        #expect(try Gzip.decompress(gz) == [])
    }

    @Test func decompressesAnOutputLargerThanTheSizeHint() throws {
        // Highly compressible: the output grows past the trailer hint's lower bound without problems.
        let data = [UInt8](repeating: 7, count: 3_000_000)
        let gz = Gzip.compress(data, level: 9)
        #expect(gz.count < 10_000)
        #expect(try Gzip.decompress(gz) == data)
    }

    @Test func decompressesConcatenatedMembers() throws {
        let gz = Gzip.compress([1, 2, 3]) + Gzip.compress([4, 5])
        #expect(try Gzip.decompress(gz) == [1, 2, 3, 4, 5])
    }

    @Test func sizeHintReadsTheTrailer() {
        let gz = Gzip.compress([UInt8](repeating: 1, count: 5000))
        #expect(Gzip.initialCapacity(forCompressed: gz) == 5000)
        #expect(Gzip.initialCapacity(forCompressed: [0x1f, 0x8b]) == 1024)
    }

    @Test func rejectsDataWithoutTheMagic() {
        #expect(throws: GzipError.notGzip) { try Gzip.decompress([0x00, 0x00, 0x08, 0x01]) }
        #expect(throws: GzipError.notGzip) { try Gzip.decompress([]) }
        #expect(throws: GzipError.notGzip) { try Gzip.decompress([0x1f]) }
        #expect(GzipError.notGzip.description == "not gzip data (the first two bytes are not 1f 8b)")
    }

    @Test func rejectsTruncatedStreams() {
        let gz = Gzip.compress((0 ..< 5000).map { UInt8(truncatingIfNeeded: $0 * $0) })
        for cut in [2, 10, gz.count / 2, gz.count - 4, gz.count - 1] {
            #expect(throws: GzipError.truncated, "cut at \(cut)") { try Gzip.decompress(Array(gz[0 ..< cut])) }
        }
        #expect(GzipError.truncated.description
            == "truncated gzip stream (the data ends before the end of the compressed stream)")
    }

    @Test func rejectsCorruptStreams() {
        var gz = Gzip.compress([UInt8](repeating: 42, count: 1000))
        gz[gz.count - 6] ^= 0xff  // CRC-32 in the trailer
        #expect(errorText { try Gzip.decompress(gz) } == "corrupt gzip stream (incorrect data check)")

        var badMethod = Gzip.compress([1, 2, 3])
        badMethod[2] = 7  // compression method must be 8 (deflate)
        #expect(errorText { try Gzip.decompress(badMethod) } == "corrupt gzip stream (unknown compression method)")
    }

    @Test func rejectsTrailingGarbage() {
        let gz = Gzip.compress([9, 9, 9]) + [0x00, 0x01, 0x02]
        #expect(throws: GzipError.trailingData(byteCount: 3)) { try Gzip.decompress(gz) }
        #expect(GzipError.trailingData(byteCount: 3).description == "3 unexpected bytes after the end of the gzip stream")
    }

    // MARK: - Limits: a gzip bomb stops at the limit

    @Test func stopsOnePastTheLimit() throws {
        let gz = Gzip.compress([UInt8](repeating: 5, count: 1000))
        #expect(try Gzip.decompress(gz, limit: 1000).count == 1000)
        #expect(throws: GzipError.tooLarge(limit: 999)) { try Gzip.decompress(gz, limit: 999) }
        #expect(throws: GzipError.tooLarge(limit: 0)) { try Gzip.decompress(gz, limit: 0) }
        #expect("\(GzipError.tooLarge(limit: 999))"
            == "the gzip data decompresses to more than 999 bytes, the most expected here; stopped there")
    }

    @Test func aBombOf200MiBFailsFastWithLittleMemory() throws {
        let bomb = Hostile.gzipBomb(mebibytes: 200)
        #expect(bomb.count < 300_000)
        let before = Hostile.peakRSSBytes()
        let start = Date()
        #expect(throws: GzipError.tooLarge(limit: 10 << 20)) { try Gzip.decompress(bomb, limit: 10 << 20) }
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(Hostile.peakRSSBytes() - before < 64 << 20)
    }

    @Test func theInflaterHandsOutPiecesAcrossMembers() throws {
        let gz = Gzip.compress([1, 2, 3]) + Gzip.compress([4, 5, 6, 7])
        let inflater = try GzipInflater(gz)
        var bytes = [UInt8](repeating: 0, count: 5)
        #expect(try inflater.read(into: &bytes, 0 ..< 2) == 2)
        #expect(try inflater.read(into: &bytes, 2 ..< 5) == 3)
        #expect(bytes == [1, 2, 3, 4, 5] && !inflater.isFinished)
        #expect(try inflater.read(into: &bytes, 0 ..< 5) == 2)
        #expect(inflater.isFinished && inflater.producedCount == 7 && Array(bytes[0 ..< 2]) == [6, 7])
        #expect(try inflater.read(into: &bytes, 0 ..< 5) == 0)
    }
}
