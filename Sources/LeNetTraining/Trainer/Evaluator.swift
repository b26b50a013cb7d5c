import LeNetEngine
import MNISTData

/// Evaluates parameters on a whole dataset in chunks. Reads the parameters only: evaluation changes no
/// model state (the model's workspaces are scratch space).
public enum Evaluator {
    /// Evaluates `parameters` on every image of `dataset`, in chunks of `min(batch.capacity,
    /// model.maxBatchSize)` images, through `Classifier`.
    public static func evaluate(model: LeNet5Model, parameters: LeNet5Parameters, dataset: MNISTDataset,
                                normalization: PixelNormalization, batch: MiniBatch) -> EvaluationResult {
        let classification = Classifier(model: model, batch: batch)
            .classify(dataset, parameters: parameters, normalization: normalization)
        return EvaluationResult(classification, labels: dataset.labels)
    }
}
