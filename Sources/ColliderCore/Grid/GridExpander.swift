/// Expands a sweep's grid into its task DAG (architecture.md, "Tasks").
///
/// Run tasks: backbone × mode × gate × seed, with `single` expanded once per criterion.
/// Analysis tasks: one `cherry_pick` per backbone × gate over that cell's Single-Task runs (when
/// the grid has `single`), and one `gradient_specificity` / `feedback_adherence` task per run,
/// depending on that run. The order is deterministic: grid order, then analyses.
public enum GridExpander {
    /// The tasks of `config`, whose data set has fingerprint `datasetFingerprint`.
    public static func tasks(for config: SweepConfig, datasetFingerprint: String) -> [SweepTask] {
        let dataset = TaskIdentity.DatasetIdentity(config.dataset, fingerprint: datasetFingerprint)
        let hasher = TaskIdentityHasher(pipeline: config.pipeline, compat: config.compat)
        var runs: [SweepTask] = []
        var cherryPicks: [SweepTask] = []

        for backboneName in config.grid.backbones {
            guard let backbone = config.backbones[backboneName] else { continue }
            let roles = Dictionary(
                uniqueKeysWithValues: [Role.task, .loss, .gradient, .optimizer].compactMap { role in
                    backbone[role].map { (role.rawValue, TaskIdentity.RoleIdentity($0)) }
                })
            let parts = hasher.parts(dataset: dataset, roles: roles)
            func id(_ kind: TaskKind, mode: Mode?, gate: Gate, seed: Int?, criterion: String?,
                    dependsOn: [String]) -> String {
                let identity = TaskIdentity(
                    kind: kind, dataset: dataset, pipeline: config.pipeline, compat: config.compat,
                    backbone: backboneName, roles: roles, mode: mode, gate: gate, seed: seed,
                    criterion: criterion, dependsOn: dependsOn)
                return hasher.id(identity, parts: parts)
            }
            for gate in config.grid.gates {
                var singleRuns: [String] = []
                for mode in config.grid.modes {
                    let criteria: [String?] = mode == .single ? config.dataset.criteria : [nil]
                    for criterion in criteria {
                        for seed in config.grid.seeds {
                            let id = id(
                                .run, mode: mode, gate: gate, seed: seed, criterion: criterion, dependsOn: [])
                            runs.append(
                                SweepTask(
                                    id: id, kind: .run, backbone: backboneName, mode: mode, gate: gate,
                                    seed: seed, criterion: criterion, dependsOn: []))
                            if mode == .single { singleRuns.append(id) }
                        }
                    }
                }
                if config.analyses.cherryPick && !singleRuns.isEmpty {
                    let id = id(.cherryPick, mode: nil, gate: gate, seed: nil, criterion: nil, dependsOn: singleRuns)
                    cherryPicks.append(
                        SweepTask(
                            id: id, kind: .cherryPick, backbone: backboneName, mode: nil, gate: gate,
                            seed: nil, criterion: nil, dependsOn: singleRuns))
                }
            }
        }
        return runs + cherryPicks + diagnostics(for: runs, config: config, hasher: hasher)
    }

    /// One task per diagnostic per run; the judge's role config is part of its identity.
    private static func diagnostics(for runs: [SweepTask], config: SweepConfig, hasher: TaskIdentityHasher)
        -> [SweepTask]
    {
        guard let judge = config.judge else { return [] }
        let roles = [Role.judge.rawValue: TaskIdentity.RoleIdentity(judge)]
        let parts = hasher.parts(dataset: nil, roles: roles)
        let kinds = [
            config.analyses.gradientSpecificity ? TaskKind.gradientSpecificity : nil,
            config.analyses.feedbackAdherence ? TaskKind.feedbackAdherence : nil,
        ].compactMap { $0 }
        var result: [SweepTask] = []
        for kind in kinds {
            for run in runs {
                let identity = TaskIdentity(
                    kind: kind, dataset: nil, pipeline: config.pipeline,
                    compat: config.compat, backbone: run.backbone,
                    roles: roles, mode: run.mode, gate: run.gate,
                    seed: run.seed, criterion: run.criterion, dependsOn: [run.id])
                result.append(
                    SweepTask(
                        id: hasher.id(identity, parts: parts), kind: kind, backbone: run.backbone, mode: run.mode,
                        gate: run.gate, seed: run.seed, criterion: run.criterion, dependsOn: [run.id]))
            }
        }
        return result
    }
}
