import Testing

@testable import ColliderCore

struct GridExpanderTests {
    @Test func singleExpandsPerCriterionAndOthersDoNot() {
        let tasks = GridExpander.tasks(
            for: Fixtures.paper(modes: [.single, .SSS], gates: [.mae], seeds: [1, 2]), datasetFingerprint: "f")
        let single = tasks.filter { $0.mode == .single }
        #expect(single.count == 8)
        #expect(Set(single.compactMap(\.criterion)) == Set(Fixtures.criteria))
        #expect(tasks.filter { $0.mode == .SSS }.allSatisfy { $0.criterion == nil })
        #expect(Set(tasks.map(\.id)).count == tasks.count)
    }

    /// Appendix D: five modes × gate mae × three seeds = 24 run tasks.
    @Test func deepseekGridHas24Runs() {
        let tasks = GridExpander.tasks(
            for: Fixtures.paper(gates: [.mae], backbones: ["deepseek"]), datasetFingerprint: "f")
        #expect(tasks.count == 24)
    }

    @Test func cherryPickDependsOnItsCellsSingleRuns() throws {
        let tasks = GridExpander.tasks(
            for: Fixtures.paper(modes: [.single, .CCC], analyses: AnalysesConfig(cherryPick: true)),
            datasetFingerprint: "f")
        let picks = tasks.filter { $0.kind == .cherryPick }
        #expect(picks.count == 2)
        for pick in picks {
            let expected = tasks.filter { $0.mode == .single && $0.gate == pick.gate }.map(\.id)
            #expect(pick.dependsOn == expected)
            #expect(expected.count == 12)
        }
    }

    @Test func diagnosticsDependOnTheRunTheyJudge() {
        let tasks = GridExpander.tasks(
            for: Fixtures.paper(modes: [.SSS], gates: [.mae], seeds: [1],
                                analyses: AnalysesConfig(gradientSpecificity: true, feedbackAdherence: true)),
            datasetFingerprint: "f")
        let run = tasks[0]
        #expect(tasks.map(\.kind) == [.run, .gradientSpecificity, .feedbackAdherence])
        #expect(tasks.dropFirst().allSatisfy { $0.dependsOn == [run.id] && $0.seed == 1 && $0.mode == .SSS })
    }

    @Test func idsAreStableAcrossExpansions() {
        let a = GridExpander.tasks(for: Fixtures.paper(backbones: ["qwen3", "deepseek"]), datasetFingerprint: "f")
        let b = GridExpander.tasks(for: Fixtures.paper(backbones: ["qwen3", "deepseek"]), datasetFingerprint: "f")
        #expect(a == b)
        #expect(a.allSatisfy { $0.id.count == 64 && $0.id.allSatisfy(\.isHexDigit) })
    }

    @Test func changingOneBackbonesTemperatureChangesOnlyItsIds() {
        let analyses = AnalysesConfig(cherryPick: true, gradientSpecificity: true)
        let before = GridExpander.tasks(
            for: Fixtures.paper(backbones: ["qwen3", "deepseek"], analyses: analyses), datasetFingerprint: "f")
        var edited = Fixtures.paper(backbones: ["qwen3", "deepseek"], analyses: analyses)
        edited.backbones["deepseek"]?.gradient.temperature = 0.5
        let after = GridExpander.tasks(for: edited, datasetFingerprint: "f")
        #expect(before.count == after.count)
        for (old, new) in zip(before, after) {
            if old.backbone == "qwen3" {
                #expect(old.id == new.id, "\(old.label) changed")
            } else {
                #expect(old.id != new.id, "\(old.label) kept its id")
            }
        }
    }

    @Test func addingASeedKeepsExistingIds() {
        let before = Set(GridExpander.tasks(for: Fixtures.paper(seeds: [1, 2]), datasetFingerprint: "f").map(\.id))
        let after = Set(GridExpander.tasks(for: Fixtures.paper(seeds: [1, 2, 3]), datasetFingerprint: "f").map(\.id))
        #expect(before.isSubset(of: after))
        #expect(after.count == before.count * 3 / 2)
    }

    @Test(arguments: [
        "fingerprint", "steps", "compat", "directive", "seed", "endpointLimits",
    ])
    func idsReactOnlyToWhatDeterminesTheWork(_ change: String) {
        let base = Fixtures.paper(modes: [.SSS], gates: [.mae], seeds: [1])
        var config = base
        var fingerprint = "f"
        var shouldChange = true
        switch change {
        case "fingerprint": fingerprint = "g"
        case "steps": config.pipeline.steps = 11
        case "compat": config.compat.releasedTemperatures = true
        case "directive": config.dataset.directive += " Be strict."
        case "seed": config.grid.seeds = [2]
        default:
            config.endpoints["api"]?.requestsPerMinute = 1
            config.endpoints["api"]?.baseURL = "https://elsewhere.invalid/v1"
            shouldChange = false
        }
        let old = GridExpander.tasks(for: base, datasetFingerprint: "f")[0].id
        let new = GridExpander.tasks(for: config, datasetFingerprint: fingerprint)[0].id
        #expect((old != new) == shouldChange)
    }
}
