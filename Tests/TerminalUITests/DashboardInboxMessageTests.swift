import LeNetTraining
import Testing
@testable import TerminalUI

/// The dashboard's inbox: trainer events and the confusion browser's answers from other threads.
@Suite struct DashboardInboxMessageTests {
    private func examples(_ total: Int) -> ConfusionCellExamples {
        ConfusionCellExamples(examples: [], total: total)
    }

    @Test func theLatestBrowserAnswerIsKeptAndTakenOnce() {
        let inbox = DashboardInbox()
        #expect(inbox.takeExamples() == nil)
        inbox.deliver(examples(3), for: ConfusionCell(trueClass: 5, predicted: 3))
        inbox.deliver(examples(7), for: ConfusionCell(trueClass: 6, predicted: 0))
        let taken = inbox.takeExamples()
        #expect(taken?.cell == ConfusionCell(trueClass: 6, predicted: 0))
        #expect(taken?.found.total == 7)
        #expect(inbox.takeExamples() == nil)
    }

    @Test func theLatestSaveOutcomeIsTakenOnce() {
        let inbox = DashboardInbox()
        #expect(inbox.takeSaveResult() == nil)
        inbox.deliverSaveResult(.failure(SaveFailure(description: "x.safetensors: permission denied")))
        let saved = SavedWeights(line: "saved x.safetensors (epoch 2, mini-batch 300 of 938)",
                                 position: TrainingPosition(completedEpochs: 1, batch: 300, batchesPerEpoch: 938))
        inbox.deliverSaveResult(.success(saved))
        #expect(inbox.takeSaveResult() == .success(saved))
        #expect(inbox.takeSaveResult() == nil)
    }

    @Test func onlyTheLatestConfusionRequestIsAnswered() {
        let inbox = DashboardInbox()
        let first = inbox.requestExamples()
        let second = inbox.requestExamples()
        #expect(first == 1)
        #expect(second == 2)
        #expect(!inbox.isLatestRequest(first))
        #expect(inbox.isLatestRequest(second))
        inbox.close()
        #expect(!inbox.isLatestRequest(second))
    }

    @Test func aClosedInboxDropsEverything() {
        let inbox = DashboardInbox()
        inbox.post(.finished(completed: true))
        inbox.close()
        inbox.post(.finished(completed: true))
        inbox.deliver(examples(1), for: ConfusionCell(trueClass: 1, predicted: 1))
        inbox.deliverSaveResult(.success(SavedWeights(line: "saved")))
        #expect(inbox.drain().isEmpty)
        #expect(inbox.takeSaveResult() == nil)
        #expect(inbox.takeExamples() == nil)
    }

}
