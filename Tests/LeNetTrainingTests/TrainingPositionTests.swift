import Foundation
import LeNetEngine
import LeNetTraining
import MNISTData
import TestSupport
import Testing

/// The position published with the trainer's weights, the s key's file that records it, and how the
/// commands describe such a file: all on a short real training of the bundled MNIST.
@Suite struct TrainingPositionTests {
    /// The first 100 training and 50 test images: batch 32 gives 4 mini-batches per epoch (32, 32, 32, 4).
    private static let data: TrainingData = BundledMNIST.trainingData(train: 100, test: 50)

    private func trainer(epochs: Int, in directory: TemporaryDirectory, control: TrainingControl = TrainingControl(),
                         resumeFrom: Checkpoint? = nil) -> Trainer {
        var config = TrainingConfig.defaults
        config.epochs = epochs
        config.batchSize = 32
        config.threads = 1
        config.checkpoint = directory.file("ck.safetensors")
        return Trainer(config: config, data: Self.data, control: control, resumeFrom: resumeFrom)
    }

    @Test func everySnapshotCarriesThePositionItWasTakenAt() throws {
        let directory = try TemporaryDirectory()
        let trainer = trainer(epochs: 2, in: directory)
        #expect(trainer.snapshot().position == TrainingPosition(completedEpochs: 0, batch: 0, batchesPerEpoch: 4))
        let predictor = DigitPredictor(snapshots: { trainer.snapshot() })
        let image = Array(Self.data.test.image(at: 0))
        var seen: [String] = []
        _ = trainer.run { event in
            // Events come after the trainer published the weights they report.
            switch event {
            case .batchDone(let progress):
                let snapshot = trainer.snapshot()
                #expect(snapshot.position == TrainingPosition(completedEpochs: progress.epoch - 1, batch: progress.batch,
                                                            batchesPerEpoch: progress.batchesPerEpoch))
                #expect(predictor.read([image])?.position == snapshot.position, "the predictor reads the same snapshot")
                seen.append(snapshot.position.description)
            case .epochDone(let summary):
                #expect(trainer.snapshot().position == TrainingPosition(completedEpochs: summary.epoch, batch: 0, batchesPerEpoch: 4))
                seen.append(trainer.snapshot().position.description)
            default:
                break
            }
        }
        #expect(seen == ["epoch 1, mini-batch 1 of 4", "epoch 1, mini-batch 2 of 4", "epoch 1, mini-batch 3 of 4",
                       "epoch 1, mini-batch 4 of 4", "end of epoch 1",
                       "epoch 2, mini-batch 1 of 4", "epoch 2, mini-batch 2 of 4", "epoch 2, mini-batch 3 of 4",
                       "epoch 2, mini-batch 4 of 4", "end of epoch 2"])
        #expect(DigitPredictor(fixed: trainer.snapshot().parameters).read([image])?.position == nil, "fixed weights have none")
    }

    @Test func theSKeysFileRecordsWhereItsWeightsWereTaken() throws {
        let directory = try TemporaryDirectory()
        let control = TrainingControl()
        let trainer = trainer(epochs: 3, in: directory, control: control)
        let saved = directory.file("ck-saved.safetensors")
        var written: WeightSnapshot?
        _ = trainer.run { event in
            // s pressed after mini-batch 3 of epoch 2, then the run is stopped.
            guard case .batchDone(let progress) = event, progress.epoch == 2, progress.batch == 3 else { return }
            written = trainer.snapshot()
            try! Checkpoint.savedNow(written!, configJSON: trainer.config.jsonString(), dataset: .mnist).write(to: saved)
            control.stop()
        }
        let file = try Checkpoint.read(from: saved)
        #expect(file.parameters == written?.parameters)
        #expect(file.epoch == 1, "epochs finished, as in every checkpoint")
        #expect(file.extraMetadata["epoch_in_progress"] == "2")
        #expect(file.extraMetadata["mini_batch"] == "3")
        #expect(file.extraMetadata["mini_batches_per_epoch"] == "4")
        #expect(try file.savedPosition(path: saved) == TrainingPosition(completedEpochs: 1, batch: 3, batchesPerEpoch: 4))
        #expect(try file.origin(path: saved) ==
                "weights saved with s at epoch 2, mini-batch 3 of 4; weights only, not resumable")
        #expect(try file.origin(path: saved, short: true) == "saved with s at epoch 2, mini-batch 3 of 4")

        // The epoch checkpoint the run wrote keeps its description, and --resume refuses the s file in one line.
        let epochFile = try Checkpoint.read(from: directory.file("ck.safetensors"))
        #expect(try epochFile.origin(path: "ck.safetensors") == "epoch 1")
        #expect(try epochFile.savedPosition(path: "ck.safetensors") == nil)
        let refusal = errorText { try ResumePlan(checkpoint: file, path: saved, flags: ConfigOverrides(), file: nil) }
        #expect(refusal == "\(saved): holds weights only (saved with the dashboard's s key at epoch 2, mini-batch 3 "
            + "of 4; no optimizer or random-generator state), so training cannot resume exactly from it; resume from "
            + "the epoch checkpoint (\(directory.file("ck.safetensors")))")
    }

    @Test func boundariesAndDamagedPositionsAreSaidAsSuch() throws {
        let parameters = LeNet5Parameters.zeros()
        func file(_ position: TrainingPosition) throws -> Checkpoint {
            let bytes = Checkpoint.savedNow(WeightSnapshot(parameters: parameters, position: position), configJSON: nil,
                                            dataset: .mnist).encoded()
            return try Checkpoint.decode(bytes, path: "s.safetensors")
        }
        #expect(try file(TrainingPosition(completedEpochs: 2, batch: 0, batchesPerEpoch: 938)).origin(path: "s") ==
                "weights saved with s at the end of epoch 2; weights only, not resumable")
        #expect(try file(TrainingPosition(completedEpochs: 0, batch: 0, batchesPerEpoch: 938)).origin(path: "s", short: true) ==
                "saved with s before training (initial weights)")
        var damaged = try file(TrainingPosition(completedEpochs: 2, batch: 5, batchesPerEpoch: 938))
        damaged.extraMetadata["mini_batch"] = "939"
        #expect(errorText { try damaged.origin(path: "s") } == #"s: metadata "mini_batch" has an invalid value "939 (of 938)""#)
        damaged.extraMetadata["mini_batch"] = "5"
        damaged.extraMetadata["epoch_in_progress"] = "7"
        #expect(errorText { try damaged.origin(path: "s") } == #"s: metadata "epoch_in_progress" has an invalid value "7 (epoch 2)""#)
        // A file from PyTorch: no metadata at all.
        #expect(try Checkpoint(parameters: parameters, epoch: 0).origin(path: "t") == "no lenet-tui metadata")
    }
}
