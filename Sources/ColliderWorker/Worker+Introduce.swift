extension Worker {
    /// The coordinator does not know this worker (PONG with `known: false`): it restarted faster
    /// than `coordinatorSilence`, or gave this worker up while the link was down, and ignores its
    /// CREDIT until it hears HELLO. Says HELLO again, re-announcing the leases held — unless it did
    /// within the last two heartbeats: the request may answer a message sent before that HELLO.
    func introduceAgain() async {
        guard ContinuousClock.now - introducedAt >= options.heartbeat * 2 else { return }
        logger.warning("the coordinator does not know this worker (restarted?); saying HELLO again")
        await introduce()
    }
}
