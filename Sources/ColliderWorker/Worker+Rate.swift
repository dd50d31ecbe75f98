import ColliderTransport
import Foundation

extension Worker {
    /// Checks the fleet-rate agent every `options.rate.tickInterval` and sends its RATE_REQs,
    /// until cancelled.
    func runRateTicks() async {
        while !Task.isCancelled && !stopped {
            for message in await rate.tick() { await send(message) }
            try? await Task.sleep(for: options.rate.tickInterval)
        }
    }

    /// Routes RATE_GRANT and RATE_PAUSE to the agent; other messages are not its business.
    func handleRate(_ message: Message) async {
        switch message {
        case .rateGrant(let grant): await rate.received(grant)
        case .ratePause(let pause): await rate.paused(pause)
        default: break
        }
    }
}
