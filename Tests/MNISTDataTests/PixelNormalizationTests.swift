import Testing
@testable import MNISTData

@Suite struct PixelNormalizationTests {
    @Test func mnistConstantsMatchTorchvision() {
        let norm = PixelNormalization.mnist
        #expect(norm.mean == 0.1307 && norm.std == 0.3081)
        // torch: ((torch.tensor([0, 255], dtype=torch.uint8).float() / 255) - 0.1307) / 0.3081
        #expect(norm.normalize(0 as UInt8) == -0.42421296)
        #expect(norm.normalize(255 as UInt8) == 2.8214867)
        #expect(norm.normalize(0 as UInt8).bitPattern == Float(-0.42421296).bitPattern)
    }

    @Test func bufferVersionMatchesTheScalarOne() {
        let pixels: [UInt8] = Array(0 ... 255)
        let out = PixelNormalization.mnist.normalize(pixels)
        #expect(out.count == 256)
        for p in 0 ... 255 {
            #expect(out[p] == (Float(p) / 255 - Float(0.1307)) / Float(0.3081))
        }
        #expect(out[128] == 1.2050011)  // numpy float32: (128/255 - 0.1307) / 0.3081
    }

    @Test func writesIntoALargerBuffer() {
        var out = [Float](repeating: 99, count: 4)
        let pixels: [UInt8] = [0, 255]
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { PixelNormalization(mean: 0.5, std: 0.5).normalize(src, into: $0) }
        }
        #expect(out == [-1, 1, 99, 99])
    }
}
