import ColliderCore
import Foundation
import Testing

struct OpenFileLimitTests {
    @Test func theWarningStartsAtNineTenthsOfTheLimit() {
        #expect(OpenFileLimit.warning(inUse: 921, limit: 1024) == nil)
        #expect(OpenFileLimit.warning(inUse: 922, limit: 1024) != nil)
        #expect(OpenFileLimit.warning(inUse: 1024, limit: 1024)?.contains("1024 of this process's 1024") == true)
        #expect(OpenFileLimit.warning(inUse: 0, limit: 64) == nil)
    }

    /// The count sees descriptors this test holds open (other tests open and close their own
    /// meanwhile, so only a lower bound is certain).
    @Test func inUseCountsThisProcessDescriptors() throws {
        let handles = try (0..<64).map { _ in try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/null")) }
        defer { handles.forEach { try? $0.close() } }
        let during = try #require(OpenFileLimit.inUse())
        #expect(during >= handles.count)
        #expect(OpenFileLimit.current >= during)
    }
}
