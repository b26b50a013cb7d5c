import LeNetTraining
import Testing
@testable import TerminalUI

/// The ? overlay's second page: the network's summary, reached with ? again.
@Suite struct SummaryOverlayTests {
    @Test func questionMarkAgainShowsTheSummaryAndEscOrQuestionMarkCloses() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("?")) == .redraw)
        #expect(state.helpPage == 0)
        #expect(state.handle(key: .character("?")) == .redraw)
        #expect(state.helpVisible)
        #expect(state.helpPage == 1)
        #expect(state.handle(key: .character("?")) == .redraw, "the last page: ? closes it")
        #expect(!state.helpVisible)
        _ = state.handle(key: .character("?"))
        #expect(state.helpPage == 0, "the overlay opens on the keys")
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .escape) == .redraw, "Esc closes the summary page")
        #expect(!state.helpVisible)
        #expect(state.helpPage == 0)
    }

    @Test func theSummaryPageFitsEightyByTwentyFourInAscii() {
        var state = Fixture.runningState()
        _ = state.handle(key: .character("?"))
        _ = state.handle(key: .character("?"))
        let rows = DashboardView(glyphs: .ascii).render(state, width: 80, height: 24).rows()
        #expect(Array(rows[3...9]) == [
            "+ network: LeNet-5 -------------------------------- page 2/2 - Esc or ? closes +",
            "| LeNet-5, one 28x28 image; shapes CxHxW (NCHW without the batch axis)         |",
            "| layer    operation            output    parameters  fwd FLOPs  train FLOPs   |",
            "| input    image 28x28          1x28x28            0          -            -   |",
            "| c1       conv 5x5 1->6 pad 2  6x28x28          156    235,200      470,400   |",
            "| pool1    max-pool 2x2         6x14x14            0          -            -   |",
            "| c3       conv 5x5 6->16       16x10x10       2,416    480,000    1,440,000   |",
        ])
        #expect(rows[15] == "| total                                       61,706    833,040    2,263,920   |")
        #expect(rows[18] == "| + input gradients (none for c1, whose input is the image).                   |")
        #expect(rows[19] == "+------------------------------------------------------------------------------+")
    }

    @Test func theKeysPageSaysHowToReachIt() {
        var state = Fixture.runningState()
        _ = state.handle(key: .character("?"))
        let rows = DashboardView(glyphs: .unicode).render(state, width: 100, height: 30).rows()
        #expect(rows.contains { $0.contains("? next: the network · Esc closes") })
    }
}
