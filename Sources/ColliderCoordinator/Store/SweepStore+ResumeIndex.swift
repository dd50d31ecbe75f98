import GRDB

extension SweepStore {
    /// The tasks that stored a checkpoint or a call-journal entry: the only ones whose resume
    /// point is not empty.
    public func tasksWithResumeData() throws(StoreError) -> Set<String> {
        try read("list the tasks with a resume point") { db in
            Set(try String.fetchAll(db, sql: "SELECT task_id FROM checkpoints UNION SELECT task_id FROM journal"))
        }
    }
}
