import LeNetEngine
import MNISTData

/// Evaluates parameters on a whole dataset in chunks. Reads the parameters only: evaluation changes no
/// model state (the model's workspaces are scratch space).
public enum Evaluator {
    /// Evaluates `parameters` on every image of `dataset`, in chunks of `batch.capacity` images.
    public static func evaluate(model: LeNet5Model, parameters: LeNet5Parameters, dataset: MNISTDataset,
                                normalization: PixelNormalization, batch: MiniBatch) -> EvaluationResult {
        var confusion = ConfusionMatrix(classCount: LeNet5.classCount)
        var lossSum = 0.0
        let chunk = min(batch.capacity, model.maxBatchSize)
        var start = 0
        while start < dataset.count {
            let count = min(chunk, dataset.count - start)
            batch.load(from: dataset, order: nil, start: start, count: count, normalization: normalization)
            let (chunkLoss, predictions) = batch.withBuffers { images, labels in
                model.evaluate(parameters: parameters, images: images, labels: labels, count: count)
            }
            lossSum += chunkLoss
            for i in 0..<count {
                confusion.record(trueClass: Int(dataset.labels[start + i]), predicted: Int(predictions[i]))
            }
            start += count
        }
        return EvaluationResult(lossSum: lossSum, confusionMatrix: confusion)
    }
}
