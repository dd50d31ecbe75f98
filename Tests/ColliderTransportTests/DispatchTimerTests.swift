import Testing

@testable import ColliderTransport

/// Each TASK is timed from the oldest credit of its peer; a HELLO forgets the peer's credits.
struct DispatchTimerTests {
    let alpha: [UInt8] = Array("alpha".utf8)
    let beta: [UInt8] = Array("beta".utf8)

    @Test func eachTaskSpendsItsPeersOldestCredit() {
        var timer = DispatchTimer()
        timer.credited(alpha, count: 2, at: 100)
        timer.credited(beta, count: 1, at: 150)
        timer.credited(alpha, count: 1, at: 300)
        #expect(timer.taskSent(to: beta, at: 160) == 10)
        #expect(timer.taskSent(to: alpha, at: 400) == 300)
        #expect(timer.taskSent(to: alpha, at: 410) == 310)
        #expect(timer.taskSent(to: alpha, at: 420) == 120)
        #expect(timer.taskSent(to: alpha, at: 430) == nil, "no credit left")
        #expect(timer.taskSent(to: beta, at: 430) == nil)
    }

    @Test func aHelloForgetsThePeersCredits() {
        var timer = DispatchTimer()
        timer.credited(alpha, count: 3, at: 100)
        timer.introduced(alpha)
        #expect(timer.taskSent(to: alpha, at: 200) == nil)
        timer.credited(alpha, count: 1, at: 250)
        #expect(timer.taskSent(to: alpha, at: 260) == 10)
    }

    @Test func creditsBeyondTheLimitAreNotTimed() {
        var timer = DispatchTimer()
        timer.credited(alpha, count: DispatchTimer.maximumPending + 5, at: 1)
        timer.credited(alpha, count: 1, at: 2)
        for _ in 0..<DispatchTimer.maximumPending { #expect(timer.taskSent(to: alpha, at: 10) == 9) }
        #expect(timer.taskSent(to: alpha, at: 10) == nil)
    }
}
