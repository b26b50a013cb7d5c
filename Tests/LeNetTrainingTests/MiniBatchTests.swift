import LeNetEngine
import LeNetTraining
import MNISTData
import Testing

/// Mini-batch loading: images in the order given, each pixel normalised as torchvision does, the same
/// values whether the 16-image groups are loaded on one thread or spread over a pool.
@Suite struct MiniBatchTests {
    @Test(arguments: [1, 2, 3])
    func loadsTheOrderedImagesNormalised(threads: Int) {
        let train = BundledMNIST.full.train
        let order: [Int32] = (0..<100).map { Int32((59_999 - 7 * $0) % 60_000) }
        let batch = MiniBatch(capacity: 40)
        batch.load(from: train, order: order, start: 10, count: 40, normalization: .mnist,
                   pool: threads == 1 ? nil : WorkerPool(threads: threads))
        #expect(batch.count == 40)
        // MNIST's first training labels are 5 0 4 1 9; image 59,999's is 8. Position 10 of the order is
        // image 59,929; position 49 image 59,656.
        #expect(order[10] == 59_929 && order[49] == 59_656)
        let expectedLabels = (10..<50).map { train.labels[Int(order[$0])] }
        #expect(Array(batch.labels.prefix(40)) == expectedLabels)
        var mismatches = 0, zeros = 0
        for i in 0..<40 {
            let image = Int(order[10 + i])
            for p in 0..<784 {
                let byte = train.images[image * 784 + p]
                if batch.images[i * 784 + p] != PixelNormalization.mnist.normalize(byte) { mismatches += 1 }
                if byte == 0 {
                    zeros += 1
                    if batch.images[i * 784 + p] != -0.42421296 { mismatches += 1 }
                }
            }
        }
        #expect(mismatches == 0)
        #expect(zeros > 40 * 784 / 2, "MNIST digits are mostly background")
    }

    @Test func theFirstTrainingLabelsAreMNISTs() {
        let batch = MiniBatch(capacity: 5)
        batch.load(from: BundledMNIST.full.train, order: nil, start: 0, count: 5, normalization: .mnist,
                   pool: WorkerPool(threads: 2))
        #expect(Array(batch.labels.prefix(5)) == [5, 0, 4, 1, 9])
    }
}
