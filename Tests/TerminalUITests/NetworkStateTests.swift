import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Network view keys and state

@Suite struct NetworkStateTests {
    @Test func nOpensStepsThroughThePagesAndCloses() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("n")) == .redraw)
        #expect(state.networkViewOpen)
        #expect(state.showsNetworkView)
        state.networkPageCount = 2
        #expect(KeyHelp(state: state, glyphs: .unicode).text() == "p pause  w whole run  d draw  tab panels  +/- lr  </> pace  r rewind  Esc close network  "
                + "n next page  g saliency  ? help  q quit")
        #expect(state.handle(key: .character("n")) == .redraw)
        #expect(state.networkPage == 1)
        #expect(KeyHelp(state: state, glyphs: .unicode).text().contains("n close network"))
        #expect(state.handle(key: .character("N")) == .redraw)
        #expect(!state.networkViewOpen)
        #expect(state.networkPage == 0)
    }

    @Test func escapeLeavesThePadFirstThenClosesTheView() {
        var state = Fixture.networkState()
        #expect(state.focus == .pad)
        #expect(state.handle(key: .escape) == .redraw)
        #expect(state.focus == .training)
        #expect(state.networkViewOpen, "the view stays; the pad's keys are gone")
        #expect(state.handle(key: .escape) == .redraw)
        #expect(!state.networkViewOpen)
        #expect(state.networkFilters == nil)
        #expect(state.handle(key: .escape) == .none)
    }

    @Test func drawOnlyEscapeClosesTheViewBeforeQuitting() {
        var state = DashboardState(padOnly: true)
        _ = state.handle(key: .character("n"))
        #expect(state.handle(key: .escape) == .redraw)
        #expect(!state.networkViewOpen)
        #expect(state.handle(key: .escape) == .quit)
    }

    @Test func openingTheViewReadsTheDrawingWithTheTrainingWeights() {
        var state = Fixture.runningState()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        state.refreshPad { _, _ in Array(repeating: 0.1, count: 10) }
        #expect(state.padSource == .checkpoint(name: "pretrained"), "before the first epoch the pad reads with the checkpoint")
        #expect(state.handle(key: .character("n")) == .padChanged, "the model changed under the drawing")
        #expect(state.padSource == .training)
        #expect(state.networkSourceLabel == "training weights, epoch 3, mini-batch 50 of 100")
        #expect(state.handle(key: .character("m")) == .padChanged, "m still chooses")
        #expect(state.padSource == .checkpoint(name: "pretrained"))
    }

    @Test func gTogglesTheSaliencyWhereAnInputIsShown() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("g")) == .none, "no pad, browser or network view: nothing to overlay")
        #expect(!state.showsSaliency)
        _ = state.handle(key: .character("d"))
        #expect(state.handle(key: .character("g")) == .redraw)
        #expect(state.showsSaliency)
        #expect(KeyHelp(state: state, glyphs: .unicode).text(width: 200).contains("g hide saliency"))
        _ = state.handle(key: .escape)
        _ = state.handle(key: .character("n"))
        #expect(state.handle(key: .character("g")) == .redraw, "in the network view too")
        #expect(!state.showsSaliency)
    }

    @Test func theDashboardIsAskedForEachNewImageOnlyWhileSomethingShowsIt() throws {
        var state = Fixture.runningState()
        state.padSources = [.training]
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        state.refreshPad { _, _ in Array(repeating: 0.1, count: 10) }
        #expect(state.inspectionNeeded == nil, "view closed, no overlay: no maps computed")
        #expect(state.filtersNeeded == nil)
        _ = state.handle(key: .character("n"))
        let request = try #require(state.inspectionNeeded)
        #expect(request.source == .training)
        #expect(request.pixels == state.padReading?.input.pixels)
        #expect(state.filtersNeeded == .training)
        state.setInspection(Fixture.inside(), for: request)
        state.setFilters(Fixture.filters, from: .training)
        #expect(state.inspectionNeeded == nil)
        #expect(state.filtersNeeded == nil)
        #expect(state.currentInside == Fixture.inside())
        #expect(state.networkFilters?.weights?.shape() == "6×5×5")
        // Another stroke: another image, asked again; the old maps are not shown for it.
        _ = state.handle(key: .right)
        state.refreshPad { _, _ in Array(repeating: 0.1, count: 10) }
        #expect(state.inspectionNeeded != nil)
        #expect(state.currentInside == nil)
        state.setInspection(Fixture.inside(), for: request)
        #expect(state.currentInside == nil, "an answer for an old image is dropped")
        state.setFilters([1, 2, 3], from: .training)
        #expect(state.networkFilters?.weights == nil, "not 6x1x5x5: no filters")
        #expect(state.filtersNeeded == nil, "and not asked again")
    }

    @Test func whileBrowsingTheViewShowsTheTestImageWithTheTrainingWeights() throws {
        var state = ConfusionBrowserStateTests.browsableState()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        _ = state.handle(key: .character("n"))
        _ = state.handle(key: .character("b"))
        #expect(!state.showsNetworkView, "picking a cell shows the heatmap")
        let cell = ConfusionCell(trueClass: 7, predicted: 2)
        _ = state.handle(key: .enter)
        var example = ConfusionBrowserStateTests.example(41)
        example = ConfusionExample(testIndex: 41, trueClass: 7, predicted: 2, pixels: Fixture.barImage,
                                   probabilities: example.probabilities)
        state.showConfusionExamples([example], for: cell)
        #expect(state.showsNetworkView)
        let request = try #require(state.inspectionNeeded)
        #expect(request == InspectionRequest(pixels: Fixture.barImage, source: .training))
        #expect(state.handle(key: .character("g")) == .redraw)
        #expect(KeyHelp(state: state, glyphs: .unicode).text(width: 200).prefix(40) == "←/→ image  g hide saliency  Esc cells  p")
        state.setInspection(Fixture.inside(), for: request)
        state.showConfusionExamples([example, ConfusionBrowserStateTests.example(42)], for: cell)
        #expect(state.handle(key: .right) == .redraw)
        #expect(state.inspectionNeeded?.pixels == ConfusionBrowserStateTests.example(42).pixels, "the next image is asked for")
        #expect(state.currentInside == nil)
    }

    @Test func layoutGivesTheViewTheBodyOrTheSpaceBesideTheTrainingView() {
        let at120 = DashboardLayout(width: 120, height: 40, network: true)
        #expect(at120.network == Rect(x: 0, y: 3, width: 120, height: 35))
        #expect(at120.lossPanel.isEmpty && at120.heatmap.isEmpty && at120.pad.isEmpty)
        #expect(DashboardLayout(width: 80, height: 24, focus: .pad, network: true).network ==
                Rect(x: 0, y: 3, width: 80, height: 19))
        let wide = DashboardLayout(width: 180, height: 50, network: true)
        #expect(wide.network == Rect(x: 61, y: 3, width: 119, height: 45))
        #expect(wide.lossPanel.width == DashboardLayout.besideTrainingWidth)
        #expect(wide.epochLog.width == DashboardLayout.besideTrainingWidth)
        #expect(wide.heatmap.isEmpty)
        #expect(DashboardLayout(width: 64, height: 22, padOnly: true, network: true).network.height == 19)
    }

    @Test func noteScreenCountsThePagesAndKeepsThePageInRange() {
        var state = Fixture.networkState()
        state.noteScreen(width: 80, height: 24, glyphs: .unicode)
        #expect(state.networkPageCount == 3)
        _ = state.handle(key: .character("n"))
        _ = state.handle(key: .character("n"))
        #expect(state.networkPage == 2)
        state.noteScreen(width: 120, height: 40, glyphs: .unicode)
        #expect(state.networkPageCount == 1)
        #expect(state.networkPage == 0, "the terminal grew: one page")
    }
}
