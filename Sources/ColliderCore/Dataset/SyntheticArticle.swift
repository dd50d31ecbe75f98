/// The facts of one synthetic news story and its article text (``SyntheticDataset``).
struct SyntheticArticle {
    /// The facts a good summary states; consistency defects contradict them.
    struct KeyFacts: Equatable {
        var person: String
        var role: String
        var organisation: String
        var action: String
        var things: String
        var number: Int
        var city: String
        var money: Int
        var month: String
    }

    var facts: KeyFacts
    /// Minor details a summary should leave out; relevance defects put them in.
    var venue: String
    var weather: String
    /// The article: 6–10 sentences.
    var sentences: [String]

    init(generator g: inout SeededGenerator) {
        typealias W = SyntheticWords
        let plan = g.pick(W.plans)
        facts = KeyFacts(
            person: g.pick(W.firstNames) + " " + g.pick(W.lastNames), role: g.pick(W.roles),
            organisation: g.pick(W.organisations), action: plan.action, things: plan.things,
            number: 3 + g.index(below: 38), city: g.pick(W.cities), money: 2 + g.index(below: 89),
            month: g.pick(W.months))
        venue = g.pick(W.venues)
        weather = g.pick(W.weathers)
        let f = facts
        let optional = [
            "Residents of the \(g.pick(W.districts)) district have raised concerns about \(g.pick(W.concerns)).",
            "\(g.pick(W.firstNames)) \(g.pick(W.lastNames)), a local \(g.pick(W.occupations)), said the change was long overdue.",
            "Similar plans were approved in \(g.pick(W.cities, other: f.city)) last year.",
            "Critics argue that the money should be spent on \(g.pick(W.concerns)) instead.",
        ]
        let extra = g.index(below: optional.count + 1)
        let chosen = g.shuffled(Array(optional.indices)).prefix(extra).sorted().map { optional[$0] }
        sentences =
            [
                "\(f.city) officials said on \(g.pick(W.days)) that the \(f.organisation) will \(f.action) \(f.number) new \(f.things) over the next \(2 + g.index(below: 5)) years.",
                "\(f.person), the \(f.role) of the \(f.organisation), said the plan had been discussed for \(3 + g.index(below: 16)) months.",
                "The announcement was made at the \(venue), which opened in \(1950 + g.index(below: 61)).",
                "The project is expected to cost \(f.money) million dollars, paid for partly by a state grant.",
            ] + chosen + [
                "The weather on the day of the announcement was \(weather).",
                "A final vote on the plan is expected in \(f.month).",
            ]
    }
}
