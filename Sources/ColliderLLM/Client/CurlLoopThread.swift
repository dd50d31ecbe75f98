import ColliderCore
import CCurl
import Foundation
import Logging

/// The body of the one thread that owns a multi handle: it adds queued requests, drops cancelled
/// ones, drives libcurl and blocks in `curl_multi_poll` until a socket is ready, a timeout is due or
/// `curl_multi_wakeup` says the inbox has work. Every easy handle and transfer is confined to it.
final class CurlLoopThread {
    private let shared: CurlMultiLoop
    private var active: [UInt64: CurlTransfer] = [:]
    /// Finished easy handles, reset and kept for the next requests.
    private var idle: [CurlEasy] = []
    private let maxIdle: Int

    private init(shared: CurlMultiLoop, maxIdle: Int) {
        self.shared = shared
        self.maxIdle = maxIdle
    }

    /// Starts the thread for `shared`; it runs until `shared` is asked to stop.
    static func start(_ shared: CurlMultiLoop, maxIdle: Int) {
        Thread.startNamed("curl-loop") {
            CurlLoopThread(shared: shared, maxIdle: maxIdle).run()
        }
    }

    private func run() {
        while true {
            let work = shared.takeWork()
            for id in work.cancelled {
                if let transfer = active.removeValue(forKey: id) { retire(transfer) }
            }
            if work.stopping { break }
            for job in work.queued { begin(job.id, job.request) }
            var running: Int32 = 0
            let performed = curl_multi_perform(shared.multi, &running)
            if performed != CURLM_OK {
                shared.logger.error(
                    "curl_multi_perform failed", metadata: ["error": "\(CurlError("curl_multi_perform", performed))"])
            }
            collectFinished()
            let polled = curl_multi_poll(shared.multi, nil, 0, 1000, nil)
            if polled != CURLM_OK {
                shared.logger.error(
                    "curl_multi_poll failed", metadata: ["error": "\(CurlError("curl_multi_poll", polled))"])
            }
        }
        for (id, transfer) in active {
            retire(transfer)
            shared.finish(id, .failure(TransportError(.shutdown, "the HTTP client is shut down")))
        }
        active = [:]
        shared.threadDidExit()
        idle = []
    }

    private func begin(_ id: UInt64, _ request: HTTPRequest) {
        do throws(CurlError) {
            let easy: CurlEasy
            if let reused = idle.popLast() { easy = reused } else { easy = try CurlEasy() }
            let transfer = try CurlTransfer(id: id, easy: easy, request: request)
            let added = curl_multi_add_handle(shared.multi, easy.handle)
            guard added == CURLM_OK else { throw CurlError("curl_multi_add_handle", added) }
            active[id] = transfer
        } catch {
            shared.finish(id, .failure(TransportError(.other, error.description)))
        }
    }

    private func collectFinished() {
        var queuedMessages: Int32 = 0
        while let message = curl_multi_info_read(shared.multi, &queuedMessages) {
            guard message.pointee.msg == CURLMSG_DONE else { continue }
            let handle = message.pointee.easy_handle
            let code = message.pointee.data.result
            guard let (id, transfer) = active.first(where: { $0.value.easy.handle == handle }) else { continue }
            active[id] = nil
            let result = transfer.result(code)
            retire(transfer)
            shared.finish(id, result)
        }
    }

    /// Detaches the transfer's easy handle from the multi handle and keeps it for reuse.
    private func retire(_ transfer: CurlTransfer) {
        curl_multi_remove_handle(shared.multi, transfer.easy.handle)
        transfer.easy.reset()
        if idle.count < maxIdle { idle.append(transfer.easy) }
    }
}
