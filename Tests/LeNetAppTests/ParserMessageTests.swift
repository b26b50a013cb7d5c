import LeNetApp
import Testing

/// argument-parser's messages (as `lenet-tui` 0.1.0 printed them before this rewrite) turned into one line.
@Suite struct ParserMessageTests {
    @Test func invalidValueNamesTheFlagAndTheHelp() {
        let message = """
            Error: The value 'abc' is invalid for '--epochs <n>'
            Help:  --epochs <n>  Number of epochs (total, also when resuming; at most 100000).
            Usage: lenet-tui train <options>
              See 'lenet-tui train --help' for more information.
            """
        #expect(ParserMessage.oneLine(message)
                == "lenet-tui: error: the value 'abc' is invalid for '--epochs <n>' (see 'lenet-tui train --help')")
    }

    @Test func unknownOptionKeepsOurSuggestion() {
        let message = """
            Error: Unknown option '--epcohs'. Did you mean '--epochs'?
            Usage: lenet-tui train <options>
              See 'lenet-tui train --help' for more information.
            """
        #expect(ParserMessage.oneLine(message)
                == "lenet-tui: error: unknown option '--epcohs'; did you mean '--epochs'? (see 'lenet-tui train --help')")
    }

    @Test func missingArgumentAndControlCharacters() {
        #expect(ParserMessage.oneLine("""
            Error: Missing expected argument '<file> ...'
            Help:  <file>  Sketch files (text art or PGM).
            Usage: lenet-tui predict <file> ... [--checkpoint <path>] [--json]
              See 'lenet-tui predict --help' for more information.
            """) == "lenet-tui: error: missing expected argument '<file> ...' (see 'lenet-tui predict --help')")
        #expect(ParserMessage.oneLine("Error: The value '\u{1B}[2J' is invalid for '--seed <n>'")
                == "lenet-tui: error: the value '\\u{1B}[2J' is invalid for '--seed <n>'")
    }

    @Test func helpAndVersionTextsStayAsTheyAre() {
        let help = "OVERVIEW: Train LeNet-5\n\nUSAGE: lenet-tui <subcommand>\n"
        #expect(ParserMessage.oneLine(help) == help)
        #expect(ParserMessage.oneLine("0.1.0 (kernels avx512 16-lane)") == "0.1.0 (kernels avx512 16-lane)")
    }
}
