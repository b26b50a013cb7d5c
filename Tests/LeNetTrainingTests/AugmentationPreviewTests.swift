import Foundation
import LeNetEngine
import LeNetTraining
import MNISTData
import Testing

/// `lenet-tui augment`'s pictures: the compact text art, the grid, and that the variants are what training feeds.
@Suite struct AugmentationPreviewTests {
    /// A 28×28 image with a 4×4 block of 255 at rows 4-7, columns 2-5, and one 128 pixel at (20, 10).
    private var image: [UInt8] {
        var pixels = [UInt8](repeating: 0, count: 784)
        for row in 4...7 { for column in 2...5 { pixels[row * 28 + column] = 255 } }
        pixels[10 * 28 + 20] = 128
        return pixels
    }

    @Test func compactArtIsOneCharacterPerColumnAndTwoRowsPerLine() {
        let art = AugmentationPreview.compactArt(image)
        #expect(art.count == 14)
        #expect(art.allSatisfy { $0.count == 28 })
        #expect(art[2] == "  @@@@                      ")
        #expect(art[3] == "  @@@@                      ")
        // 128 and 0 average to 64: level 64 · 10 / 256 = 2, ':'.
        #expect(art[5] == "                    :       ")
        #expect(art[0] == String(repeating: " ", count: 28))
    }

    @Test func gridPutsAsManyImagesInARowAsTheWidthHolds() {
        let images = [("original", image), ("epoch 1", image), ("a label longer than thirty characters", image)]
        let wide = AugmentationPreview.grid(images, width: 92)
        #expect(wide.count == 15)
        #expect(wide[0] == "original                       epoch 1                        a label longer than thirty cha")
        #expect(wide[3] == "|  @@@@                      | |  @@@@                      | |  @@@@                      |")
        let narrow = AugmentationPreview.grid(images, width: 91)
        #expect(narrow.count == 31)
        #expect(narrow[15] == "")
        #expect(narrow[16] == "a label longer than thirty cha")
    }

    @Test func variantsAreTheImagesTrainingIsFed() throws {
        let settings = AugmentationSettings(shift: 2, rotation: 10, scale: 0.1, shear: 8, elasticAlpha: 34, elasticSigma: 4)
        let preview = AugmentationPreview(settings: settings, seed: 5)
        let variants = preview.variants(of: image, position: 3, epochs: 2)
        #expect(variants.count == 2)
        #expect(variants[0] != variants[1])
        // The trainer's loader with the same seed puts the same distortion at position 3 of epoch 2.
        let dataset = try MNISTDataset(images: Array(repeating: image, count: 4).flatMap { $0 }, labels: [1, 2, 3, 4],
                                       rows: 28, cols: 28)
        let batch = MiniBatch(capacity: 4)
        BatchAugmenter(settings: settings, seed: 5, threads: 2)
            .load(into: batch, from: dataset, order: [0, 1, 2, 3], start: 0, count: 4, normalization: .mnist, epoch: 2)
        let fed = batch.images[3 * 784 ..< 4 * 784].map { ($0 * 0.3081 + 0.1307) * 255 }
        for (pixel, value) in zip(variants[1], fed) {
            #expect(abs(Float(pixel) - value) <= 0.51)
        }
    }
}
