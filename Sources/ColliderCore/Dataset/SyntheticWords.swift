/// Word lists for the synthetic news articles (``SyntheticDataset``). Changing any list changes
/// `data/synthetic.jsonl`; the byte-for-byte test will say so.
enum SyntheticWords {
    static let cities = [
        "Springfield", "Riverton", "Lakeside", "Brookfield", "Fairview", "Millbrook", "Oakdale",
        "Westport", "Ashford", "Kingsbury", "Harborview", "Elmwood",
    ]
    static let firstNames = [
        "Maria", "James", "Aisha", "Daniel", "Priya", "Thomas", "Elena", "Samuel", "Grace", "Omar",
        "Hannah", "Lucas", "Sofia", "Victor", "Naomi", "Peter",
    ]
    static let lastNames = [
        "Alvarez", "Bennett", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Ibrahim",
        "Jensen", "Kowalski", "Laurent", "Moreau", "Novak", "Okafor", "Patel",
    ]
    static let organisations = [
        "city council", "regional health board", "school district", "transport authority",
        "water utility", "parks department", "housing agency", "county board",
    ]
    static let roles = ["chair", "director", "spokesperson", "deputy head", "chief executive", "treasurer"]
    /// What the organisation will do, and to how many of what.
    static let plans: [(action: String, things: String)] = [
        ("build", "schools"), ("open", "clinics"), ("hire", "nurses"), ("plant", "orchards"),
        ("install", "bus shelters"), ("build", "bridges"), ("open", "libraries"),
        ("buy", "electric buses"), ("create", "parks"), ("train", "firefighters"), ("hire", "teachers"),
    ]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    static let venues = [
        "town hall", "public library", "community centre", "old theatre", "harbour museum", "city stadium",
    ]
    static let districts = ["north", "harbour", "old town", "east", "riverside", "market"]
    static let concerns = [
        "traffic", "noise", "rising rents", "parking", "construction dust", "school places",
    ]
    static let occupations = ["shop owner", "teacher", "nurse", "bus driver", "retired engineer", "student"]
    static let weathers = ["sunny", "cold and wet", "windy", "unusually warm", "foggy"]
    /// Sentences that say nothing (relevance defects).
    static let fillers = [
        "Many people are following the story closely.",
        "It remains to be seen what will happen next.",
        "The story has attracted a lot of attention.",
    ]
    /// Openers that contradict or presuppose what came before (coherence defects).
    static let misleadingConnectives = ["In contrast, ", "As a result, ", "Despite this, "]
}

extension SeededGenerator {
    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[index(below: items.count)]
    }

    /// A uniformly chosen element of `items` other than `excluded` (the array must hold another).
    mutating func pick<T: Equatable>(_ items: [T], other excluded: T) -> T {
        let others = items.filter { $0 != excluded }
        return others[index(below: others.count)]
    }
}
