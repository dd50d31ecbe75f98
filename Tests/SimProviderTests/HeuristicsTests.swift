import Foundation
import Testing

@testable import SimProvider

@Suite struct HeuristicsTests {
    private func key(_ seed: UInt64, _ prompt: String) throws -> RequestKey {
        try RequestKey(body: .string(prompt), role: .task, seed: seed)
    }

    @Test func parsesTheTaskPromptLayout() {
        let prompt = TaskPrompt(parsing: Prompts.task(summary: "A summary.", formatValues: "1|2|3"))
        #expect(prompt.criteria == Prompts.criteria)
        #expect(prompt.instructions["relevance"] == "Rate from 1 to 5.")
        #expect(prompt.scale == 1...3)
        #expect(prompt.summary == "A summary.")
        #expect(prompt.source.hasPrefix("The city council of Springfield"))
    }

    @Test func defaultsToOneToFiveWithoutAFormatBlock() {
        let prompt = TaskPrompt(parsing: Prompts.task(summary: "A summary.", formatValues: nil))
        #expect(prompt.scale == 1...5)
        #expect(prompt.criteria.count == 4)
    }

    @Test(arguments: Prompts.criteria)
    func aFluentSummaryOutscoresABrokenOneOnAverage(criterion: String) throws {
        var fluent = 0
        var broken = 0
        for seed in 0..<20 as Range<UInt64> {
            let good = Prompts.task(summary: Prompts.fluentSummary)
            let bad = Prompts.task(summary: Prompts.brokenSummary)
            fluent += try TaskScorer.scores(for: TaskPrompt(parsing: good), key: key(seed, good))
                .first { $0.0 == criterion }!.1
            broken += try TaskScorer.scores(for: TaskPrompt(parsing: bad), key: key(seed, bad))
                .first { $0.0 == criterion }!.1
        }
        #expect(fluent > broken, "\(criterion): fluent \(fluent) vs broken \(broken) over 20 seeds")
    }

    @Test(arguments: CriterionCues.knownCriteria)
    func everyAdviceSentenceNamesACueOfItsCriterion(criterion: String) {
        let cues = CriterionCues.of(criterion)
        #expect(cues.advice.allSatisfy { cues.hits(in: $0) > 0 })
    }

    @Test func inventedNumbersAndNamesLowerConsistency() {
        let faithful = CriterionHeuristics.consistency(Prompts.fluentSummary, source: Prompts.source)
        let invented = CriterionHeuristics.consistency(
            "The council approved 90 million dollars. Governor Smith said Boston gets 12 schools.",
            source: Prompts.source)
        #expect(faithful > invented)
    }

    @Test func aDanglingOpenerAndReversedOrderLowerCoherence() {
        let ordered = CriterionHeuristics.coherence(Prompts.fluentSummary, source: Prompts.source)
        let reversed = CriterionHeuristics.coherence(
            "However, the schools will open in 2026. Carter said it funds three schools. The council approved a budget.",
            source: Prompts.source)
        #expect(ordered > reversed)
    }

    @Test func namingCuesSharpensAndLongOtherInstructionsBlur() {
        let plain = NoiseModel.spreads(for: TaskPrompt(parsing: Prompts.task(summary: "S.")))
        let sharpened = NoiseModel.spreads(
            for: TaskPrompt(
                parsing: Prompts.task(summary: "S.", instructions: ["fluency": "Check grammar, punctuation and spelling."])))
        #expect(sharpened["fluency"]! < plain["fluency"]!)
        #expect(sharpened["coherence"]! == plain["coherence"]!)

        let long = String(repeating: "Consider the whole summary with care. ", count: 60)
        let blurred = NoiseModel.spreads(
            for: TaskPrompt(parsing: Prompts.task(summary: "S.", instructions: ["relevance": long])))
        #expect(blurred["fluency"]! > plain["fluency"]!)
        #expect(blurred["fluency"]! > blurred["relevance"]!)
    }

    @Test func scoresStayInTheScaleForEveryCriterion() throws {
        let text = Prompts.task(summary: Prompts.brokenSummary, formatValues: "1|2|3", criteria: ["fluency", "tone"])
        let scores = TaskScorer.scores(for: TaskPrompt(parsing: text), key: try key(7, text))
        #expect(scores.map(\.0) == ["fluency", "tone"])
        #expect(scores.allSatisfy { (1...3).contains($0.1) })
    }

    @Test func theGradientHasExactlyThreeParagraphsNamingTheCriteria() throws {
        let text = CritiqueWriter.gradient(prompt: Prompts.gradient, key: try key(1, Prompts.gradient))
        let paragraphs = text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3)
        #expect(paragraphs.allSatisfy { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
        #expect(text.contains("fluency") && text.contains("consistency"))
    }

    @Test func theLossCritiqueNamesTheCriterionAndTheGap() throws {
        let text = CritiqueWriter.loss(prompt: Prompts.loss, key: try key(1, Prompts.loss))
        #expect(text.contains("coherence"))
        #expect(text.contains("2.00"))
    }
}
